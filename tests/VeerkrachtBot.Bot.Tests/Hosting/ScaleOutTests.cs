using Dapper;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Hosting;

/// <summary>
/// Two bot hosts on one database, as two App Service instances behind its load balancer: a client whose requests
/// alternate between them, so every next step of a conversation lands on the other instance.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private readonly BotHost _first = new BotHost().With("Demo:Enabled", "true").With("Bot:Instances", "2");
    private BotHost _second = null!;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = _first.Restarted();
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_second).DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task IdeaFlowAndRsvp_CompleteAcrossBothInstances()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        var alternating = new Alternating(_first.BaseAddress, _second.BaseAddress);
        using var client = new HttpClient(alternating) { BaseAddress = _first.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var texts = BotTexts.Dutch;
        var chat = new ResidentChat(client, connector);

        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");
        await chat.SayAsync("menu");
        await chat.ClickAsync(texts.ShareIdea);
        await chat.SayAsync("De stoep bij de bushalte ligt helemaal scheef");
        await chat.ClickAsync(texts.Ideas.Correct);
        await chat.ClickAsync(texts.Ideas.Save, new { themes = "mobility" });
        await chat.ClickAsync(texts.Ideas.ContactNo);
        await chat.ClickAsync(texts.MeetingsTitle);
        await chat.ClickAsync(ResidentChat.Buttons(chat.Last).First(b => b.Title.StartsWith("Bekijk ‘", StringComparison.Ordinal)).Title);
        await chat.ClickAsync(texts.Meetings.Yes);
        await chat.ClickAsync("2");
        await chat.ClickAsync(texts.MyIdeas);

        Assert.True(alternating.Sent[0] >= 5 && alternating.Sent[1] >= 5, $"requests per instance: {alternating.Sent[0]}, {alternating.Sent[1]}");
        Assert.Contains("De stoep bij de bushalte", Said.Text(chat.Last), StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={_first.DatabasePath};Pooling=False");
        var resident = await connection.ExecuteScalarAsync<string>("SELECT resident_id FROM ideas WHERE redacted_text LIKE '%bushalte%'");
        Assert.NotNull(resident);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ideas WHERE resident_id = @resident", new { resident }));
        var rsvp = await connection.QuerySingleAsync<(string Response, long PartySize)>("SELECT response, party_size FROM rsvps WHERE resident_id = @resident", new { resident });
        Assert.Equal(2, rsvp.PartySize);
        Assert.Empty(_first.Log.Errors);
        Assert.Empty(_second.Log.Errors);
    }

    [Fact]
    public async Task DirectLineStreamOnOneInstance_SeesTheReplyTheOtherProduced()
    {
        using var firstClient = _first.CreateHttpClient();
        using var secondClient = _second.CreateHttpClient();
        var onFirst = await new DirectLineClient(firstClient).StartAsync();
        var onSecond = new DirectLineClient(secondClient);

        var stream = DirectLineClient.ReadStreamAsync(onFirst.StreamUrl, received => received.Any(IsHelpReply), TimeSpan.FromSeconds(30));
        var posted = await onSecond.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{onFirst.ConversationId}/activities",
            new JObject { ["type"] = "message", ["from"] = new JObject { ["id"] = onFirst.UserId }, ["text"] = "help" }.ToString(), onFirst.Token);

        Assert.True(posted.IsSuccessStatusCode, posted.StatusCode.ToString());
        var received = await stream;
        Assert.Contains(received, IsHelpReply);
        Assert.Empty(_first.Log.Errors);
        Assert.Empty(_second.Log.Errors);
    }

    private static bool IsHelpReply(JObject activity) =>
        activity.Value<string>("type") == ActivityTypes.Message && activity["from"]?.Value<string>("role") == "bot"
        && (activity.Value<string>("text") ?? activity.ToString()).Contains("Je kunt altijd deze woorden typen", StringComparison.Ordinal);

    /// <summary>Sends each request to the next instance in turn, like a load balancer without session affinity.</summary>
    private sealed class Alternating(Uri first, Uri second) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next;

        public int[] Sent { get; } = new int[2];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _next) % 2;
            Interlocked.Increment(ref Sent[index]);
            var target = index == 0 ? first : second;
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
