using System.Diagnostics;

namespace VeerkrachtBot.Tools.Tests;

/// <summary><c>veerkracht agreement</c>: kappa, F1, identical sets and the main theme, checked against figures worked out by hand.</summary>
public sealed class AgreementCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("veerkracht-agreement-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Agreement_PrintsKappaF1AndMainThemeAgreement()
    {
        var corpus = Path.Combine(_folder, "a.jsonl");
        var second = Path.Combine(_folder, "b.jsonl");
        await File.WriteAllLinesAsync(corpus, [
            """{"id":"m1","text":"schimmel","language":"nl","themes":["housing"],"sentiment":"negative"}""",
            """{"id":"m2","text":"huur te hoog","language":"nl","themes":["housing","livelihood"],"sentiment":"negative"}""",
            """{"id":"m3","text":"hallo","language":"nl","themes":[],"sentiment":"neutral"}""",
            """{"id":"m4","text":"yoga","language":"en","themes":["sport"],"sentiment":"positive"}""",
        ]);
        await File.WriteAllLinesAsync(second, [
            """{"id":"m1","themes":["housing"]}""",
            """{"id":"m2","themes":["livelihood"]}""",
            """{"id":"m3","themes":[]}""",
            """{"id":"m4","themes":["sport","health"]}""",
        ]);
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "veerkracht.dll"), "agreement", second, "--corpus", corpus },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = (await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60))).Split('\n');
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        // housing: A 2, B 1, agreement 3 of 4, chance 2/4·1/4 + 2/4·3/4 = 0.5, so kappa 0.5; F1 2·1/(2·1+0+1).
        Assert.Equal(["housing", "2", "1", "0.500", "0.667"], output.Single(l => l.StartsWith("housing", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(output, l => l.StartsWith("identical theme sets: 2 of 4", StringComparison.Ordinal));
        // First themes housing/housing, housing/livelihood, none/none, sport/sport: 3 of 4; chance 4/16, kappa 0.667.
        Assert.Contains(output, l => l.StartsWith("same main (first) theme: 3 of 4", StringComparison.Ordinal) && l.EndsWith("kappa 0.667", StringComparison.Ordinal));
    }
}
