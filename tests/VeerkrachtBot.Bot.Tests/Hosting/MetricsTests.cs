using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Teams;
using VeerkrachtBot.Core.Telemetry;
using VeerkrachtBot.Core.Tests.Language;

namespace VeerkrachtBot.Bot.Tests.Hosting;

/// <summary>
/// The metrics the issue lists, recorded by real flows through HTTP and read with a <see cref="MeterListener"/>: turns
/// by flow and outcome, analysis fall-backs, proactive sends by result, the outbox depth, digest and retention runs.
/// Counters are process-wide (other tests run beside these), so each test looks for the measurements its own flows
/// must have made; every tag value any of them carries is a short name from the code, never what a resident typed.
/// </summary>
public sealed partial class MetricsTests
{
    private const string Idea = "De lantaarnpaal bij de speeltuin aan de Terra Cottalaan is al weken kapot";

    [Fact]
    public async Task Turns_AreCountedByFlowAndOutcome()
    {
        using var measured = new Measurements();
        await using var host = new BotHost()
            .With("Bot:MessagesPerMinute", "4")
            .WithServices(s => s.AddSingleton<IResidentFlow, FailingFlow>());
        await host.InitializeAsync();
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = host.CreateHttpClient();

        var sharer = new ResidentChat(client, connector);
        await sharer.ArriveAsync();
        await sharer.ClickAsync("Pottenberg");
        await sharer.SayAsync(Idea);
        await new ResidentChat(client, connector).SendAsync(Activities.Message(connector.ServiceUrl, "conv-" + Guid.NewGuid().ToString("N"), null!, value: new { action = "MyData" }));

        var redelivering = new ResidentChat(client, connector);
        var once = Activities.Message(connector.ServiceUrl, redelivering.ConversationId, "help");
        await redelivering.SendAsync(once);
        await redelivering.SendAsync(once);

        var talkative = new ResidentChat(client, connector);
        for (var i = 0; i < 6; i++)
        {
            await talkative.SayAsync("help");
        }

        var failing = new ResidentChat(client, connector);
        await failing.SendAsync(Activities.Message(connector.ServiceUrl, failing.ConversationId, null!, value: new { action = FailingFlow.Action }));

        var turns = measured.Of("veerkracht.turns");
        Assert.Contains(turns, t => t.Is("flow", "arrival") && t.Is("outcome", "ok") && t.Is("activity_type", "conversationUpdate"));
        Assert.Contains(turns, t => t.Is("flow", "idea") && t.Is("outcome", "ok"));
        Assert.Contains(turns, t => t.Is("flow", "mydata") && t.Is("outcome", "ok"));
        Assert.Contains(turns, t => t.Is("outcome", "redelivered"));
        Assert.Contains(turns, t => t.Is("outcome", "refused"));
        Assert.Contains(turns, t => t.Is("flow", "failing") && t.Is("outcome", "failed"));
        Assert.All(turns, t => Assert.Equal(["activity_type", "channel", "flow", "outcome"], t.Tags.Keys.Order()));
        Assert.All(turns, t => Assert.Contains(t.Tags["outcome"], (string[])["ok", "failed", "refused", "redelivered"]));
        measured.AssertOnlyNames(Idea, "Terra Cottalaan", "lantaarnpaal");
    }

    [Fact]
    public async Task AnalysisFallBack_IsCountedWithItsReason()
    {
        using var measured = new Measurements();
        await using var service = await LanguageServiceStandIn.StartAsync();
        await using var host = new BotHost()
            .With("Language:Provider", "Azure")
            .With("Language:AzureEndpoint", service.Endpoint.ToString())
            .With("Language:AzureKey", "not-the-key")
            .With("Language:AzureDeadlineMilliseconds", "2000");
        await host.InitializeAsync();
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = host.CreateHttpClient();

        var chat = new ResidentChat(client, connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");
        await chat.SayAsync(Idea);

        Assert.Contains(measured.Of("veerkracht.analysis.fallbacks"), m => m.Is("reason", "refused") && m.Value == 1);
        measured.AssertOnlyNames(Idea, "Terra Cottalaan", "not-the-key");
    }

    [Fact]
    public async Task ProactiveSends_AreCountedByResult()
    {
        using var measured = new Measurements();
        await using var host = new BotHost();
        await host.InitializeAsync();
        await using var connector = await LoopbackConnector.StartAsync();
        var throttled = await TeamsConversationAsync(host, connector);
        var blocked = await TeamsConversationAsync(host, connector);
        var tooLarge = await TeamsConversationAsync(host, connector);
        connector.Answer(throttled.ConversationId, new LoopbackConnector.Reply(429, "Throttled", TimeSpan.FromMilliseconds(300)));
        connector.Answer(blocked.ConversationId, new LoopbackConnector.Reply(403, "ConversationBlockedByUser"));
        connector.Answer(tooLarge.ConversationId, new LoopbackConnector.Reply(413, "MessageSizeTooBig"));

        var messages = host.Get<ProactiveMessages>();
        foreach (var (reference, _) in new[] { throttled, blocked, tooLarge })
        {
            await messages.EnqueueTextForConversationAsync(reference, "Er zijn 3 nieuwe ideeën in Pottenberg.", "metrics:" + reference);
        }

        foreach (var (reference, _) in new[] { throttled, blocked, tooLarge })
        {
            await Eventually.FoundAsync(async () => await messages.FindAsync("metrics:" + reference) is { State: not (DeliveryState.Pending or DeliveryState.Throttled) } n ? n : null, "a result");
        }

        var sends = measured.Of("veerkracht.proactive.sends").Where(m => m.Is("kind", "Text") && m.Is("recipient", "Conversation")).ToList();
        foreach (var result in (string[])["retried", "sent", "inactive", "failed"])
        {
            Assert.Contains(sends, m => m.Is("result", result));
        }

        measured.AssertOnlyNames("nieuwe ideeën");
    }

    [Fact]
    public async Task OutboxDepth_IsReadFromTheDatabase_ByState()
    {
        await using var host = new BotHost().With("Proactive:Enabled", "false");
        await host.InitializeAsync();
        await using var connector = await LoopbackConnector.StartAsync();
        var (reference, _) = await TeamsConversationAsync(host, connector);
        await host.Get<ProactiveMessages>().EnqueueTextForConversationAsync(reference, "Eén", "depth-1:" + reference);
        await host.Get<ProactiveMessages>().EnqueueTextForConversationAsync(reference, "Twee", "depth-2:" + reference);

        var meters = host.Get<IMeterFactory>();
        using var measured = new Measurements(instrument => instrument.Meter.Scope == meters);
        measured.Listener.RecordObservableInstruments();

        var depth = measured.Of("veerkracht.outbox.depth");
        Assert.Equal(2, Assert.Single(depth, m => m.Is("state", "pending")).Value);
        Assert.Equal(0, Assert.Single(depth, m => m.Is("state", "retrying")).Value);
    }

    [Fact]
    public async Task DigestAndRetentionRuns_AtStart_AreCounted()
    {
        using var measured = new Measurements();
        await using var host = new BotHost();
        await host.InitializeAsync();

        await Eventually.HoldsAsync(() => measured.Of("veerkracht.digest.runs").Any(m => m.Is("kind", "week")) && measured.Of("veerkracht.retention.runs").Any(m => m.Is("result", "ran")),
            "a digest run and a retention run recorded");
        Assert.All(measured.Of("veerkracht.digest.runs"), m => Assert.Contains(m.Tags["result"], (string[])["enqueued", "empty", "done-elsewhere", "failed"]));
    }

    private static async Task<(string ConversationReferenceId, string ConversationId)> TeamsConversationAsync(BotHost host, LoopbackConnector connector)
    {
        var conversationId = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var reference = await host.Get<ITeamsStore>().SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", conversationId, connector.ServiceUrl,
            "72f988bf-86f1-41af-91ab-2d7cd011db47", "28:bot-app-id", null, null, "channel"), DateTimeOffset.UtcNow);
        return (reference, conversationId);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z-]{0,40}$")]
    private static partial Regex Name();

    private sealed record Measured(string Instrument, long Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public bool Is(string tag, string value) => Tags.TryGetValue(tag, out var found) && Equals(found, value);
    }

    /// <summary>Every long measurement of the bot's and Core's meters while it lives.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly ConcurrentQueue<Measured> _all = new();

        public Measurements(Func<Instrument, bool>? which = null)
        {
            Listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name is VeerkrachtBot.Bot.Hosting.Telemetry.Name or CoreMetrics.MeterName && (which is null || which(instrument)))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            Listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
                _all.Enqueue(new Measured(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
            Listener.Start();
        }

        public MeterListener Listener { get; } = new();

        public IReadOnlyList<Measured> Of(string instrument) => _all.Where(m => m.Instrument == instrument).ToList();

        /// <summary>Every tag value is a short name, and none holds what was typed.</summary>
        public void AssertOnlyNames(params string[] typed)
        {
            Assert.All(_all.SelectMany(m => m.Tags.Values), value => Assert.Matches(Name(), value as string ?? ""));
            Assert.All(_all.SelectMany(m => m.Tags.Values), value => Assert.DoesNotContain(typed, t => (value as string ?? "").Contains(t, StringComparison.OrdinalIgnoreCase)));
        }

        public void Dispose() => Listener.Dispose();
    }

    /// <summary>A flow whose button fails, as a bug would: the turn ends with an apology and is counted as failed.</summary>
    private sealed class FailingFlow : IResidentFlow
    {
        public const string Action = "MetricsFail";

        public IReadOnlyCollection<string> Actions { get; } = [Action];

        public IReadOnlyCollection<string> Steps { get; } = [];

        public Task OnActionAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A flow that fails on purpose.");

        public Task<ExpectedAnswer> ExpectAsync(ResidentTurn turn, CancellationToken cancellationToken) => Task.FromResult(ExpectedAnswer.Nothing);

        public Task OnAnswerAsync(ResidentTurn turn, TurnDecision answer, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RepeatAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
