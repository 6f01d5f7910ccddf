using System.Net;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// Finding 2: one request must not make the bot create many residents or send many replies, a client must
/// not open conversations without limit, and the bot replies only to the configured service URL prefixes.
/// </summary>
public sealed class AmplificationTests(BotHost host) : ConnectorTest(host)
{
    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    private Activity MembersAdded(string conversation, int users)
    {
        var update = Activities.MembersAdded(Connector.ServiceUrl, conversation);
        update.MembersAdded = [new ChannelAccount("bot", "VeerkrachtBot"), .. Enumerable.Range(0, users).Select(i => new ChannelAccount($"member-{conversation}-{i}"))];
        return update;
    }

    [Fact]
    public async Task ThousandMembersInOneUpdate_IsRefused_AndCreatesNobody()
    {
        var conversation = NewConversation();
        var residents = await Rows.CountAsync(Host, "residents");

        var response = await Client.PostAsync("api/messages", MembersAdded(conversation, 1000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("membersAdded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Connector.SentTo(conversation));
        Assert.Equal(residents, await Rows.CountAsync(Host, "residents"));
    }

    [Fact]
    public async Task ManyMembersInAOneToOneUpdate_WelcomeOneResident()
    {
        var conversation = NewConversation();
        var residents = await Rows.CountAsync(Host, "residents");

        var response = await Client.PostAsync("api/messages", MembersAdded(conversation, 20));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Connector.SentTo(conversation));
        Assert.Equal(residents + 1, await Rows.CountAsync(Host, "residents"));
    }

    [Fact]
    public async Task NewConversations_AreLimitedPerClient_With429AndRetryAfter()
    {
        await using var limited = Host.Restarted().With("Bot:NewConversationsPerMinutePerClient", "5");
        await limited.InitializeAsync();
        using var client = limited.CreateHttpClient();
        var residents = await Rows.CountAsync(limited, "residents");
        var conversations = Enumerable.Range(0, 20).Select(_ => NewConversation()).ToList();

        var responses = new List<HttpResponseMessage>();
        foreach (var conversation in conversations)
        {
            responses.Add(await client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "menu")));
        }

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Skip(5), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        });
        Assert.Equal(residents + 5, await Rows.CountAsync(limited, "residents"));

        // A conversation that is already going on is not a new one: the resident can go on.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversations[0], "help"))).StatusCode);
    }

    /// <summary>
    /// Review finding 10: without authentication nothing proves who a user is, so fresh user ids in a conversation that
    /// already exists (one resident each) count against the client's limit too: otherwise 30 conversations a minute
    /// times 30 messages each made 900 residents a minute.
    /// </summary>
    [Fact]
    public async Task FreshUserIdsInOneConversation_AreLimitedPerClient_With429AndRetryAfter()
    {
        await using var limited = Host.Restarted().With("Bot:NewUsersPerMinutePerClient", "5");
        await limited.InitializeAsync();
        using var client = limited.CreateHttpClient();
        var chat = new ResidentChat(client, Connector);
        await chat.SayAsync("help");
        var residents = await Rows.CountAsync(limited, "residents");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            var message = Activities.Message(Connector.ServiceUrl, chat.ConversationId, "menu");
            message.From = new ChannelAccount($"someone-else-{i}", "Iemand");
            responses.Add(await client.PostAsync("api/messages", message));
        }

        // The first user used one of the five; four more were welcome.
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Skip(4), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        });
        Assert.Equal(residents + 4, await Rows.CountAsync(limited, "residents"));

        // Users the bot knows go on as before.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, chat.ConversationId, "help"))).StatusCode);
    }

    public static TheoryData<string> ServiceUrlsOutsideThePrefix() =>
    [
        "http://127.0.0.2:{port}/connectors/x/",
        "http://127.1:{port}/",
        "http://2130706433:{port}/other/",
        "http://[::1]:{port}/connectors/x/",
        "http://localhost:{port}/connectors/x/",
        "http://127.0.0.1:{otherPort}/connectors/x/",
        "http://127.0.0.1:{port}/connectorsx/",
        "http://127.0.0.1:{port}/x/../../other/",
        "https://127.0.0.1:{port}/connectors/x/",
        "http://someone@127.0.0.1:{port}/connectors/x/",
        "http://169.254.169.254/latest/",
    ];

    [Theory]
    [MemberData(nameof(ServiceUrlsOutsideThePrefix))]
    public async Task ServiceUrl_OutsideTheConfiguredPrefixes_IsRefused_EvenOnLoopback(string template)
    {
        var prefix = new Uri(LoopbackConnector.AllowedPrefix);
        var serviceUrl = template.Replace("{port}", prefix.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{otherPort}", (prefix.Port + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var residents = await Rows.CountAsync(Host, "residents");

        var response = await Client.PostAsync("api/messages", Activities.Message(serviceUrl, NewConversation(), "menu"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Bot:AllowedServiceUrls", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(residents, await Rows.CountAsync(Host, "residents"));
    }
}
