namespace VeerkrachtBot.Deployment.Tests;

/// <summary>The App Service plan and web app in the compiled template (deploymentTemplates/azuredeploy.json).</summary>
public sealed class WebAppTemplateTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Committed;

    [Fact]
    public void WebApp_RunsDotNet10OnLinux()
    {
        var site = Template.Single("Microsoft.Web/sites");
        var plan = Template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("app,linux", (string?)site.Node["kind"]);
        Assert.Equal("DOTNETCORE|10.0", (string?)site.Properties["siteConfig"]!["linuxFxVersion"]);
        Assert.Equal("dotnet VeerkrachtBot.Bot.dll", (string?)site.Properties["siteConfig"]!["appCommandLine"]);
        Assert.True(plan.Properties["reserved"]!.GetValue<bool>(), "A Linux plan has reserved: true.");
    }

    [Fact]
    public void WebApp_IsHttpsOnlyWithTls12AndFtpOff()
    {
        var site = Template.Single("Microsoft.Web/sites");
        var config = site.Properties["siteConfig"]!;

        Assert.True(site.Properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", (string?)config["minTlsVersion"]);
        Assert.Equal("1.2", (string?)config["scmMinTlsVersion"]);
        Assert.Equal("Disabled", (string?)config["ftpsState"]);
        Assert.False(config["remoteDebuggingEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void BasicAuthenticationForPublishing_IsOffForFtpAndScm()
    {
        var policies = Template.All("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(["ftp", "scm"], policies.Select(policy => LastNameSegment(policy)).Order());
        Assert.All(policies, policy => Assert.False(policy.Properties["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void WebApp_IsAlwaysOnWithHealthCheckWebSocketsAndNoAffinity()
    {
        var site = Template.Single("Microsoft.Web/sites");
        var config = site.Properties["siteConfig"]!;

        Assert.True(config["alwaysOn"]!.GetValue<bool>());
        Assert.Equal("/readyz", (string?)config["healthCheckPath"]);
        Assert.True(config["webSocketsEnabled"]!.GetValue<bool>(), "The Direct Line stream is a WebSocket.");
        Assert.False(site.Properties["clientAffinityEnabled"]!.GetValue<bool>(), "Any instance must serve any request.");
    }

    [Fact]
    public void InstanceCount_IsAParameterThatAllowsTwoOrMore()
    {
        var plan = Template.Single("Microsoft.Web/serverfarms");
        var webApp = Template.Module("webApp");
        var instanceCount = Template.MainParameter("instanceCount");

        Assert.Equal("[parameters('instanceCount')]", (string?)plan.Node["sku"]!["capacity"]);
        Assert.Equal("[parameters('instanceCount')]", (string?)webApp.ModuleParameter("instanceCount"));
        Assert.True(instanceCount.Definition["maxValue"]!.GetValue<int>() >= 2);
        Assert.True(instanceCount.DefaultValue!.GetValue<int>() >= 2, "The default runs two instances.");
    }

    [Fact]
    public void WebApp_RunsAsTheUserAssignedIdentityAndReadsKeyVaultWithIt()
    {
        var site = Template.Single("Microsoft.Web/sites");

        Assert.Equal("UserAssigned", (string?)site.Node["identity"]!["type"]);
        var identity = Assert.Single(site.Node["identity"]!["userAssignedIdentities"]!.AsObject());
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", identity.Key, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", (string?)site.Properties["keyVaultReferenceIdentity"], StringComparison.Ordinal);
    }

    private static string LastNameSegment(ArmResource resource)
    {
        var name = (string)resource.Node["name"]!;
        return name.TrimEnd(']', ')').Split('\'', StringSplitOptions.RemoveEmptyEntries)[^1];
    }
}
