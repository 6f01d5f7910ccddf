using System.Text.Json.Nodes;

namespace VeerkrachtBot.Deployment.Tests;

/// <summary>The Bicep in deploymentTemplates/ builds and lints clean, and the committed ARM JSON is what it compiles to.</summary>
public sealed class BicepTemplateTests
{
    [Fact]
    public void Build_CompilesWithoutWarningsOrErrors()
    {
        var folder = Directory.CreateTempSubdirectory("veerkracht-bicep-");
        try
        {
            var output = Path.Combine(folder.FullName, "main.json");

            var result = BicepCli.Run("build", Repository.MainBicep, "--outfile", output);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(result.Error.Trim().Length == 0, "bicep build reported diagnostics:\n" + result.Error);
            Assert.True(File.Exists(output));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Lint_ReportsNothing()
    {
        // Lints main.bicep and every module it uses, with the rules of deploymentTemplates/bicepconfig.json.
        var result = BicepCli.Run("lint", Repository.MainBicep);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True((result.Output + result.Error).Trim().Length == 0, "bicep lint reported diagnostics:\n" + result.Output + result.Error);
    }

    [Fact]
    public void CommittedArmTemplate_IsWhatTheBicepCompilesTo()
    {
        var compiled = BicepCli.Run("build", Repository.MainBicep, "--stdout");
        Assert.True(compiled.ExitCode == 0, compiled.ToString());

        var expected = WithoutGeneratorMetadata(JsonNode.Parse(compiled.Output)!);
        var committed = WithoutGeneratorMetadata(JsonNode.Parse(File.ReadAllText(Repository.CompiledTemplate))!);

        Assert.True(JsonNode.DeepEquals(expected, committed),
            "deploymentTemplates/azuredeploy.json is out of date; regenerate it with: " +
            "~/.nuget/packages/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep build deploymentTemplates/main.bicep --outfile deploymentTemplates/azuredeploy.json");
    }

    [Fact]
    public void BicepFiles_AreFormatted()
    {
        foreach (var file in Directory.GetFiles(Repository.Templates, "*.bicep", SearchOption.AllDirectories))
        {
            var formatted = BicepCli.Run("format", file, "--stdout");

            Assert.True(formatted.ExitCode == 0, formatted.ToString());
            Assert.True(formatted.Output == File.ReadAllText(file), $"{Path.GetRelativePath(Repository.Root, file)} is not formatted; run: bicep format {file}");
        }
    }

    [Fact]
    public void LinterConfiguration_TurnsRulesOnAndNoneOff()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Templates, "bicepconfig.json")))!;
        var core = config["analyzers"]!["core"]!;

        Assert.True(core["enabled"]!.GetValue<bool>());
        var rules = core["rules"]!.AsObject();
        // The rules that are off by default and that this deployment relies on: recent API versions, typed parameters,
        // precise what-if, no hard-coded locations.
        foreach (var rule in new[] { "use-recent-api-versions", "use-user-defined-types", "what-if-short-circuiting", "no-hardcoded-location" })
        {
            Assert.True(rules.ContainsKey(rule), $"bicepconfig.json does not turn on {rule}.");
        }
        foreach (var (name, rule) in rules)
        {
            var level = (string?)rule!["level"];
            Assert.True(level is "warning" or "error", $"Rule {name} has level {level}: fix the template instead of silencing the rule.");
        }
    }

    // The generator block names the Bicep version and a hash of the template text; it is not part of what is deployed.
    private static JsonNode WithoutGeneratorMetadata(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["metadata"] is JsonObject metadata)
                {
                    metadata.Remove("_generator");
                }
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        WithoutGeneratorMetadata(child);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        WithoutGeneratorMetadata(child);
                    }
                }
                break;
        }
        return node;
    }
}
