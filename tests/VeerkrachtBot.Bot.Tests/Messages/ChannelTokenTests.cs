using System.Net;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Messages;

/// <summary>
/// The bot process in Production with Bot Framework authentication on, trusting a loopback stand-in of the Bot
/// Framework's OpenID metadata and keys (the SDK's own validation, configured with its documented
/// ToBotFromChannel* / ToChannelFromBot* keys). Shared by the tests: one process, one stand-in.
/// </summary>
public sealed class AuthenticatedBotProcess : IAsyncLifetime
{
    public const string AppId = "6b0f7c5e-3a0e-4d5b-9f55-0d1e2a3b4c5d";
    public const string TenantId = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

    private readonly string _folder = Directory.CreateTempSubdirectory("veerkracht-jwt-").FullName;

    public BotFrameworkStandIn BotFramework { get; private set; } = null!;

    public ConfiguredBotProcess Bot { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_folder, "bot.db");

    public async Task InitializeAsync()
    {
        await LoopbackConnector.EnsureServerAsync();
        BotFramework = await BotFrameworkStandIn.StartAsync(_folder);
        Bot = await ConfiguredBotProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SSL_CERT_FILE"] = BotFramework.CertificatePemPath,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "test-client-secret",
            ["MicrosoftAppTenantId"] = TenantId,
            ["ToBotFromChannelTokenIssuer"] = BotFrameworkStandIn.ChannelIssuer,
            ["ToBotFromChannelOpenIdMetadataUrl"] = BotFramework.OpenIdMetadataUrl,
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = BotFramework.OpenIdMetadataUrl,
            ["ToChannelFromBotLoginUrl"] = new Uri(BotFramework.BaseAddress, TenantId).ToString(),
            ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
            ["OAuthUrl"] = BotFramework.BaseAddress.ToString(),
            ["ValidateAuthority"] = "false",
            ["Bot__PublicUrl"] = "https://veerkracht.example.nl",
            ["DirectLine__LocalEnabled"] = "false",
            ["Demo__Enabled"] = "false",
            ["Database__ConnectionString"] = $"Data Source={DatabasePath}",
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await BotFramework.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class ChannelTokenTests(AuthenticatedBotProcess host) : IClassFixture<AuthenticatedBotProcess>
{
    [Fact]
    public async Task TrustedToken_RunsTheTurn_AndTheReplyCarriesTheBotsOwnToken()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = host.Bot.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = Activities.Bearer(host.BotFramework.ChannelToken(AuthenticatedBotProcess.AppId, connector.ServiceUrl));

        var response = await client.PostAsync("api/messages", Activities.Message(connector.ServiceUrl, "jwt-ok", "hallo", channelId: "webchat"));

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{string.Join("\n", host.Bot.Output)}");
        var replies = connector.All.Where(r => r.Activity.Conversation?.Id == "jwt-ok").ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal("Bearer " + host.BotFramework.IssuedReplyToken, r.Authorization));
        Assert.Contains("GET /v1/.well-known/keys", host.BotFramework.Requests);
        Assert.True(await ConversationRowsAsync("jwt-ok") > 0);
    }

    [Fact]
    public async Task NoToken_Is401_AndTheBotDoesNotRun()
    {
        await AssertRefusedAsync("jwt-none", _ => null);
    }

    [Fact]
    public async Task TokenSignedByAnUntrustedKey_Is401_AndTheBotDoesNotRun()
    {
        using var other = RSA.Create(2048);
        await AssertRefusedAsync("jwt-key", serviceUrl => host.BotFramework.ChannelToken(AuthenticatedBotProcess.AppId, serviceUrl, signWith: other));
    }

    [Fact]
    public async Task TokenForAnotherBot_Is401_AndTheBotDoesNotRun()
    {
        await AssertRefusedAsync("jwt-aud", serviceUrl => host.BotFramework.ChannelToken("0f0f0f0f-0000-4000-8000-000000000000", serviceUrl));
    }

    [Fact]
    public async Task TokenForAnotherServiceUrl_Is401_AndTheBotDoesNotRun()
    {
        await AssertRefusedAsync("jwt-url", _ => host.BotFramework.ChannelToken(AuthenticatedBotProcess.AppId, "https://attacker.example/"));
    }

    [Fact]
    public async Task ExpiredToken_Is401_AndTheBotDoesNotRun()
    {
        await AssertRefusedAsync("jwt-exp", serviceUrl => host.BotFramework.ChannelToken(AuthenticatedBotProcess.AppId, serviceUrl, lifetime: TimeSpan.FromMinutes(-30)));
    }

    [Fact]
    public async Task TokenFromAnotherIssuer_Is401_AndTheBotDoesNotRun()
    {
        await AssertRefusedAsync("jwt-iss", serviceUrl => host.BotFramework.ChannelToken(AuthenticatedBotProcess.AppId, serviceUrl, issuer: "https://sts.windows.net/attacker/"));
    }

    private async Task AssertRefusedAsync(string conversationId, Func<string, string?> token)
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = host.Bot.CreateHttpClient();
        if (token(connector.ServiceUrl) is { } value)
        {
            client.DefaultRequestHeaders.Authorization = Activities.Bearer(value);
        }

        var response = await client.PostAsync("api/messages", Activities.Message(connector.ServiceUrl, conversationId, "hallo"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(connector.All);
        Assert.Equal(0, await ConversationRowsAsync(conversationId));
    }

    /// <summary>State rows the bot wrote for the conversation: a turn that ran saved its conversation state.</summary>
    private async Task<long> ConversationRowsAsync(string conversationId)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM state_documents WHERE state_key LIKE @key", new { key = $"%{conversationId}%" });
    }
}
