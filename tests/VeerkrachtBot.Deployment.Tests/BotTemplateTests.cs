namespace VeerkrachtBot.Deployment.Tests;

/// <summary>The Azure Bot, its channels and the Direct Line secret in the compiled template.</summary>
public sealed class BotTemplateTests
{
    private const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
    private static readonly ArmTemplate Template = ArmTemplate.Committed;

    [Fact]
    public void Bot_IsTheUserAssignedManagedIdentity()
    {
        var bot = Template.Single("Microsoft.BotService/botServices");

        Assert.Equal("UserAssignedMSI", (string?)bot.Properties["msaAppType"]);
        Assert.Contains(IdentityType, (string?)bot.Properties["msaAppMSIResourceId"], StringComparison.Ordinal);
        var appIdSource = Assert.Single(Template.Referenced(bot, (string)bot.Properties["msaAppId"]!));
        Assert.Equal(IdentityType, appIdSource.Type);
        Assert.EndsWith(".clientId]", (string)bot.Properties["msaAppId"]!, StringComparison.Ordinal);
        Assert.Null(bot.Properties["appPasswordHint"]);
    }

    [Fact]
    public void Bot_SendsActivitiesToTheAppsMessagesEndpoint()
    {
        var bot = Template.Single("Microsoft.BotService/botServices");

        Assert.Equal("[format('https://{0}/api/messages', parameters('appHostName'))]", (string?)bot.Properties["endpoint"]);
        Assert.Equal("[reference('webApp').outputs.defaultHostName.value]", (string?)Template.Module("bot").ModuleParameter("appHostName"));
    }

    [Fact]
    public void Bot_HasTheTeamsAndDirectLineChannels()
    {
        var channels = Template.All("Microsoft.BotService/botServices/channels").ToList();

        Assert.Equal(["DirectLineChannel", "MsTeamsChannel"], channels.Select(channel => (string)channel.Properties["channelName"]!).Order());
        var teams = channels.Single(channel => (string?)channel.Properties["channelName"] == "MsTeamsChannel");
        Assert.True(teams.Properties["properties"]!["isEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void DirectLine_UsesEnhancedAuthenticationWithTheAppsOriginOnly()
    {
        var directLine = Template.All("Microsoft.BotService/botServices/channels")
            .Single(channel => (string?)channel.Properties["channelName"] == "DirectLineChannel");

        var site = Assert.Single(directLine.Properties["properties"]!["sites"]!.AsArray())!;
        Assert.True(site["isEnabled"]!.GetValue<bool>());
        Assert.True(site["isV3Enabled"]!.GetValue<bool>());
        Assert.True(site["isSecureSiteEnabled"]!.GetValue<bool>(), "Enhanced authentication binds tokens to the bot's own page.");
        var origin = Assert.Single(site["trustedOrigins"]!.AsArray());
        Assert.Equal("[format('https://{0}', parameters('appHostName'))]", (string?)origin);
    }

    [Fact]
    public void DirectLineSecret_GoesFromTheChannelIntoKeyVault()
    {
        var secret = Template.Single("Microsoft.KeyVault/vaults/secrets");

        Assert.Equal("bot", secret.Module);
        Assert.Equal("[listChannelWithKeys('directLine', '2022-09-15').setting.sites[0].key]", (string?)secret.Properties["value"]);
        Assert.Equal("[variables('keyVaultName')]", (string?)Template.Module("bot").ModuleParameter("keyVaultName"));
        Assert.Equal("[variables('keyVaultName')]", (string?)Template.Module("keyVault").ModuleParameter("name"));
    }

    [Fact]
    public void OneIdentity_IsUsedByTheAppTheBotSqlLanguageAndKeyVault()
    {
        const string IdentityName = "[variables('identityName')]";

        Assert.Equal(IdentityName, (string?)Template.Module("identity").ModuleParameter("name"));
        Assert.Equal(IdentityName, (string?)Template.Module("webApp").ModuleParameter("identityName"));
        Assert.Equal(IdentityName, (string?)Template.Module("bot").ModuleParameter("identityName"));
        Assert.Equal(IdentityName, (string?)Template.Module("keyVault").ModuleParameter("readerIdentityName"));
        Assert.Equal(IdentityName, (string?)Template.Module("language").ModuleParameter("userIdentityName"));
        Assert.Single(Template.All(IdentityType));
    }
}
