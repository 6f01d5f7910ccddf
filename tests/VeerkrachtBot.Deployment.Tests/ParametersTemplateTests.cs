using System.Text.Json.Nodes;

namespace VeerkrachtBot.Deployment.Tests;

/// <summary>Parameters, locations and tags of the compiled template, and the parameter files per environment.</summary>
public sealed class ParametersTemplateTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Committed;

    // Resources that carry tags (child resources such as channels, firewall rules and role assignments take none).
    private static readonly string[] TaggedTypes =
    [
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "Microsoft.OperationalInsights/workspaces",
        "Microsoft.Insights/components",
        "Microsoft.KeyVault/vaults",
        "Microsoft.Sql/servers",
        "Microsoft.Sql/servers/databases",
        "Microsoft.CognitiveServices/accounts",
        "Microsoft.Web/serverfarms",
        "Microsoft.Web/sites",
        "Microsoft.BotService/botServices",
    ];

    [Fact]
    public void Location_DefaultsToWestEurope()
    {
        Assert.Equal("westeurope", (string?)Template.MainParameter("location").DefaultValue);
    }

    [Fact]
    public void EveryResource_IsInTheLocationParameterOrGlobal()
    {
        // The main template hands its location parameter to every module that takes one...
        foreach (var module in Template.Resources.Where(resource => resource.Module == "main" && resource.Type == "Microsoft.Resources/deployments"))
        {
            if (module.ModuleParameter("location") is { } location)
            {
                Assert.Equal("[parameters('location')]", (string?)location);
            }
        }
        // ...and every resource with a location uses it, except the Azure Bot, a global service.
        foreach (var resource in Template.Resources.Where(resource => resource.Node["location"] is not null))
        {
            var location = (string?)resource.Node["location"];
            var allowed = resource.Type.StartsWith("Microsoft.BotService/", StringComparison.Ordinal) ? "global" : "[parameters('location')]";
            Assert.True(location == allowed, $"{resource.Type} ({resource.Module}) is in {location}.");
        }
    }

    [Fact]
    public void NoSecureParameter_HasADefaultValue()
    {
        foreach (var parameter in Template.Parameters.Where(parameter => parameter.IsSecure))
        {
            Assert.True(parameter.DefaultValue is null, $"Secure parameter {parameter.Name} ({parameter.Module}) has a default value.");
        }
    }

    [Fact]
    public void NoParameter_LooksLikeASecret()
    {
        // Nothing in this deployment needs a secret from the person deploying: identities replace passwords and the
        // Direct Line secret goes from the channel into Key Vault.
        foreach (var parameter in Template.Parameters.Where(parameter => parameter.Module == "main"))
        {
            Assert.False(parameter.IsSecure, $"{parameter.Name} is a secure parameter.");
            Assert.DoesNotContain("password", parameter.Name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret", parameter.Name, StringComparison.OrdinalIgnoreCase);
            Assert.False(parameter.Name.EndsWith("key", StringComparison.OrdinalIgnoreCase), $"{parameter.Name} looks like a key.");
        }
    }

    [Fact]
    public void EveryTopLevelResource_IsTagged()
    {
        foreach (var type in TaggedTypes)
        {
            Assert.Equal("[parameters('tags')]", (string?)Template.Single(type).Node["tags"]);
        }
        foreach (var module in Template.Resources.Where(resource => resource.Module == "main" && resource.Type == "Microsoft.Resources/deployments" && resource.ModuleParameter("tags") is not null))
        {
            Assert.Equal("[variables('allTags')]", (string?)module.ModuleParameter("tags"));
        }
    }

    [Theory]
    [InlineData("parameters.test.json", "test")]
    [InlineData("parameters.production.json", "production")]
    public void ParameterFile_SetsOnlyTemplateParametersWithAllowedValues(string file, string environment)
    {
        var values = ParameterFile(file);

        Assert.Equal(environment, (string?)values["environmentName"]!["value"]);
        Assert.Equal("westeurope", (string?)values["location"]!["value"]);
        foreach (var (name, entry) in values)
        {
            var definition = Template.Parameters.SingleOrDefault(parameter => parameter.Module == "main" && parameter.Name == name);
            Assert.True(definition is not null, $"{file} sets {name}, which main.bicep does not have.");
            var value = entry!["value"]!;
            if (definition.Definition["allowedValues"] is JsonArray allowed)
            {
                Assert.Contains(allowed, option => JsonNode.DeepEquals(option, value));
            }
            if (definition.Definition["minValue"] is { } min)
            {
                Assert.True(value.GetValue<int>() >= min.GetValue<int>(), $"{name} in {file} is below {min}.");
            }
            if (definition.Definition["maxValue"] is { } max)
            {
                Assert.True(value.GetValue<int>() <= max.GetValue<int>(), $"{name} in {file} is above {max}.");
            }
        }
        // What a file cannot know is given on the command line (see the README): the SQL admin of the municipality.
        var missing = Template.Parameters
            .Where(parameter => parameter.Module == "main" && parameter.DefaultValue is null && !values.ContainsKey(parameter.Name))
            .Select(parameter => parameter.Name)
            .Order();
        Assert.Equal(["sqlAdminLogin", "sqlAdminObjectId"], missing);
    }

    [Fact]
    public void Production_RunsTwoInstances()
    {
        Assert.True(ParameterFile("parameters.production.json")["instanceCount"]!["value"]!.GetValue<int>() >= 2);
    }

    private static JsonObject ParameterFile(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Templates, file)))!["parameters"]!.AsObject();
}
