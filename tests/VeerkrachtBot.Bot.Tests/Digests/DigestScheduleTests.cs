using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Tests.Digests;

/// <summary>
/// The scheduled digests through the outbox to a loopback Teams connector: two bot instances on one database with a
/// fake clock for the schedule (their outbox workers send for real), and a bot that was down at 08:00.
/// </summary>
public sealed class DigestScheduleTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    [Fact]
    public async Task TwoInstances_EachSubscriptionGetsItsDigestOnce_AtTheScheduledTime()
    {
        await using var seed = await DigestSeed.CreateAsync();
        await using var connector = await LoopbackConnector.StartAsync();
        await using var first = new BotHost().With("Teams:AllowedTenants:0", Tenant).With("Database:ConnectionString", seed.ConnectionString).With("Digests:Schedule:Enabled", "false");
        await ((IAsyncLifetime)first).InitializeAsync();
        await using var second = first.Restarted();
        await ((IAsyncLifetime)second).InitializeAsync();

        // Monday 08:00 in Amsterdam after the seeded week.
        var run = AmsterdamTime.FromLocal(DigestSeed.Week.LastDay.AddDays(1).ToDateTime(new TimeOnly(8, 0)));
        var subscribed = DigestSeed.Week.Start.AddDays(1);
        var store = first.Get<ITeamsStore>();
        async Task<(string Reference, string Conversation)> FollowingAsync(DateTimeOffset since, params (string Neighbourhood, string Theme)[] follows)
        {
            var conversation = $"19:{Guid.NewGuid():N}@thread.tacv2";
            var reference = await store.SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", conversation, connector.ServiceUrl, Tenant, "28:bot-app-id", null, null, "channel"), since);
            foreach (var (neighbourhood, theme) in follows)
            {
                await store.SubscribeAsync(new TeamsSubscription(Ids.New(), reference, neighbourhood, theme, "29:prof", since));
            }

            return (reference, conversation);
        }

        var all = await FollowingAsync(subscribed, ("pottenberg", TeamsSubscription.AllThemes));
        var traffic = await FollowingAsync(subscribed, ("pottenberg", "mobility"), ("nazareth", "mobility"));
        var blocked = await FollowingAsync(subscribed, ("nazareth", TeamsSubscription.AllThemes));
        var late = await FollowingAsync(run.AddHours(1), ("pottenberg", TeamsSubscription.AllThemes));
        connector.Answer(all.Conversation, new LoopbackConnector.Reply(429, "Throttled", TimeSpan.FromSeconds(1)), LoopbackConnector.Reply.Ok);
        connector.Answer(blocked.Conversation, new LoopbackConnector.Reply(403, "ConversationBlockedByUser"));

        var clock = new FakeTimeProvider(run.AddMinutes(-1));
        var schedulers = new[] { first, second }.Select(host => ActivatorUtilities.CreateInstance<DigestScheduler>(host.Services, (TimeProvider)clock)).ToList();

        // A minute early nothing is due; the previous Monday's run was before these conversations subscribed.
        var early = await Task.WhenAll(schedulers.Select(s => s.RunDueAsync()));
        Assert.Equal(0, early.Sum());
        Assert.Equal(0, (await first.Get<INotificationOutbox>().StatisticsAsync()).Depth);

        clock.SetUtcNow(run);
        var enqueued = await Task.WhenAll(schedulers.Select(s => s.RunDueAsync()));
        Assert.Equal(3, enqueued.Sum());
        clock.Advance(TimeSpan.FromMinutes(30));
        var again = await Task.WhenAll(schedulers.Select(s => s.RunDueAsync()));
        Assert.Equal(0, again.Sum());

        var outbox = first.Get<INotificationOutbox>();
        await Eventually.HoldsAsync(() => outbox.StatisticsAsync().GetAwaiter().GetResult().Depth == 0, "every digest has a result", TimeSpan.FromSeconds(60));

        var sentAll = (await outbox.FindAsync(new DigestPayload(DigestPeriodKind.Week, DigestSeed.Week.FirstDay, ["pottenberg"], []).DedupeKey(all.Reference)))!;
        Assert.True(sentAll.State == DeliveryState.Succeeded, $"{sentAll.State}: {sentAll.LastError}" + string.Join("\n", first.Log.Entries.Concat(second.Log.Entries).Select(e => e.ToString())));
        var digest = Assert.Single(connector.SentTo(all.Conversation));
        Assert.Equal([429, 200], connector.Attempts.Where(a => a.ConversationId == all.Conversation).Select(a => a.Status));
        var card = JObject.FromObject(Assert.Single(digest.Attachments).Content);
        Assert.Contains("Pottenberg", card.ToString(), StringComparison.Ordinal);
        Assert.Contains(card.SelectTokens("$..data.action"), a => (string?)a == "DigestClusterIdeas");

        var trafficDigest = JObject.FromObject(Assert.Single(Assert.Single(connector.SentTo(traffic.Conversation)).Attachments).Content).ToString();
        Assert.Contains("Nazareth", trafficDigest, StringComparison.Ordinal);
        Assert.Contains("\"themes\": \"mobility\"", trafficDigest, StringComparison.Ordinal);

        Assert.Empty(connector.SentTo(blocked.Conversation));
        Assert.Equal("ConversationBlockedByUser", (await outbox.InactiveAsync("msteams", blocked.Conversation))!.Reason);
        Assert.DoesNotContain(connector.Attempts, a => a.ConversationId == late.Conversation);

        var period = DigestSeed.Week.FirstDay;
        var keys = new[] { all, blocked }.Select(c => new DigestPayload(DigestPeriodKind.Week, period, ["pottenberg"], []).DedupeKey(c.Reference)).ToList();
        Assert.Equal(DeliveryState.Succeeded, (await outbox.FindAsync(keys[0]))!.State);
        Assert.Null(await outbox.FindAsync(keys[1]));
        Assert.Equal(DeliveryState.RecipientGone, (await outbox.FindAsync(new DigestPayload(DigestPeriodKind.Week, period, ["nazareth"], []).DedupeKey(blocked.Reference)))!.State);
    }

    [Fact]
    public async Task ABotThatWasDownAtTheRun_SendsTheDigestWhenItStarts_Once()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        var settings = new DigestScheduleOptions { Monthly = "" };
        var lastRun = DigestScheduler.LatestRun(settings.Schedules()[0].Cron, AmsterdamTime.Zone, DateTimeOffset.UtcNow, TimeSpan.FromDays(8))!.Value;

        // The bot before the run: a channel follows Pottenberg; the schedule was not running (the bot was down at 08:00).
        await using var before = new BotHost().With("Teams:AllowedTenants:0", Tenant).With("Digests:Schedule:Enabled", "false").With("Digests:Schedule:Monthly", "");
        await ((IAsyncLifetime)before).InitializeAsync();
        var conversation = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var store = before.Get<ITeamsStore>();
        var reference = await store.SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", conversation, connector.ServiceUrl, Tenant, "28:bot-app-id", null, null, "channel"), lastRun.AddDays(-1));
        await store.SubscribeAsync(new TeamsSubscription(Ids.New(), reference, "pottenberg", TeamsSubscription.AllThemes, "29:prof", lastRun.AddDays(-1)));
        await before.DisposeAsync();

        await using var back = before.Restarted().With("Digests:Schedule:Enabled", "true");
        await ((IAsyncLifetime)back).InitializeAsync();
        await Eventually.HoldsAsync(() => connector.SentTo(conversation).Count > 0, "the missed digest sent at start", TimeSpan.FromSeconds(60));

        await using var another = back.Restarted();
        await ((IAsyncLifetime)another).InitializeAsync();
        await another.Get<DigestScheduler>().RunDueAsync();
        await Eventually.HoldsAsync(() => back.Get<INotificationOutbox>().StatisticsAsync().GetAwaiter().GetResult().Depth == 0, "nothing left to send");

        var line = Assert.Single(connector.SentTo(conversation));
        Assert.StartsWith("Niets nieuws uit Pottenberg deze week", line.Text, StringComparison.Ordinal);
        Assert.Empty(line.Attachments ?? []);
    }

    [Fact]
    public async Task EachSubscription_GetsTheDigestsOfItsFrequency_WeeklyByDefault()
    {
        await using var host = new BotHost().With("Teams:AllowedTenants:0", Tenant).With("Digests:Schedule:Enabled", "false").With("Proactive:Enabled", "false");
        await ((IAsyncLifetime)host).InitializeAsync();

        // Monday 2 November 2026, 08:00 in Amsterdam: the first Monday of the month, so the weekly and the monthly run are both due.
        var run = AmsterdamTime.FromLocal(new DateTime(2026, 11, 2, 8, 0, 0));
        var store = host.Get<ITeamsStore>();
        var subscriptions = host.Get<DigestSubscriptions>();
        async Task<string> FollowingAsync(DigestFrequency? frequency)
        {
            var reference = await store.SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", $"19:{Guid.NewGuid():N}@thread.tacv2", "https://smba.trafficmanager.net/emea/", Tenant, "28:bot-app-id", null, null, "channel"), run.AddDays(-10));
            var subscription = new TeamsSubscription(Ids.New(), reference, "pottenberg", TeamsSubscription.AllThemes, "29:prof", run.AddDays(-10));
            await (frequency is { } f
                ? subscriptions.SubscribeAsync(subscription, f, Core.Audit.AuditEntry.Create(run.AddDays(-10), "29:prof", "teams.subscribe", "conversation", reference))
                : store.SubscribeAsync(subscription));
            return reference;
        }

        var byDefault = await FollowingAsync(null);
        var weekly = await FollowingAsync(DigestFrequency.Weekly);
        var monthly = await FollowingAsync(DigestFrequency.Monthly);
        var both = await FollowingAsync(DigestFrequency.Both);

        var scheduler = ActivatorUtilities.CreateInstance<DigestScheduler>(host.Services, (TimeProvider)new FakeTimeProvider(run));
        Assert.Equal(5, await scheduler.RunDueAsync());

        var outbox = host.Get<INotificationOutbox>();
        async Task<bool> GetsAsync(string reference, DigestPeriodKind kind) =>
            await outbox.FindAsync(new DigestPayload(kind, kind == DigestPeriodKind.Week ? new DateOnly(2026, 10, 26) : new DateOnly(2026, 10, 1), ["pottenberg"], []).DedupeKey(reference)) is not null;
        Assert.Equal((true, false), (await GetsAsync(byDefault, DigestPeriodKind.Week), await GetsAsync(byDefault, DigestPeriodKind.Month)));
        Assert.Equal((true, false), (await GetsAsync(weekly, DigestPeriodKind.Week), await GetsAsync(weekly, DigestPeriodKind.Month)));
        Assert.Equal((false, true), (await GetsAsync(monthly, DigestPeriodKind.Week), await GetsAsync(monthly, DigestPeriodKind.Month)));
        Assert.Equal((true, true), (await GetsAsync(both, DigestPeriodKind.Week), await GetsAsync(both, DigestPeriodKind.Month)));
    }
}
