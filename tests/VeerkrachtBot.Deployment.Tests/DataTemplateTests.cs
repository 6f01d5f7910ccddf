namespace VeerkrachtBot.Deployment.Tests;

/// <summary>Azure SQL, Azure AI Language and Key Vault in the compiled template.</summary>
public sealed class DataTemplateTests
{
    private const string CognitiveServicesUserRoleId = "a97b65f3-24c7-4388-baec-2e87135dc908";
    private const string KeyVaultSecretsUserRoleId = "4633458b-17de-408a-b874-0445c86b69e6";
    private static readonly ArmTemplate Template = ArmTemplate.Committed;

    [Fact]
    public void SqlServer_AcceptsOnlyMicrosoftEntraAuthentication()
    {
        var server = Template.Single("Microsoft.Sql/servers");
        var admin = server.Properties["administrators"]!;

        Assert.Equal("ActiveDirectory", (string?)admin["administratorType"]);
        Assert.True(admin["azureADOnlyAuthentication"]!.GetValue<bool>());
        Assert.Equal("[parameters('adminObjectId')]", (string?)admin["sid"]);
        Assert.Equal("[parameters('sqlAdminObjectId')]", (string?)Template.Module("sql").ModuleParameter("adminObjectId"));
        Assert.Null(server.Properties["administratorLogin"]);
        Assert.Null(server.Properties["administratorLoginPassword"]);
        Assert.Equal("1.2", (string?)server.Properties["minimalTlsVersion"]);
    }

    [Fact]
    public void Database_IsServerlessGeneralPurpose()
    {
        var database = Template.Single("Microsoft.Sql/servers/databases");

        Assert.Equal("GP_S_Gen5", (string?)database.Node["sku"]!["name"]);
        Assert.Equal("GeneralPurpose", (string?)database.Node["sku"]!["tier"]);
        Assert.NotNull(database.Properties["autoPauseDelay"]);
        Assert.NotNull(database.Properties["minCapacity"]);
    }

    [Fact]
    public void SqlFirewall_AdmitsTheAppsOutboundAddressesAndNotAllOfAzure()
    {
        var rules = Template.All("Microsoft.Sql/servers/firewallRules").ToList();

        var rule = Assert.Single(rules);
        Assert.Equal("[length(parameters('outboundIpAddresses'))]", (string?)rule.Node["copy"]!["count"]);
        Assert.Equal("[split(reference('webApp').outputs.possibleOutboundIpAddresses.value, ',')]",
            (string?)Template.Module("sqlFirewall").ModuleParameter("outboundIpAddresses"));
        // Each rule is one outbound address of the app; "Allow Azure services" (0.0.0.0) would admit every Azure customer.
        Assert.Equal("[parameters('outboundIpAddresses')[copyIndex()]]", (string?)rule.Properties["startIpAddress"]);
        Assert.Equal("[parameters('outboundIpAddresses')[copyIndex()]]", (string?)rule.Properties["endIpAddress"]);
        Assert.Empty(Template.All("Microsoft.Sql/servers/virtualNetworkRules"));
    }

    [Fact]
    public void Language_IsTextAnalyticsWithKeysOffAndACustomSubdomain()
    {
        var language = Template.Single("Microsoft.CognitiveServices/accounts");

        Assert.Equal("TextAnalytics", (string?)language.Node["kind"]);
        Assert.True(language.Properties["disableLocalAuth"]!.GetValue<bool>());
        Assert.Equal("[parameters('name')]", (string?)language.Properties["customSubDomainName"]);
    }

    [Fact]
    public void Identity_IsCognitiveServicesUserOnTheLanguageResource()
    {
        var assignment = Assert.Single(Template.All("Microsoft.Authorization/roleAssignments"), assignment => assignment.Module == "language");

        AssertRoleForTheIdentity(assignment, CognitiveServicesUserRoleId, "Microsoft.CognitiveServices/accounts");
    }

    [Fact]
    public void KeyVault_UsesRbacSoftDeleteAndPurgeProtection()
    {
        var vault = Template.Single("Microsoft.KeyVault/vaults");

        Assert.True(vault.Properties["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault.Properties["enableSoftDelete"]!.GetValue<bool>());
        Assert.True(vault.Properties["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Null(vault.Properties["accessPolicies"]);
    }

    [Fact]
    public void Identity_IsKeyVaultSecretsUserOnTheVault()
    {
        var assignment = Assert.Single(Template.All("Microsoft.Authorization/roleAssignments"), assignment => assignment.Module == "keyVault");

        AssertRoleForTheIdentity(assignment, KeyVaultSecretsUserRoleId, "Microsoft.KeyVault/vaults");
    }

    private static void AssertRoleForTheIdentity(ArmResource assignment, string roleId, string scopeType)
    {
        Assert.Contains(roleId, Template.Expand(assignment, (string)assignment.Properties["roleDefinitionId"]!), StringComparison.Ordinal);
        Assert.Contains(scopeType, (string?)assignment.Node["scope"], StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment.Properties["principalType"]);
        var principal = Assert.Single(Template.Referenced(assignment, (string)assignment.Properties["principalId"]!));
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", principal.Type);
        Assert.True(principal.IsExisting);
    }
}
