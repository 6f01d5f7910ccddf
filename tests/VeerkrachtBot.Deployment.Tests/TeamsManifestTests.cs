using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using VeerkrachtBot.Tools.Teams;

namespace VeerkrachtBot.Deployment.Tests;

/// <summary>
/// The Teams app package in deploymentTemplates/teams: the manifest validates offline against Microsoft's v1.30 schema
/// (bundled in npm @microsoft/app-manifest), keeps Teams' limits, the icons have the right sizes and transparency, and
/// the packaging command fills in the app id.
/// </summary>
public sealed class TeamsManifestTests
{
    private static string Folder => Path.Combine(Repository.Templates, "teams");

    private static string ManifestPath => Path.Combine(Folder, "manifest.json");

    private static JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();

    [Fact]
    public void Manifest_ValidatesAgainstTheOfficialV130Schema_Offline()
    {
        var (schemaFile, problems) = Validate(ManifestPath);

        Assert.EndsWith(Path.Combine("json-schemas", "teams", "v1.30", "MicrosoftTeams.schema.json"), schemaFile, StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public void TheValidator_RefusesAScopeInTheWrongCase()
    {
        var manifest = Manifest();
        manifest["bots"]![0]!["scopes"] = new JsonArray("personal", "groupchat");
        var path = Path.Combine(Path.GetTempPath(), "veerkracht-manifest-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, manifest.ToJsonString());
        try
        {
            Assert.Contains(Validate(path).Problems, p => p.Contains("/bots/0/scopes/1", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Manifest_KeepsTeamsLimits_AndOffersTheBotInEveryScope()
    {
        var manifest = Manifest();
        var bot = manifest["bots"]!.AsArray().Single()!;

        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        Assert.Equal("1.30", manifest["manifestVersion"]!.GetValue<string>());
        Assert.InRange(manifest["name"]!["short"]!.GetValue<string>().Length, 1, 30);
        Assert.InRange(manifest["description"]!["short"]!.GetValue<string>().Length, 1, 80);
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray());
        var lists = bot["commandLists"]!.AsArray();
        Assert.InRange(lists.Count, 1, 3);
        Assert.All(lists, list => Assert.InRange(list!["commands"]!.AsArray().Count, 1, 12));
        Assert.NotEmpty(manifest["validDomains"]!.AsArray());
        Assert.Equal(TeamsPackage.PlaceholderId, manifest["id"]!.GetValue<string>());
    }

    [Fact]
    public void Icons_AreA192ColourIcon_AndA32WhiteOnTransparentOutline()
    {
        var color = Png.Read(Path.Combine(Folder, "color.png"));
        var outline = Png.Read(Path.Combine(Folder, "outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(255, color[96, 20].A);
        var pixels = Enumerable.Range(0, 32 * 32).Select(i => outline[i % 32, i / 32]).ToList();
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
        Assert.Equal(0, outline[0, 0].A);
    }

    [Fact]
    public void ThePackage_HasTheAppIdAsAppAndBotId_TheDomain_AndBothIcons_AndStillValidates()
    {
        var appId = Guid.NewGuid();
        var zipPath = Path.Combine(Path.GetTempPath(), "veerkracht-teams-" + Guid.NewGuid().ToString("N") + ".zip");
        var extracted = zipPath + ".d";
        try
        {
            TeamsPackage.Write(Folder, appId, "app-veerkracht-prd.azurewebsites.net", "1.0.1", zipPath);
            ZipFile.ExtractToDirectory(zipPath, extracted);

            Assert.Equal(["color.png", "manifest.json", "outline.png"], Directory.GetFiles(extracted).Select(f => Path.GetFileName(f)!).Order().ToArray());
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(extracted, "manifest.json")))!;
            Assert.Equal(appId.ToString(), manifest["id"]!.GetValue<string>());
            Assert.Equal(appId.ToString(), manifest["bots"]![0]!["botId"]!.GetValue<string>());
            Assert.Equal("1.0.1", manifest["version"]!.GetValue<string>());
            Assert.Equal(["app-veerkracht-prd.azurewebsites.net"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()).ToArray());
            Assert.Equal("https://app-veerkracht-prd.azurewebsites.net/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
            Assert.Empty(Validate(Path.Combine(extracted, "manifest.json")).Problems);
            Assert.Throws<ArgumentException>(() => TeamsPackage.Write(Folder, Guid.Empty, null, null, zipPath + "2"));
            Assert.Throws<ArgumentException>(() => TeamsPackage.Write(Folder, appId, "https://x.example", null, zipPath + "3"));
        }
        finally
        {
            File.Delete(zipPath);
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    /// <summary>Runs the official validator (teams/validate-manifest.js) with node.</summary>
    private static (string SchemaFile, IReadOnlyList<string> Problems) Validate(string manifestPath)
    {
        var folder = Path.Combine(Repository.Root, "tests", "VeerkrachtBot.Deployment.Tests", "teams");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        start.ArgumentList.Add("validate-manifest.js");
        start.ArgumentList.Add(manifestPath);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the validator did not finish");
        Assert.True(process.ExitCode == 0, "validator failed: " + error.Result);
        var result = JsonNode.Parse(output.Result)!;
        return (result["schemaFile"]!.GetValue<string>(), result["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList());
    }
}
