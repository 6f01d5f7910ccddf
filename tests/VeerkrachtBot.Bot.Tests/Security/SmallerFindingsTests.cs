using System.Net;
using System.Net.Http.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// Finding 9: links and the page's policy come from the bot's own address, never from a request's Host header;
/// invisible and direction-changing characters do not get in; an export link dies with the resident it was for.
/// </summary>
public sealed class SmallerFindingsTests(BotHost host) : ConnectorTest(host)
{
    private const string Disguised = "Het\u0000 park\u200B is\u202E vies\u2066 en\u200D de\uFEFF lampen\u0007 zijn kapot";
    private const string Clean = "Het park is vies en de lampen zijn kapot";

    private static bool FromBot(JObject activity) => activity.SelectToken("from.role")?.ToString() == "bot";

    private string Origin => Host.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task TokenEndpoint_BuildsTheDirectLineDomainFromTheBotsOwnAddress_NotTheHostHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webchat/token") { Content = JsonContent.Create(new { locale = "nl-NL" }) };
        request.Headers.Host = "evil.example";

        var response = await Client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Origin + "/v3/directline", body.Value<string>("directLineDomain"));
    }

    [Fact]
    public async Task StreamUrl_IsTheBotsOwnAddress_NotTheHostHeader()
    {
        var client = await new DirectLineClient(Client).StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"v3/directline/conversations/{client.ConversationId}");
        request.Headers.Authorization = Activities.Bearer(client.Token);
        request.Headers.Host = "evil.example";

        var reconnect = JObject.Parse(await (await Client.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.StartsWith("ws://" + Host.BaseAddress.Authority + "/v3/directline/conversations/", reconnect.Value<string>("streamUrl"), StringComparison.Ordinal);
        Assert.StartsWith("ws://" + Host.BaseAddress.Authority + "/", client.StreamUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePagesContentSecurityPolicy_ConnectsOnlyToTheBotsOwnOrigin()
    {
        var response = await Client.GetAsync("/");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var connect = policy.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("connect-src ", StringComparison.Ordinal));
        Assert.Equal($"connect-src 'self' {Origin} ws://{Host.BaseAddress.Authority}", connect);
    }

    [Fact]
    public async Task TokenEndpointOverItsLimit_Says429_WithRetryAfter()
    {
        await using var limited = Host.Restarted().With("WebChat:TokensPerMinutePerClient", "2");
        await limited.InitializeAsync();
        using var client = limited.CreateHttpClient();

        HttpResponseMessage response = null!;
        for (var i = 0; i < 3; i++)
        {
            response = await client.PostAsJsonAsync("api/webchat/token", new { locale = "nl-NL" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
    }

    [Fact]
    public async Task InvisibleAndDirectionChangingCharacters_AreNotStored_FromMessages()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Mijn gegevens");
        await chat.ClickAsync("Mijn eigen tekst mag bewaard worden");

        await chat.SayAsync(Disguised);

        var resident = await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);
        var idea = Assert.Single(await Host.Get<IdeaService>().MineAsync(resident!.Id));
        Assert.Equal(Clean, idea.OriginalText);
        Assert.Equal(Clean, idea.Analysis.RedactedText);
    }

    [Fact]
    public async Task InvisibleAndDirectionChangingCharacters_AreNotStored_FromTheWebChat()
    {
        var client = await new DirectLineClient(Client).StartAsync();
        await client.PollForAsync(FromBot);

        (await client.PostActivityAsync(new { type = "message", text = Disguised, from = new { name = "Ann\u202Eie" } })).EnsureSuccessStatusCode();
        await client.PollForAsync(a => FromBot(a) && a.ToString().Contains("In welke buurt", StringComparison.Ordinal));

        var stored = await Rows.TranscriptAsync(Host, client.ConversationId);
        var echo = stored.Select(JObject.Parse).Single(a => a.SelectToken("from.role")?.ToString() == "user");
        Assert.Equal(Clean, echo.Value<string>("text"));
        Assert.Equal("Annie", echo.SelectToken("from.name")?.ToString());
        var resident = await Host.Get<ResidentService>().FindAsync(DirectLineService.ChannelId, client.UserId);
        Assert.Equal(Clean, Assert.Single(await Host.Get<IdeaService>().MineAsync(resident!.Id)).Analysis.RedactedText);
    }

    [Fact]
    public async Task AnExportLink_DoesNotWorkForTheResidentCreatedAfterErasure()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Mijn gegevens");
        var (_, link) = ResidentChat.Links(chat.Last).Single(l => l.Title == "Download als bestand (JSON)");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(link)).StatusCode);
        await chat.ClickAsync("Alles verwijderen");
        await chat.ClickAsync("Ja, verwijder alles");

        // The same channel user writes again: a new resident with the same pseudonym.
        await chat.SayAsync("menu");
        Assert.NotNull(await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId));

        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync(link)).StatusCode);
    }
}
