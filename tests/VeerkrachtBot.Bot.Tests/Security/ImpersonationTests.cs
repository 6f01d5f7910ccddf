using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// Finding 1: with authentication off, /api/messages must never act for a resident of the local Direct Line
/// (the web chat), whose user id is not secret; and without configured service URLs it is not there at all.
/// </summary>
public sealed class ImpersonationTests(BotHost host) : ConnectorTest(host)
{
    private static bool FromBot(JObject activity) => activity.SelectToken("from.role")?.ToString() == "bot";

    /// <summary>A web chat resident who shared an idea.</summary>
    private async Task<DirectLineClient> VictimAsync()
    {
        var victim = await new DirectLineClient(Client).StartAsync();
        await victim.PollForAsync(FromBot);
        (await victim.PostActivityAsync(new { type = "message", text = "De stoep bij de school is kapot en gevaarlijk voor kinderen" })).EnsureSuccessStatusCode();
        await victim.PollForAsync(a => FromBot(a) && a.ToString().Contains("In welke buurt", StringComparison.Ordinal));
        return victim;
    }

    private static Activity Forged(string serviceUrl, string conversationId, string userId, string action, string channelId = DirectLineService.ChannelId)
    {
        var activity = Activities.Message(serviceUrl, conversationId, text: null!, channelId, value: new { action });
        activity.From = new ChannelAccount(userId, role: RoleTypes.User);
        return activity;
    }

    [Theory]
    [InlineData("MyIdeas")]
    [InlineData("MyData")]
    [InlineData("EraseConfirmed")]
    public async Task MessagesEndpoint_CannotActAsAWebChatResident(string action)
    {
        var victim = await VictimAsync();
        var resident = await Host.Get<ResidentService>().FindAsync(DirectLineService.ChannelId, victim.UserId);
        Assert.NotNull(resident);
        var transcriptBefore = (await Rows.TranscriptAsync(Host, victim.ConversationId)).Count;
        var attackerConversation = "conv-" + Guid.NewGuid().ToString("N");

        // Replies to the attacker's own connector, and replies into the victim's web chat through the local connector.
        var toAttacker = await Client.PostAsync("api/messages", Forged(Connector.ServiceUrl, attackerConversation, victim.UserId, action));
        var intoVictimChat = await Client.PostAsync("api/messages", Forged(Host.Get<LocalServiceUrl>().Value, victim.ConversationId, victim.UserId, action));

        Assert.Equal(HttpStatusCode.Forbidden, toAttacker.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, intoVictimChat.StatusCode);
        Assert.Contains("local Direct Line", await toAttacker.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Connector.SentTo(attackerConversation));
        Assert.Equal(transcriptBefore, (await Rows.TranscriptAsync(Host, victim.ConversationId)).Count);
        Assert.NotNull(await Host.Get<IResidentStore>().FindAsync(resident.Id));
    }

    [Fact]
    public async Task MessagesEndpoint_RefusesWebChatUserIds_OnAnyChannelName()
    {
        var victim = await VictimAsync();
        var conversation = "conv-" + Guid.NewGuid().ToString("N");

        var response = await Client.PostAsync("api/messages", Forged(Connector.ServiceUrl, conversation, victim.UserId, "MyIdeas", channelId: "webchat"));
        var upperCase = await Client.PostAsync("api/messages", Forged(Connector.ServiceUrl, conversation, "user-" + conversation, "MyIdeas", channelId: "DirectLine"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upperCase.StatusCode);
        Assert.Empty(Connector.SentTo(conversation));
    }

    [Fact]
    public async Task MessagesEndpoint_RefusesTheLocalConnectorAsServiceUrl_UnderAnyName()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        var residents = await Rows.CountAsync(Host, "residents");
        var local = new Uri(Host.Get<LocalServiceUrl>().Value);

        foreach (var serviceUrl in new[] { local.AbsoluteUri, $"http://localhost:{local.Port}/directline-connector/", LoopbackConnector.AllowedPrefix + "x/directline-connector/../../../directline-connector/" })
        {
            var response = await Client.PostAsync("api/messages", Activities.Message(serviceUrl, conversation, "menu"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(residents, await Rows.CountAsync(Host, "residents"));
    }

    [Fact]
    public async Task WithoutAuthenticationAndWithoutAllowedServiceUrls_TheEndpointIsNotThere_AndSaysHowToEnableIt()
    {
        await using var plain = Host.Restarted().With("Bot:AllowedServiceUrls:0", "");
        await plain.InitializeAsync();
        using var client = plain.CreateHttpClient();
        var conversation = "conv-" + Guid.NewGuid().ToString("N");

        var response = await client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "menu"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bot:AllowedServiceUrls", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Connector.SentTo(conversation));
    }

    [Fact]
    public async Task TheTokenEndpoint_NeverResumesAnotherUsersConversation_EvenWithAValidUserToken()
    {
        static async Task<JsonElement> TokenAsync(HttpClient client, object request)
        {
            using var response = await client.PostAsJsonAsync("api/webchat/token", request);
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var victim = await TokenAsync(Client, new { locale = "nl-NL" });
        var attacker = await TokenAsync(Client, new { locale = "nl-NL" });

        var attempt = await TokenAsync(Client, new
        {
            userToken = attacker.GetProperty("userToken").GetString(),
            conversationId = victim.GetProperty("conversationId").GetString(),
            locale = "nl-NL",
        });

        Assert.NotEqual(victim.GetProperty("conversationId").GetString(), attempt.GetProperty("conversationId").GetString());
        Assert.False(attempt.GetProperty("resumed").GetBoolean());
        Assert.Equal(attacker.GetProperty("userId").GetString(), attempt.GetProperty("userId").GetString());
    }
}
