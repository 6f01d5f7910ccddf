using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VeerkrachtBot.Bot.Proactive;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Tests.Proactive;

/// <summary>
/// The outbox worker's rounds with a fake clock, sending through the real adapter over HTTP to a loopback connector
/// that answers as Teams and the Bot Connector do (429 with Retry-After, 403 with a Teams error code, 404, 413, 5xx).
/// The host's own worker is off: each round is run by the test.
/// </summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private readonly BotHost _host = new BotHost().With("Proactive:Enabled", "false").With("Proactive:MaxAttempts", "3");
    private FakeTimeProvider _clock = null!;
    private SqlNotificationOutbox _outbox = null!;
    private OutboxDispatcher _dispatcher = null!;
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _connector = await LoopbackConnector.StartAsync();

        // Rows are enqueued with the system clock: the fake one starts just after, so they are due.
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(1));
        _outbox = new SqlNotificationOutbox(_host.Get<IDatabase>(), _clock);
        var sender = ActivatorUtilities.CreateInstance<ProactiveSender>(_host.Services, _clock, _outbox);
        _dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(_host.Services, _outbox, sender, _clock);
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await ((IAsyncLifetime)_host).DisposeAsync();
    }

    private async Task<(string ReferenceId, string ConversationId)> TeamsChannelAsync(string channelId = "msteams")
    {
        var conversationId = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var id = await _host.Get<ITeamsStore>().SaveConversationAsync(new StoredConversation(Ids.New(), channelId, conversationId, _connector.ServiceUrl,
            "72f988bf-86f1-41af-91ab-2d7cd011db47", "28:bot-app-id", null, null, "channel"), DateTimeOffset.UtcNow);
        return (id, conversationId);
    }

    private async Task<Notification> EnqueueAsync(string referenceId, string text = "Nieuwe week in Pottenberg")
    {
        var key = "test:" + Guid.NewGuid().ToString("N");
        Assert.True(await _host.Get<ProactiveMessages>().EnqueueTextForConversationAsync(referenceId, text, key));
        return (await _outbox.FindAsync(key))!;
    }

    private async Task<Notification> ReadAsync(Notification notification) => (await _outbox.GetAsync(notification.Id))!;

    [Fact]
    public async Task ThrottledMessage_IsNotOvertakenByALaterOneToTheSameConversation()
    {
        var (reference, conversation) = await TeamsChannelAsync();
        _connector.Answer(conversation, new LoopbackConnector.Reply(429, "Throttled", TimeSpan.FromSeconds(30)));
        var first = await EnqueueAsync(reference, "Eerste bericht");

        // Outbox order within one millisecond is not defined (created_at is in milliseconds): the second comes later.
        await Task.Delay(5);
        var second = await EnqueueAsync(reference, "Tweede bericht");

        Assert.Equal(2, await _dispatcher.RunOnceAsync(CancellationToken.None));
        Assert.Empty(_connector.SentTo(conversation));
        Assert.Equal(DeliveryState.Throttled, (await ReadAsync(first)).State);
        var waiting = await ReadAsync(second);
        Assert.Equal(DeliveryState.Pending, waiting.State);
        Assert.Equal(0, waiting.Attempts);

        // While the first waits for its retry, the second (due) waits with it.
        Assert.Equal(0, await _dispatcher.RunOnceAsync(CancellationToken.None));
        Assert.Empty(_connector.SentTo(conversation));

        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(2, await _dispatcher.RunOnceAsync(CancellationToken.None));

        Assert.Equal(["Eerste bericht", "Tweede bericht"], _connector.SentTo(conversation).Select(a => a.Text));
    }

    [Fact]
    public async Task Throttled429WithRetryAfter_IsSentAgainOnlyAfterTheWait_AndDeliveredOnce()
    {
        var (reference, conversation) = await TeamsChannelAsync();
        _connector.Answer(conversation, new LoopbackConnector.Reply(429, "Throttled", TimeSpan.FromSeconds(120)));
        var notification = await EnqueueAsync(reference);
        var start = _clock.GetUtcNow();

        Assert.Equal(1, await _dispatcher.RunOnceAsync(CancellationToken.None));
        var throttled = await ReadAsync(notification);
        Assert.Equal(DeliveryState.Throttled, throttled.State);
        Assert.Equal(429, throttled.LastStatus);
        Assert.InRange(throttled.NextAttemptAt, start.AddSeconds(120), start.AddSeconds(132));

        _clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(0, await _dispatcher.RunOnceAsync(CancellationToken.None));
        Assert.Empty(_connector.SentTo(conversation));

        _clock.SetUtcNow(throttled.NextAttemptAt);
        Assert.Equal(1, await _dispatcher.RunOnceAsync(CancellationToken.None));

        var sent = Assert.Single(_connector.SentTo(conversation));
        Assert.Equal("Nieuwe week in Pottenberg", sent.Text);
        Assert.Equal(notification.Id, sent.Id);
        Assert.Equal([429, 200], _connector.Attempts.Where(a => a.ConversationId == conversation).Select(a => a.Status));
        var done = await ReadAsync(notification);
        Assert.Equal(DeliveryState.Succeeded, done.State);
        Assert.Equal(2, done.Attempts);
    }

    [Theory]
    [InlineData(403, "ConversationBlockedByUser")]
    [InlineData(403, "BotNotInConversationRoster")]
    [InlineData(403, "BotDisabledByAdmin")]
    [InlineData(404, "ConversationNotFound")]
    public async Task GoneForTheBot_MarksTheConversationInactive_AndLaterMessagesAreNotSent(int status, string code)
    {
        var (reference, conversation) = await TeamsChannelAsync();
        _connector.Answer(conversation, new LoopbackConnector.Reply(status, code));
        var first = await EnqueueAsync(reference);

        await _dispatcher.RunOnceAsync(CancellationToken.None);
        var second = await EnqueueAsync(reference);
        await _dispatcher.RunOnceAsync(CancellationToken.None);

        var gone = await ReadAsync(first);
        Assert.Equal(DeliveryState.RecipientGone, gone.State);
        Assert.Equal(status, gone.LastStatus);
        Assert.Contains(code, gone.LastError, StringComparison.Ordinal);
        Assert.Equal(code, (await _outbox.InactiveAsync("msteams", conversation))!.Reason);
        var notSent = await ReadAsync(second);
        Assert.Equal(DeliveryState.RecipientGone, notSent.State);
        Assert.Contains("takes no messages since", notSent.LastError, StringComparison.Ordinal);
        Assert.Single(_connector.Attempts, a => a.ConversationId == conversation);
        Assert.Empty(_connector.SentTo(conversation));
    }

    [Theory]
    [InlineData(403, "Forbidden")]
    [InlineData(413, "MessageSizeTooBig")]
    [InlineData(400, "BadArgument")]
    public async Task RefusedForAnotherReason_FailsWithTheReason_AndTheConversationStaysActive(int status, string code)
    {
        var (reference, conversation) = await TeamsChannelAsync();
        _connector.Answer(conversation, new LoopbackConnector.Reply(status, code));
        var notification = await EnqueueAsync(reference);

        await _dispatcher.RunOnceAsync(CancellationToken.None);

        var failed = await ReadAsync(notification);
        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.Equal(status, failed.LastStatus);
        Assert.Contains(code, failed.LastError, StringComparison.Ordinal);
        Assert.Null(await _outbox.InactiveAsync("msteams", conversation));
        if (status == 413)
        {
            Assert.Contains("too large", failed.LastError, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(412)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task PassingFailure_IsRetriedAfterAJitteredBackOff_AndThenDelivered(int status)
    {
        var (reference, conversation) = await TeamsChannelAsync();
        _connector.Answer(conversation, new LoopbackConnector.Reply(status), new LoopbackConnector.Reply(status));
        var notification = await EnqueueAsync(reference);

        // Without Retry-After: 10 s doubling per attempt, half of it fixed and half random.
        await _dispatcher.RunOnceAsync(CancellationToken.None);
        var first = await ReadAsync(notification);
        Assert.Equal(DeliveryState.Throttled, first.State);
        Assert.InRange(first.NextAttemptAt - _clock.GetUtcNow(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        _clock.SetUtcNow(first.NextAttemptAt);
        await _dispatcher.RunOnceAsync(CancellationToken.None);
        var second = await ReadAsync(notification);
        Assert.InRange(second.NextAttemptAt - _clock.GetUtcNow(), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        _clock.SetUtcNow(second.NextAttemptAt);
        await _dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Equal(DeliveryState.Succeeded, (await ReadAsync(notification)).State);
        Assert.Single(_connector.SentTo(conversation));
        Assert.Equal([status, status, 200], _connector.Attempts.Where(a => a.ConversationId == conversation).Select(a => a.Status));
    }

    [Fact]
    public async Task KeepsFailing_IsGivenUpAfterTheLastAttempt_WithTheReason()
    {
        var (reference, conversation) = await TeamsChannelAsync();
        _connector.Answer(conversation, new LoopbackConnector.Reply(503), new LoopbackConnector.Reply(503), new LoopbackConnector.Reply(503));
        var notification = await EnqueueAsync(reference);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await _dispatcher.RunOnceAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(5));
        }

        var failed = await ReadAsync(notification);
        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.Equal(3, failed.Attempts);
        Assert.StartsWith("Gave up after 3 attempts; the last: 503", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(0, await _dispatcher.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task NetworkError_IsRetried()
    {
        var conversationId = "19:unreachable@thread.tacv2";
        var reference = await _host.Get<ITeamsStore>().SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", conversationId, "http://127.0.0.1:1/",
            "tenant-1", "28:bot-app-id", null, null, "channel"), DateTimeOffset.UtcNow);
        var notification = await EnqueueAsync(reference);

        await _dispatcher.RunOnceAsync(CancellationToken.None);

        var throttled = await ReadAsync(notification);
        Assert.Equal(DeliveryState.Throttled, throttled.State);
        Assert.Null(throttled.LastStatus);
        Assert.StartsWith("Network error", throttled.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelWithoutProactiveMessages_IsSkippedWithTheReason()
    {
        var (reference, conversation) = await TeamsChannelAsync("telephony");
        var notification = await EnqueueAsync(reference);

        await _dispatcher.RunOnceAsync(CancellationToken.None);

        var skipped = await ReadAsync(notification);
        Assert.Equal(DeliveryState.Skipped, skipped.State);
        Assert.Contains("telephony", skipped.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(_connector.Attempts, a => a.ConversationId == conversation);
    }

    [Fact]
    public async Task TeamsUserWithoutAPersonalChat_GetsOneCreatedInTheirTenant_AndTheNextMessageContinuesIt()
    {
        var aadObjectId = Guid.NewGuid().ToString();
        const string tenant = "2f6c1d0e-1111-4a4a-9b9b-0123456789ab";
        await _host.Get<ITeamsStore>().SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", $"19:{Guid.NewGuid():N}@thread.tacv2", _connector.ServiceUrl,
            tenant, "28:bot-app-id", "29:user-in-channel", aadObjectId, "channel"), DateTimeOffset.UtcNow);
        var messages = _host.Get<ProactiveMessages>();
        await messages.EnqueueForTeamsUserAsync(aadObjectId, NotificationKind.Text, NotificationPayloads.Write(new TextPayload("Je eerste samenvatting")), "first:" + aadObjectId);

        await _dispatcher.RunOnceAsync(CancellationToken.None);
        await messages.EnqueueForTeamsUserAsync(aadObjectId, NotificationKind.Text, NotificationPayloads.Write(new TextPayload("De tweede")), "second:" + aadObjectId);
        await _dispatcher.RunOnceAsync(CancellationToken.None);

        var created = Assert.Single(_connector.Created);
        Assert.Equal(tenant, created.TenantId);
        Assert.Equal("29:user-in-channel", Assert.Single(created.Members).Id);
        Assert.Equal("28:bot-app-id", created.Bot.Id);
        var (personal, _) = await _host.Get<ConversationDirectory>().OfTeamsUserAsync(aadObjectId);
        Assert.Equal("personal", personal!.ConversationType);
        Assert.Equal(["Je eerste samenvatting", "De tweede"], _connector.SentTo(personal.ConversationId).Select(a => a.Text));
        Assert.Equal(DeliveryState.Succeeded, (await _outbox.FindAsync("second:" + aadObjectId))!.State);
    }

    [Fact]
    public async Task ResidentWhoBlockedTheBot_GetsNothingUntilTheyTalkAgain()
    {
        var chat = new ResidentChat(_host.CreateHttpClient(), _connector);
        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");
        await chat.ClickAsync("Pottenberg");
        var resident = (await _host.Get<ResidentService>().FindAsync("webchat", chat.UserId))!;
        var idea = Assert.Single(await _host.Get<IdeaService>().MineAsync(resident.Id));
        var ideas = _host.Get<IdeaService>();
        _connector.Answer(chat.ConversationId, new LoopbackConnector.Reply(403, "ConversationBlockedByUser"));

        // A status change is due at its own (system) time: the fake clock catches up with it before each round.
        Task<int> RoundAsync()
        {
            _clock.SetUtcNow(DateTimeOffset.UtcNow.AddSeconds(1));
            return _dispatcher.RunOnceAsync(CancellationToken.None);
        }

        await ideas.ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, "We kijken ernaar.", "anne");
        await RoundAsync();
        await ideas.ChangeStatusAsync(idea.Id, IdeaStatus.Planned, "De lamp wordt volgende week vervangen.", "anne");
        await RoundAsync();
        var before = chat.All.Count;
        var results = (await _outbox.ForRecipientAsync(Recipient.Resident(resident.Id))).Select(n => n.State).ToList();

        Assert.Equal([DeliveryState.RecipientGone, DeliveryState.RecipientGone], results);
        Assert.NotNull(await _outbox.InactiveAsync("webchat", chat.ConversationId));

        // The resident talks to the bot again: the conversation takes messages again.
        await chat.SayAsync("menu");
        Assert.Null(await _outbox.InactiveAsync("webchat", chat.ConversationId));
        await ideas.ChangeStatusAsync(idea.Id, IdeaStatus.Done, "De lamp is vervangen.", "anne");
        await RoundAsync();

        var notice = chat.All.Skip(before).Last(a => a.Type == "message");
        Assert.Contains("Er is nieuws over je idee", Said.Text(notice), StringComparison.Ordinal);
        Assert.Contains("De lamp is vervangen.", Said.Text(notice), StringComparison.Ordinal);
    }
}
