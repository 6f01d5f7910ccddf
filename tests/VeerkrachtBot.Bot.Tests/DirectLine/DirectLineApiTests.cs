using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.DirectLine;

/// <summary>The local Direct Line 3.0 endpoint, spoken to over HTTP and WebSocket as Web Chat does.</summary>
public sealed class DirectLineApiTests(BotHost host) : IClassFixture<BotHost>, IDisposable
{
    private readonly HttpClient _http = host.CreateHttpClient();

    public void Dispose() => _http.Dispose();

    private static bool FromBot(JObject activity) => activity.SelectToken("from.role")?.ToString() == "bot";

    private static string CardText(JObject activity) =>
        string.Join("\n", activity.SelectTokens("attachments[*].content..text").Select(t => t.ToString()));

    [Fact]
    public async Task StartingAConversation_DeliversTheWelcome()
    {
        var client = await new DirectLineClient(_http).StartAsync();

        var welcome = await client.PollForAsync(FromBot);

        Assert.Contains("Hoi! Ik ben VeerkrachtBot", CardText(welcome), StringComparison.Ordinal);
        Assert.Equal(client.ConversationId, welcome.SelectToken("conversation.id")?.ToString());
        Assert.StartsWith(client.ConversationId + "|", welcome.Value<string>("id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostedMessage_IsEchoedAndAnswered_WithIncreasingWatermarks()
    {
        var client = await new DirectLineClient(_http).StartAsync();
        var (initial, watermark) = await client.GetActivitiesAsync();
        Assert.Single(initial);

        var post = await client.PostActivityAsync(new { type = "message", from = new { id = "someone-else" }, text = "help", channelData = new { clientActivityID = "c-1" } });

        post.EnsureSuccessStatusCode();
        var id = JObject.Parse(await post.Content.ReadAsStringAsync()).Value<string>("id");
        var (after, next) = await client.GetActivitiesAsync(watermark);
        Assert.Equal(2, after.Count);
        var echo = (JObject)after[0];
        Assert.Equal(id, echo.Value<string>("id"));
        Assert.Equal(client.UserId, echo.SelectToken("from.id")?.ToString()); // the token decides who sends
        Assert.Equal("c-1", echo.SelectToken("channelData.clientActivityID")?.ToString());
        Assert.Null(echo["serviceUrl"]);
        var reply = (JObject)after[1];
        Assert.Equal(id, reply.Value<string>("replyToId"));
        Assert.Contains("Je kunt altijd deze woorden typen", CardText(reply), StringComparison.Ordinal);
        Assert.True(long.Parse(next, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty((await client.GetActivitiesAsync(next)).Activities);
    }

    [Fact]
    public async Task RetriedPost_WithTheSameClientActivityId_IsStoredAndAnsweredOnce()
    {
        var client = await new DirectLineClient(_http).StartAsync();
        var activity = new { type = "message", text = "menu", channelData = new { clientActivityID = "retry-1" } };

        var first = JObject.Parse(await (await client.PostActivityAsync(activity)).Content.ReadAsStringAsync());
        var second = JObject.Parse(await (await client.PostActivityAsync(activity)).Content.ReadAsStringAsync());

        Assert.Equal(first.Value<string>("id"), second.Value<string>("id"));
        var (all, _) = await client.GetActivitiesAsync();
        Assert.Equal(3, all.Count); // welcome, one echo, one reply
    }

    [Fact]
    public async Task Stream_PushesTheWelcomeAndTheReplyOverWebSocket()
    {
        var client = await new DirectLineClient(_http).StartAsync();
        var reading = DirectLineClient.ReadStreamAsync(client.StreamUrl, got => got.Count(FromBot) >= 2);

        await Task.Delay(300);
        (await client.PostActivityAsync(new { type = "message", text = "English" })).EnsureSuccessStatusCode();
        var received = await reading;

        var fromBot = received.Where(FromBot).ToList();
        Assert.Contains("Hoi! Ik ben VeerkrachtBot", CardText(fromBot[0]), StringComparison.Ordinal);
        Assert.Contains("From now on I will speak English", CardText(fromBot[1]), StringComparison.Ordinal);
        Assert.Contains(received, a => a.Value<string>("text") == "English");
    }

    [Fact]
    public async Task Stream_ResumesFromItsWatermark()
    {
        var client = await new DirectLineClient(_http).StartAsync();
        (await client.PostActivityAsync(new { type = "message", text = "menu" })).EnsureSuccessStatusCode();
        var (_, watermark) = await client.GetActivitiesAsync();
        (await client.PostActivityAsync(new { type = "message", text = "help" })).EnsureSuccessStatusCode();

        var reconnect = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{client.ConversationId}?watermark={watermark}");
        var streamUrl = JObject.Parse(await reconnect.Content.ReadAsStringAsync()).Value<string>("streamUrl")!;
        var received = await DirectLineClient.ReadStreamAsync(streamUrl, got => got.Count >= 2);

        Assert.Equal("help", received[0].Value<string>("text"));
        Assert.Contains("Je kunt altijd deze woorden typen", CardText(received[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenOfAnotherConversation_IsRefusedEverywhere()
    {
        var mine = await new DirectLineClient(_http).StartAsync();
        var theirs = await new DirectLineClient(_http).StartAsync();
        var path = $"v3/directline/conversations/{theirs.ConversationId}";

        var get = await mine.SendAsync(HttpMethod.Get, path + "/activities");
        var post = await mine.SendAsync(HttpMethod.Post, path + "/activities", """{"type":"message","text":"hoi"}""");
        var reconnect = await mine.SendAsync(HttpMethod.Get, path);
        var stream = await Assert.ThrowsAsync<WebSocketException>(() =>
            DirectLineClient.ReadStreamAsync(theirs.StreamUrl.Replace(theirs.Token, mine.Token, StringComparison.Ordinal), _ => true));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        Assert.Contains("403", stream.Message, StringComparison.Ordinal);
        Assert.Contains("another conversation", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single((await theirs.GetActivitiesAsync()).Activities); // only their welcome: nothing got in
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJjb252IjoieCJ9.")]
    public async Task MissingOrForgedToken_Is403(string token)
    {
        var client = await new DirectLineClient(_http).StartAsync();

        var response = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{client.ConversationId}/activities", token: token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json", "BadArgument")]
    [InlineData("""{"type":"conversationUpdate"}""", "cannot be sent by a client")]
    [InlineData("""{"text":"no type"}""", "cannot be sent by a client")]
    [InlineData("42", "JSON object")]
    public async Task BadActivity_IsA400WithADirectLineError(string body, string expected)
    {
        var client = await new DirectLineClient(_http).StartAsync();

        var response = await client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{client.ConversationId}/activities", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("BadArgument", error.SelectToken("error.code")?.ToString());
    }

    [Fact]
    public async Task OneMegabyteMessage_GetsAPoliteReply()
    {
        var client = await new DirectLineClient(_http).StartAsync();

        var response = await client.PostActivityAsync(new { type = "message", text = new string('x', 1024 * 1024) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await client.PollForAsync(a => FromBot(a) && a.Value<string>("replyToId") is not null);
        Assert.Contains("Je bericht is te lang voor mij", reply.Value<string>("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413()
    {
        var client = await new DirectLineClient(_http).StartAsync();

        var response = await client.PostActivityAsync(new { type = "message", text = new string('x', 3 * 1024 * 1024) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Secret_GeneratesTokensThatRefreshAndStartConversations()
    {
        var generate = new HttpRequestMessage(HttpMethod.Post, "v3/directline/tokens/generate");
        generate.Headers.Authorization = Activities.Bearer(BotHost.DirectLineSecret);
        var generated = JObject.Parse(await (await _http.SendAsync(generate)).Content.ReadAsStringAsync());
        var token = generated.Value<string>("token")!;

        var refresh = new HttpRequestMessage(HttpMethod.Post, "v3/directline/tokens/refresh");
        refresh.Headers.Authorization = Activities.Bearer(token);
        var refreshed = JObject.Parse(await (await _http.SendAsync(refresh)).Content.ReadAsStringAsync());
        var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        start.Headers.Authorization = Activities.Bearer(refreshed.Value<string>("token")!);
        var started = await _http.SendAsync(start);

        Assert.Equal(1800, generated.Value<int>("expires_in"));
        Assert.Equal(generated.Value<string>("conversationId"), refreshed.Value<string>("conversationId"));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(generated.Value<string>("conversationId"), JObject.Parse(await started.Content.ReadAsStringAsync()).Value<string>("conversationId"));
    }

    [Fact]
    public async Task WrongSecret_CannotGenerateTokens()
    {
        var generate = new HttpRequestMessage(HttpMethod.Post, "v3/directline/tokens/generate");
        generate.Headers.Authorization = Activities.Bearer("guess");

        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(generate)).StatusCode);
    }

    [Fact]
    public async Task StartingTwice_WelcomesOnce()
    {
        var client = await new DirectLineClient(_http).StartAsync();

        (await client.SendAsync(HttpMethod.Post, "v3/directline/conversations")).EnsureSuccessStatusCode();

        Assert.Single((await client.GetActivitiesAsync()).Activities);
    }

    [Fact]
    public async Task ReturningUser_KeepsTheirIdAndLanguage()
    {
        var first = await (await _http.PostAsJsonAsync("api/webchat/token", new { locale = "nl-NL" })).Content.ReadFromJsonAsync<JsonSession>();
        var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        start.Headers.Authorization = Activities.Bearer(first!.Token);
        var conversationId = JObject.Parse(await (await _http.SendAsync(start)).Content.ReadAsStringAsync()).Value<string>("conversationId")!;
        var post = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities") { Content = Activities.Json("""{"type":"message","text":"English"}""") };
        post.Headers.Authorization = Activities.Bearer(first.Token);
        (await _http.SendAsync(post)).EnsureSuccessStatusCode();

        var again = await (await _http.PostAsJsonAsync("api/webchat/token", new { userToken = first.UserToken, locale = "nl-NL" })).Content.ReadFromJsonAsync<JsonSession>();
        var forged = await (await _http.PostAsJsonAsync("api/webchat/token", new { userToken = first.UserToken + "x" })).Content.ReadFromJsonAsync<JsonSession>();

        Assert.Equal(first.UserId, again!.UserId);
        Assert.NotEqual(first.UserId, forged!.UserId);
        var secondVisit = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        secondVisit.Headers.Authorization = Activities.Bearer(again.Token);
        var secondConversation = JObject.Parse(await (await _http.SendAsync(secondVisit)).Content.ReadAsStringAsync()).Value<string>("conversationId")!;
        var read = new HttpRequestMessage(HttpMethod.Get, $"v3/directline/conversations/{secondConversation}/activities");
        read.Headers.Authorization = Activities.Bearer(again.Token);
        var welcome = JObject.Parse(await (await _http.SendAsync(read)).Content.ReadAsStringAsync());
        Assert.Contains("I am VeerkrachtBot", welcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnect_WithTheTokenInTheQuery_Works()
    {
        var client = await new DirectLineClient(_http).StartAsync();

        var response = await _http.GetAsync($"v3/directline/conversations/{client.ConversationId}?watermark=1&t={Uri.EscapeDataString(client.Token)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("streamUrl", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnect_WithTheSecret_NeverSendsTheSecretBack()
    {
        var client = await new DirectLineClient(_http).StartAsync();

        var response = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{client.ConversationId}", token: BotHost.DirectLineSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(BotHost.DirectLineSecret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextThatLooksLikeADate_StaysExactlyAsTyped()
    {
        var client = await new DirectLineClient(_http).StartAsync();

        (await client.PostActivityAsync(new { type = "message", text = "2024-05-01T10:00:00+02:00" })).EnsureSuccessStatusCode();

        var raw = await (await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{client.ConversationId}/activities")).Content.ReadAsStringAsync();
        Assert.Contains("\"text\":\"2024-05-01T10:00:00+02:00\"", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedStreams_LeaveNoWaitersBehind()
    {
        var signals = host.Services.GetRequiredService<VeerkrachtBot.Bot.DirectLine.TranscriptSignals>();
        var client = await new DirectLineClient(_http).StartAsync();

        await DirectLineClient.ReadStreamAsync(client.StreamUrl, got => got.Count >= 1);
        (await client.PostActivityAsync(new { type = "message", text = "menu" })).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (signals.Waiting > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, signals.Waiting);
    }

    [Fact]
    public async Task TokenEndpoint_WithMalformedBody_Is400()
    {
        var response = await _http.PostAsync("api/webchat/token", Activities.Json("{oops"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Upload_IsRefusedClearly()
    {
        var client = await new DirectLineClient(_http).StartAsync();

        var response = await client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{client.ConversationId}/upload", "{}");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private sealed record JsonSession(string Token, string ConversationId, string UserId, string UserToken);

    [Fact]
    public async Task DeleteEverything_AlsoErasesTheDirectLineTranscript_AndTheChatGoesOn()
    {
        var client = await new DirectLineClient(_http).StartAsync();
        await client.PollForAsync(FromBot);
        await client.PostActivityAsync(new { type = "message", text = "De lantaarnpaal in mijn straat is kapot", from = new { id = client.UserId } });
        await client.PollForAsync(a => FromBot(a) && (a.ToString().Contains("In welke buurt", StringComparison.Ordinal)));

        await client.PostActivityAsync(new { type = "message", value = new { action = "Erase" }, from = new { id = client.UserId } });
        var confirm = await client.PollForAsync(a => FromBot(a) && a.ToString().Contains("Weet je het zeker?", StringComparison.Ordinal));
        var yes = confirm.SelectTokens("$..actions[*]").OfType<JObject>().Single(a => a.Value<string>("title") == "Ja, verwijder alles");
        await client.PostActivityAsync(new { type = "message", value = yes["data"], from = new { id = client.UserId } });
        await client.PollForAsync(a => FromBot(a) && a.ToString().Contains("is verwijderd", StringComparison.Ordinal));

        var (activities, _) = await client.GetActivitiesAsync("0");
        Assert.DoesNotContain(activities, a => a.ToString().Contains("lantaarnpaal", StringComparison.Ordinal));
        Assert.Contains(activities, a => a.ToString().Contains("is verwijderd", StringComparison.Ordinal));
        await client.PostActivityAsync(new { type = "message", text = "menu", from = new { id = client.UserId } });
        await client.PollForAsync(a => FromBot(a) && a.ToString().Contains("Wat wil je doen?", StringComparison.Ordinal));
    }
}
