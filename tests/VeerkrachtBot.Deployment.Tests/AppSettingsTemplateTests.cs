using System.Text.Json.Nodes;

namespace VeerkrachtBot.Deployment.Tests;

/// <summary>
/// The web app's settings in the compiled template. Their names are the app's configuration keys (a double underscore
/// separates sections), so a misspelt name would silently leave the app on its development defaults.
/// </summary>
public sealed class AppSettingsTemplateTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Committed;

    public static TheoryData<string> RequiredNames =>
    [
        "ASPNETCORE_ENVIRONMENT",
        "MicrosoftAppType",
        "MicrosoftAppId",
        "MicrosoftAppTenantId",
        "Database__Provider",
        "Database__ConnectionString",
        "Database__Authentication",
        "Azure__ManagedIdentityClientId",
        "Language__Provider",
        "Language__AzureEndpoint",
        "Language__Authentication",
        "DirectLine__LocalEnabled",
        "DirectLine__Secret",
        "Bot__PublicUrl",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "Demo__Enabled",
    ];

    [Theory]
    [MemberData(nameof(RequiredNames))]
    public void Setting_IsPresent(string name) =>
        Assert.True(Settings.ContainsKey(name), $"App setting {name} is missing.");

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Production")]
    [InlineData("MicrosoftAppType", "UserAssignedMSI")]
    [InlineData("Database__Provider", "SqlServer")]
    [InlineData("Database__Authentication", "ManagedIdentity")]
    [InlineData("Language__Provider", "Azure")]
    [InlineData("Language__Authentication", "ManagedIdentity")]
    [InlineData("DirectLine__LocalEnabled", "false")]
    [InlineData("Demo__Enabled", "false")]
    public void Setting_HasItsProductionValue(string name, string value) => Assert.Equal(value, Setting(name));

    [Fact]
    public void AppId_AndAzureCredential_AreTheIdentitysClientId()
    {
        Assert.Equal("[reference('identity').outputs.clientId.value]", Setting("MicrosoftAppId"));
        Assert.Equal("[reference('identity').outputs.clientId.value]", Setting("Azure__ManagedIdentityClientId"));
        Assert.Equal("[tenant().tenantId]", Setting("MicrosoftAppTenantId"));
    }

    [Fact]
    public void DatabaseConnectionString_EncryptsAndCarriesNoCredentials()
    {
        var connectionString = Setting("Database__ConnectionString");

        Assert.StartsWith("[format('Server=tcp:{0},1433;Database={1};Encrypt=True;TrustServerCertificate=False;Connect Timeout=30'", connectionString, StringComparison.Ordinal);
        foreach (var credential in new[] { "Password", "Pwd", "User ID", "UID=", "Authentication=" })
        {
            Assert.DoesNotContain(credential, connectionString, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void DirectLineSecret_IsAKeyVaultReference()
    {
        Assert.Equal("[format('@Microsoft.KeyVault(VaultName={0};SecretName={1})', variables('keyVaultName'), reference('bot').outputs.directLineSecretName.value)]",
            Setting("DirectLine__Secret"));
    }

    [Fact]
    public void PublicUrl_LanguageEndpointAndTelemetry_ComeFromTheirResources()
    {
        Assert.Equal("[format('https://{0}', reference('webApp').outputs.defaultHostName.value)]", Setting("Bot__PublicUrl"));
        Assert.Equal("[reference('language').outputs.endpoint.value]", Setting("Language__AzureEndpoint"));
        Assert.Equal("[reference('monitoring').outputs.appInsightsConnectionString.value]", Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"));
    }

    [Fact]
    public void App_ListensWhereAppServiceSendsRequests()
    {
        // appsettings.json binds to localhost:3978 for development; an unprefixed app setting overrides it.
        Assert.Equal("http://+:8080", Setting("Urls"));
        Assert.Equal("8080", Setting("WEBSITES_PORT"));
    }

    [Fact]
    public void NoSetting_HoldsASecretInPlainText()
    {
        foreach (var (name, value) in Settings)
        {
            var text = (string)value!;
            Assert.False(name.Contains("Secret", StringComparison.OrdinalIgnoreCase) && !text.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal),
                $"{name} must be a Key Vault reference.");
            Assert.DoesNotContain("listKeys(", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Password", name, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static JsonObject Settings => Template.Module("appSettings").ModuleParameter("settings")!.AsObject();

    private static string Setting(string name) => (string?)Settings[name] ?? throw new Xunit.Sdk.XunitException($"App setting {name} is missing.");
}
