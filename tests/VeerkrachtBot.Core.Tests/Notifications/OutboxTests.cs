using Dapper;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Notifications;

/// <summary>The outbox contract: dedupe, leases, results, give-up, several instances. Times come from a fake clock.</summary>
public sealed class OutboxTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static NewNotification Text(string dedupeKey, string conversation = "conv-1", DateTimeOffset? dueAt = null) =>
        new(Recipient.Conversation(conversation), NotificationKind.Text, NotificationPayloads.Write(new TextPayload("Hallo " + dedupeKey)), dedupeKey, dueAt);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Enqueue_SameDedupeKeyTwice_TheSecondIsANoOp(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var outbox = new Domain(db.Database).Outbox;

        Assert.True(await outbox.EnqueueAsync(Text("digest:sub-1:2026-W48")));
        Assert.False(await outbox.EnqueueAsync(Text("digest:sub-1:2026-W48") with { Payload = NotificationPayloads.Write(new TextPayload("anders")) }));

        var stored = Assert.Single(await outbox.ForRecipientAsync(Recipient.Conversation("conv-1")));
        Assert.Equal("Hallo digest:sub-1:2026-W48", NotificationPayloads.Read<TextPayload>(stored.Payload)!.Text);
        Assert.Equal(DeliveryState.Pending, stored.State);
        Assert.Equal(0, stored.Attempts);
        Assert.Equal(stored.Id, (await outbox.FindAsync("digest:sub-1:2026-W48"))!.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Claim_LeasesDueRows_AnotherInstanceGetsThemOnlyAfterTheLeaseEnds(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var other = new SqlNotificationOutbox(db.OpenAnother(), domain.Clock);
        await domain.Outbox.EnqueueAsync(Text("a"));
        await domain.Outbox.EnqueueAsync(Text("later", dueAt: Domain.Start.AddMinutes(10)));

        var claimed = Assert.Single(await domain.Outbox.ClaimAsync("instance-1", 10, Lease, maxAttempts: 5));
        Assert.Equal("a", claimed.DedupeKey);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal("instance-1", claimed.LeaseOwner);
        Assert.Equal(Domain.Start + Lease, claimed.LeaseUntil);
        Assert.Empty(await other.ClaimAsync("instance-2", 10, Lease, maxAttempts: 5));
        Assert.False(await other.AnyDueAsync());

        // instance-1 stopped without a result: after its lease another instance takes the row over, and the one that is
        // due by now.
        domain.Clock.Advance(TimeSpan.FromMinutes(10));
        var takenOver = await other.ClaimAsync("instance-2", 10, Lease, maxAttempts: 5);

        Assert.Equal(["a", "later"], takenOver.Select(n => n.DedupeKey));
        Assert.Equal(2, takenOver[0].Attempts);
        Assert.False(await domain.Outbox.CompleteAsync(claimed.Id, "instance-1", DeliveryOutcome.Delivered(200)));
        Assert.True(await other.CompleteAsync(claimed.Id, "instance-2", DeliveryOutcome.Delivered(200)));
        var done = (await domain.Outbox.GetAsync(claimed.Id))!;
        Assert.Equal(DeliveryState.Succeeded, done.State);
        Assert.Equal(domain.Clock.GetUtcNow(), done.CompletedAt);
        Assert.Null(done.LeaseOwner);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Throttled_ComesBackAtItsRetryTime_AndAReleaseIsNoAttempt(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        await domain.Outbox.EnqueueAsync(Text("a"));

        var first = Assert.Single(await domain.Outbox.ClaimAsync("i", 10, Lease, 5));
        await domain.Outbox.CompleteAsync(first.Id, "i", new DeliveryOutcome(DeliveryState.Throttled, Domain.Start.AddSeconds(30), 429, "429 Too Many Requests"));
        var throttled = (await domain.Outbox.GetAsync(first.Id))!;
        Assert.Equal(DeliveryState.Throttled, throttled.State);
        Assert.Equal(429, throttled.LastStatus);
        Assert.Empty(await domain.Outbox.ClaimAsync("i", 10, Lease, 5));

        domain.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = Assert.Single(await domain.Outbox.ClaimAsync("i", 10, Lease, 5));
        Assert.Equal(2, second.Attempts);
        Assert.True(await domain.Outbox.ReleaseAsync(second.Id, "i"));
        var third = Assert.Single(await domain.Outbox.ClaimAsync("i", 10, Lease, 5));

        Assert.Equal(2, third.Attempts);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Claim_GivesUpOnANotificationWhoseAttemptsAllEndedWithoutAResult(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        await domain.Outbox.EnqueueAsync(Text("crashes-the-sender"));

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Single(await domain.Outbox.ClaimAsync("i", 10, Lease, maxAttempts: 3));
            domain.Clock.Advance(Lease);
        }

        Assert.Empty(await domain.Outbox.ClaimAsync("i", 10, Lease, maxAttempts: 3));
        var failed = (await domain.Outbox.FindAsync("crashes-the-sender"))!;
        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.Contains("3 attempts", failed.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OneRecipient_IsLeasedByOneInstanceAtATime(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        await domain.Outbox.EnqueueAsync(Text("a1", "conv-a"));
        await domain.Outbox.EnqueueAsync(Text("a2", "conv-a"));
        await domain.Outbox.EnqueueAsync(Text("b1", "conv-b"));

        var first = await domain.Outbox.ClaimAsync("i-1", 2, Lease, 5);
        await domain.Outbox.EnqueueAsync(Text("a3", "conv-a"));
        var second = await domain.Outbox.ClaimAsync("i-2", 10, Lease, 5);

        Assert.Equal(["a1", "a2"], first.Select(n => n.DedupeKey));
        Assert.Equal(["b1"], second.Select(n => n.DedupeKey));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EightInstancesClaimingAtOnce_NeverGetTheSameNotification(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        for (var i = 0; i < 120; i++)
        {
            await domain.Outbox.EnqueueAsync(Text($"n-{i}", $"conv-{i % 40}"));
        }

        var owners = Enumerable.Range(0, 8).Select(i => (Owner: $"instance-{i}", Outbox: new SqlNotificationOutbox(db.OpenAnother(), domain.Clock))).ToList();
        var claimed = await Task.WhenAll(owners.Select(o => Task.Run(async () =>
        {
            var mine = new List<Notification>();
            while ((await o.Outbox.ClaimAsync(o.Owner, 7, Lease, 5)) is { Count: > 0 } batch)
            {
                mine.AddRange(batch);
                foreach (var notification in batch)
                {
                    Assert.True(await o.Outbox.CompleteAsync(notification.Id, o.Owner, DeliveryOutcome.Delivered()));
                }
            }

            return mine;
        })));

        var all = claimed.SelectMany(c => c).ToList();
        Assert.Equal(120, all.Count);
        Assert.Equal(120, all.Select(n => n.Id).Distinct().Count());
        Assert.All(all, n => Assert.Equal(1, n.Attempts));
        Assert.Equal(120, (await domain.Outbox.StatisticsAsync()).Results[DeliveryState.Succeeded]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Statistics_GiveDepthResultsAndTheOldestDue_AndPurgeKeepsOpenRows(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        foreach (var key in new[] { "ok", "gone", "throttled", "waiting" })
        {
            await domain.Outbox.EnqueueAsync(Text(key, "conv-" + key));
            domain.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await domain.Outbox.EnqueueAsync(new NewNotification(Recipient.Resident("r_1"), NotificationKind.IdeaStatus, "{}", "idea"));
        var claimed = (await domain.Outbox.ClaimAsync("i", 3, Lease, 5)).ToDictionary(n => n.DedupeKey);
        await domain.Outbox.CompleteAsync(claimed["ok"].Id, "i", DeliveryOutcome.Delivered(200));
        await domain.Outbox.CompleteAsync(claimed["gone"].Id, "i", new DeliveryOutcome(DeliveryState.RecipientGone, Status: 403, Reason: "ConversationBlockedByUser"));
        await domain.Outbox.CompleteAsync(claimed["throttled"].Id, "i", new DeliveryOutcome(DeliveryState.Throttled, domain.Clock.GetUtcNow().AddMinutes(1), 429));

        var statistics = await domain.Outbox.StatisticsAsync();

        Assert.Equal(3, statistics.Depth);
        Assert.Equal(2, statistics.Open[NotificationKind.Text]);
        Assert.Equal(1, statistics.Open[NotificationKind.IdeaStatus]);
        Assert.Equal(1, statistics.Results[DeliveryState.Succeeded]);
        Assert.Equal(1, statistics.Results[DeliveryState.RecipientGone]);
        Assert.Equal(1, statistics.Results[DeliveryState.Throttled]);
        Assert.Equal(2, statistics.Results[DeliveryState.Pending]);
        Assert.Equal(0, statistics.Leased);
        Assert.Equal(Domain.Start.AddSeconds(3), statistics.OldestDueAt);

        domain.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(2, await domain.Outbox.PurgeCompletedAsync(domain.Clock.GetUtcNow().AddDays(-30)));
        Assert.Equal(3, (await domain.Outbox.StatisticsAsync()).Depth);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InactiveConversation_IsMarkedUntilItTalksAgain(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var outbox = new Domain(db.Database).Outbox;

        Assert.False(await outbox.ReactivateAsync("msteams", "a:1"));
        await outbox.MarkInactiveAsync("msteams", "a:1", "ConversationBlockedByUser");
        await outbox.MarkInactiveAsync("msteams", "a:1", "BotNotInConversationRoster");

        Assert.Equal(new InactiveConversation("BotNotInConversationRoster", Domain.Start), await outbox.InactiveAsync("msteams", "a:1"));
        Assert.Null(await outbox.InactiveAsync("webchat", "a:1"));
        Assert.True(await outbox.ReactivateAsync("msteams", "a:1"));
        Assert.Null(await outbox.InactiveAsync("msteams", "a:1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProactiveMessages_ForATeamsConversation_SecondEnqueueWithTheSameKeyIsANoOp(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var messages = new ProactiveMessages(domain.Outbox);

        Assert.True(await messages.EnqueueTextForConversationAsync("ref-1", "Nieuwe week", "digest:sub-1:2026-W49"));
        Assert.False(await messages.EnqueueTextForConversationAsync("ref-1", "Nieuwe week", "digest:sub-1:2026-W49"));

        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox WHERE dedupe_key = 'digest:sub-1:2026-W49'"));
        Assert.Equal(Recipient.Conversation("ref-1"), (await messages.FindAsync("digest:sub-1:2026-W49"))!.Recipient);
        await Assert.ThrowsAsync<ArgumentException>(() => messages.EnqueueTextForConversationAsync("ref-1", "x", new string('k', 257)));
    }
}
