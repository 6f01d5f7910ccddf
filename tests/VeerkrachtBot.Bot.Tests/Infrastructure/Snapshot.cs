using System.Runtime.CompilerServices;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>
/// Approval testing for card JSON: the approved file sits beside the test in Snapshots/. A difference writes
/// a .received file next to it and fails; review it and rename it to .approved when the change is intended.
/// </summary>
public static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        var approvedPath = Path.Combine(folder, name + ".approved.json");
        var receivedPath = Path.Combine(folder, name + ".received.json");
        actual = actual.ReplaceLineEndings("\n");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(approved is null
            ? $"No approved snapshot yet. Review {receivedPath} and rename it to {Path.GetFileName(approvedPath)}."
            : $"The snapshot changed. Compare {receivedPath} with {approvedPath}.");
    }
}
