using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Hosting;

/// <summary>
/// The bound on turns at once and waiting, through real HTTP: beyond it 503 with Retry-After at once instead of a
/// queue without end, the bot answering again as soon as a place is free, a redelivery under load answered once,
/// and the local Direct Line (whose turn posts its replies back into the bot) not blocked by its own turn.
/// </summary>
public sealed class TurnLimitsTests : IAsyncLifetime
{
    private readonly HeldConnector _held = new();
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        await _held.StartAsync();
        await LoopbackConnector.EnsureServerAsync();
        _host = new BotHost()
            .With("Bot:MaxConcurrentTurns", "1")
            .With("Bot:MaxQueuedTurns", "0")
            .With("Bot:AllowedServiceUrls:0", LoopbackConnector.AllowedPrefix)
            .With("Bot:AllowedServiceUrls:1", _held.ServiceUrl);
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        _held.Release();
        await ((IAsyncLifetime)_host).DisposeAsync();
        await _held.DisposeAsync();
    }

    [Fact]
    public async Task WhileTheOnlyPlaceIsHeld_TheNextTurnGets503WithRetryAfterAtOnce_AndAfterTheReleaseTheBotAnswersAgain()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = _host.CreateHttpClient();

        // The bot's reply to this turn waits at the held connector: the turn keeps its place until released.
        var held = client.PostAsync("api/messages", Activities.Message(_held.ServiceUrl, "conv-held-" + Guid.NewGuid().ToString("N"), "Hallo"));
        await _held.Holding.WaitAsync(TimeSpan.FromSeconds(60));

        var other = new ResidentChat(client, connector);
        using var refused = await client.PostAsync("api/messages", Activities.Message(connector.ServiceUrl, other.ConversationId, "Hallo"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("busy", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.False(held.IsCompleted);
        Assert.Empty(connector.SentTo(other.ConversationId));

        _held.Release();
        using (var answered = await held)
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var replies = await other.SayAsync("Hallo");
        Assert.NotEmpty(replies);
    }

    [Fact]
    public async Task TheWebChatToken_AndDirectLinePosts_AreRefusedWhileFull_ButADirectLineTurnIsNotBlockedByItsOwnReplies()
    {
        using var client = _host.CreateHttpClient();

        // With one place, a Direct Line turn posts its replies to the bot's own connector endpoint: that must not wait for the place.
        var web = await new DirectLineClient(client).StartAsync();
        using (var posted = await web.PostActivityAsync(new { type = "message", from = new { id = web.UserId }, text = "help" }))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var reply = await web.PollForAsync(a => a.Value<string>("type") == "message" && a["from"]?.Value<string>("id") != web.UserId && a.Value<string>("replyToId") is not null);
        Assert.NotNull(reply);

        var held = client.PostAsync("api/messages", Activities.Message(_held.ServiceUrl, "conv-held-" + Guid.NewGuid().ToString("N"), "Hallo"));
        await _held.Holding.WaitAsync(TimeSpan.FromSeconds(60));
        using (var token = await client.PostAsync("api/webchat/token", Activities.Json("{\"locale\":\"nl-NL\"}")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
            Assert.NotNull(token.Headers.RetryAfter);
        }

        using (var post = await web.PostActivityAsync(new { type = "message", from = new { id = web.UserId }, text = "help" }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
            Assert.NotNull(post.Headers.RetryAfter);
            Assert.Contains("ServiceUnavailable", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        _held.Release();
        (await held).Dispose();
    }

    [Fact]
    public async Task ARedeliveryUnderLoad_RetriedAfterEach503_IsAnsweredOnce()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = _host.CreateHttpClient();
        var once = new ResidentChat(client, connector);
        await once.SayAsync("Er ligt veel afval bij de glasbak");
        var expected = connector.SentTo(once.ConversationId).Count(a => a.Type == ActivityTypes.Message);

        // Eight deliveries of one activity at once, as a channel that gave up and retried; each 503 is retried after its Retry-After.
        var conversation = "conv-redelivered-" + Guid.NewGuid().ToString("N");
        var activity = Activities.Message(connector.ServiceUrl, conversation, "Er ligt veel afval bij de glasbak");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => DeliverUntilAcceptedAsync(client, activity)));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s.Final));
        Assert.Contains(statuses, s => s.Refused > 0);
        Assert.Equal(expected, connector.SentTo(conversation).Count(a => a.Type == ActivityTypes.Message));
    }

    private static async Task<(HttpStatusCode Final, int Refused)> DeliverUntilAcceptedAsync(HttpClient client, Activity activity)
    {
        for (var refused = 0; ; refused++)
        {
            using var response = await client.PostAsync("api/messages", activity);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || refused == 100)
            {
                return (response.StatusCode, refused);
            }

            // A short wait instead of the whole Retry-After: the test needs the retry, not the pause.
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>A connector that holds the first reply it gets until released, so the turn that sent it keeps its place.</summary>
    private sealed class HeldConnector : IAsyncDisposable
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WebApplication? _app;

        public string ServiceUrl { get; private set; } = "";

        public Task Holding => _holding.Task;

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            _app = builder.Build();
            _app.MapPost("/v3/conversations/{conversationId}/activities/{**rest}", async (HttpContext context) =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                _holding.TrySetResult();
                await _release.Task;
                return Results.Json(new { id = Guid.NewGuid().ToString("N") });
            });
            await _app.StartAsync();
            ServiceUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        }

        public void Release() => _release.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
