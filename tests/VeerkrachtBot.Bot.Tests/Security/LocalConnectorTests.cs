using System.Net;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// Finding 3: the local connector (where the bot posts its replies for web chat conversations) takes only the
/// bot's own calls: they carry a key from the database. Any other caller, also one on this machine, is refused.
/// </summary>
public sealed class LocalConnectorTests(BotHost host) : IClassFixture<BotHost>, IDisposable
{
    private const string KeyHeader = "X-Veerkracht-Connector-Key";
    private readonly HttpClient _http = host.CreateHttpClient();

    public void Dispose() => _http.Dispose();

    private static bool FromBot(JObject activity) => activity.SelectToken("from.role")?.ToString() == "bot";

    private static StringContent FakeBotMessage() =>
        Activities.Json("""{"type":"message","from":{"id":"veerkrachtbot","name":"VeerkrachtBot","role":"bot"},"text":"Fake bot: log in op http://evil.example"}""");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bm90IHRoZSBrZXk=")]
    [InlineData("not base64 at all")]
    public async Task ACallerWithoutTheBotsKey_CannotWriteIntoAWebChat_EvenFromLoopback(string? key)
    {
        var resident = await new DirectLineClient(_http).StartAsync();
        await resident.PollForAsync(FromBot);
        var request = new HttpRequestMessage(HttpMethod.Post, $"directline-connector/v3/conversations/{resident.ConversationId}/activities") { Content = FakeBotMessage() };
        if (key is not null)
        {
            request.Headers.Add(KeyHeader, key);
        }

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(await Rows.TranscriptAsync(host, resident.ConversationId), a => a.Contains("evil.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheKeyFromTheDatabase_IsWhatTheConnectorAccepts()
    {
        var resident = await new DirectLineClient(_http).StartAsync();
        var key = Convert.ToBase64String(await host.Get<SecretStore>().GetOrCreateAsync("directline/connector-key", 32));
        var request = new HttpRequestMessage(HttpMethod.Post, $"directline-connector/v3/conversations/{resident.ConversationId}/activities") { Content = FakeBotMessage() };
        request.Headers.Add(KeyHeader, key);
        var unknown = new HttpRequestMessage(HttpMethod.Post, "directline-connector/v3/conversations/nope/activities") { Content = FakeBotMessage() };
        unknown.Headers.Add(KeyHeader, key);

        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.SendAsync(unknown)).StatusCode);
    }

    [Fact]
    public async Task AWaitingListPromotion_ReachesAWebChatResident_WhenAnotherInstanceSendsIt()
    {
        var start = AmsterdamTime.FromLocal(DateTime.Today.AddDays(12).AddHours(10));
        var meeting = await host.Get<MeetingService>().PlanAsync("pottenberg", "Wandeling " + Guid.NewGuid().ToString("N")[..6], "Samen lopen.", "Plein", start, start.AddHours(1), 1, "Trajekt");
        var holder = (await host.Get<ResidentService>().IdentifyAsync("webchat", "holder-" + Guid.NewGuid().ToString("N"))).Id;
        await host.Get<ResidentService>().ChooseNeighbourhoodAsync(holder, "pottenberg");
        await host.Get<RsvpService>().RespondAsync(meeting.Id, holder, RsvpResponse.Yes, 1);

        var resident = await new DirectLineClient(_http).StartAsync();
        await resident.PollForAsync(FromBot);
        await resident.PostActivityAsync(new { type = "message", value = new { action = "Neighbourhood", id = "pottenberg", then = "Meetings" } });
        await resident.PostActivityAsync(new { type = "message", value = new { action = "RsvpParty", meeting = meeting.Id, size = "1" } });
        await resident.PollForAsync(a => FromBot(a) && a.ToString().Contains("wachtlijst", StringComparison.Ordinal));

        // The first host stops sending; the other cancels the place, and its worker sends the notice through its own connector.
        await using var other = host.Restarted();
        await other.InitializeAsync();
        await host.StopWorkerAsync();
        await other.Get<RsvpService>().CancelAsync(meeting.Id, holder);
        var outcome = await other.Get<MeetingService>().RsvpOfAsync(meeting.Id, (await other.Get<ResidentService>().FindAsync("directline", resident.UserId))!.Id);
        Assert.Equal(RsvpStatus.Confirmed, outcome!.Status);

        await resident.PollForAsync(a => FromBot(a) && a.ToString().Contains("Goed nieuws", StringComparison.Ordinal));
    }
}
