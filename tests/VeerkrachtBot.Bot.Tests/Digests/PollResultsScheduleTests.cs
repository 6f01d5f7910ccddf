using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Professionals;
using VeerkrachtBot.Bot.Tests.Security;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Tests.Digests;

/// <summary>
/// A poll's results when it closes, to the programme managers and the Teams conversations that follow one of its
/// neighbourhoods: two bot instances on one database look with a fake clock, their outbox workers send for real.
/// </summary>
public sealed class PollResultsScheduleTests
{
    [Fact]
    public async Task TwoInstances_SendAClosedPollsResults_OncePerConversation_ToTheManagersAndTheFollowers()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        await using var first = new TeamsHost().With("Digests:Schedule:Enabled", "false");
        await ((IAsyncLifetime)first).InitializeAsync();
        await using var second = first.Restarted();
        await ((IAsyncLifetime)second).InitializeAsync();

        var now = DateTimeOffset.UtcNow;
        var store = first.Get<ITeamsStore>();
        async Task<(string Reference, string Conversation)> ConversationAsync(string type, string? aadObjectId, params string[] follows)
        {
            var conversation = type == "personal" ? "a:1" + Guid.NewGuid().ToString("N") : $"19:{Guid.NewGuid():N}@thread.tacv2";
            var reference = await store.SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", conversation, connector.ServiceUrl + "emea/" + TeamsHost.Municipality + "/",
                TeamsHost.Municipality, "28:" + TeamsChat.BotAppId, aadObjectId is null ? null : "29:1" + Guid.NewGuid().ToString("N"), aadObjectId, type), now.AddDays(-2));
            foreach (var neighbourhood in follows)
            {
                await store.SubscribeAsync(new TeamsSubscription(Ids.New(), reference, neighbourhood, TeamsSubscription.AllThemes, "29:prof", now.AddDays(-2)));
            }

            return (reference, conversation);
        }

        // The configured programme manager's own chat follows Pottenberg too: one message there, not two.
        var manager = await ConversationAsync("personal", TeamsHost.Manager, "pottenberg");
        var pottenberg = await ConversationAsync("channel", null, "pottenberg", "nazareth");
        var nazareth = await ConversationAsync("channel", null, "nazareth");

        var polls = first.Get<PollService>();
        var closes = now.AddSeconds(3);
        var poll = await polls.CreateAsync("Speelplekken", "Hoe tevreden ben je over de speeltuin? " + Guid.NewGuid().ToString("N")[..6], true, ["pottenberg"], now.AddDays(-1), closes, TeamsHost.Manager);
        var early = await polls.CreateAsync("Markt", "Wil je een weekmarkt? " + Guid.NewGuid().ToString("N")[..6], false, ["nazareth"], now.AddDays(-1), now.AddDays(5), TeamsHost.Manager);
        var residents = first.Get<Core.Residents.ResidentService>();
        for (var i = 0; i < 12; i++)
        {
            await polls.RespondAsync(poll.Id, (await residents.IdentifyAsync("webchat", "poll-" + Guid.NewGuid().ToString("N"))).Id, "pottenberg", 1 + (i % 5), i % 3 == 0 ? "Meer bankjes bij de speeltuin graag" : null);
        }

        var clock = new FakeTimeProvider(closes.AddMinutes(-1));
        var schedulers = new[] { first, second }.Select(host => ActivatorUtilities.CreateInstance<PollResultsScheduler>(host.Services, (TimeProvider)clock)).ToList();

        // Before the close time nothing is due.
        Assert.Equal(0, (await Task.WhenAll(schedulers.Select(s => s.RunDueAsync()))).Sum());

        // The card is built when it is sent, on the hosts' own clock: wait until the poll is closed there too.
        await Task.Delay(closes - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        clock.SetUtcNow(closes);
        Assert.Equal(2, (await Task.WhenAll(schedulers.Select(s => s.RunDueAsync()))).Sum());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await Task.WhenAll(schedulers.Select(s => s.RunDueAsync()))).Sum());

        // A poll a programme manager closes early goes at the next look, whatever its close time was.
        // (The clock stays near the hosts' own: the outbox sends a message from the time it was enqueued.)
        await polls.CloseAsync(early.Id, TeamsHost.Manager);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await Task.WhenAll(schedulers.Select(s => s.RunDueAsync()))).Sum());
        Assert.Equal(0, (await Task.WhenAll(schedulers.Select(s => s.RunDueAsync()))).Sum());

        var outbox = first.Get<INotificationOutbox>();
        await Eventually.HoldsAsync(() => outbox.StatisticsAsync().GetAwaiter().GetResult().Depth == 0, "every results message has a result", TimeSpan.FromSeconds(60));

        string Sent(string conversation, string pollId) => string.Join("\n---\n", connector.SentTo(conversation)
            .Select(a => JObject.FromObject(Assert.Single(a.Attachments).Content).ToString()).Where(card => card.Contains(pollId, StringComparison.Ordinal)));
        Assert.Equal(2, connector.SentTo(manager.Conversation).Count);
        Assert.Contains("12 bewoners antwoordden", Sent(manager.Conversation, poll.Id), StringComparison.Ordinal);
        Assert.Contains("Gesloten", Sent(manager.Conversation, poll.Id), StringComparison.Ordinal);
        Assert.DoesNotContain(Bot.Digests.DigestActions.RefreshPollResultsVerb, Sent(manager.Conversation, poll.Id), StringComparison.Ordinal);
        Assert.Contains(early.Question, Sent(manager.Conversation, early.Id), StringComparison.Ordinal);
        Assert.Equal(2, connector.SentTo(pottenberg.Conversation).Count);
        Assert.Contains(poll.Question, Sent(pottenberg.Conversation, poll.Id), StringComparison.Ordinal);
        var onlyNazareth = Assert.Single(connector.SentTo(nazareth.Conversation));
        Assert.Contains(early.Question, JObject.FromObject(Assert.Single(onlyNazareth.Attachments).Content).ToString(), StringComparison.Ordinal);

        Assert.Equal(DeliveryState.Succeeded, (await outbox.FindAsync(PollResultsPayload.DedupeKey(poll.Id, manager.Reference)))!.State);
        Assert.Equal(DeliveryState.Succeeded, (await outbox.FindAsync(PollResultsPayload.DedupeKey(poll.Id, pottenberg.Reference)))!.State);
        Assert.Equal(5, await Rows.CountAsync(first, "notification_outbox", "kind = 'PollResults'"));
    }

    [Fact]
    public async Task ABotWithTheCheckOn_SendsTheResultsItself_WhenThePollCloses()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        await using var host = new TeamsHost().With("Digests:Schedule:PollResults", "true").With("Digests:Schedule:CheckSeconds", "1");
        await ((IAsyncLifetime)host).InitializeAsync();
        var conversation = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var store = host.Get<ITeamsStore>();
        var reference = await store.SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", conversation, connector.ServiceUrl, TeamsHost.Municipality, "28:" + TeamsChat.BotAppId, null, null, "channel"), DateTimeOffset.UtcNow);
        await store.SubscribeAsync(new TeamsSubscription(Ids.New(), reference, "nazareth", "public-space", "29:prof", DateTimeOffset.UtcNow));

        var poll = await host.Get<PollService>().CreateAsync("Groen", "Meer bomen in de straat? " + Guid.NewGuid().ToString("N")[..6], false, ["nazareth"],
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(2), TeamsHost.Manager);

        await Eventually.HoldsAsync(() => connector.SentTo(conversation).Count > 0, "the results sent after the poll closed", TimeSpan.FromSeconds(60));
        var card = JObject.FromObject(Assert.Single(Assert.Single(connector.SentTo(conversation)).Attachments).Content).ToString();
        Assert.Contains(poll.Question, card, StringComparison.Ordinal);
        Assert.Contains("Gesloten", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerClosesAPollInTeams_EachConversationGetsOneResultsCard_AlsoAfterLaterChecksAndARestart()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        await using var host = new TeamsHost().With("Digests:Schedule:PollResults", "true").With("Digests:Schedule:CheckSeconds", "1");
        await ((IAsyncLifetime)host).InitializeAsync();
        using var client = host.CreateHttpClient();

        // The manager's own chat follows Pottenberg too, and a partner's channel follows it.
        var manager = new TeamsChat(client, connector, TeamsHost.Municipality, TeamsHost.Manager);
        await manager.InstallAsync();
        await manager.SayAsync("abonneren pottenberg");
        var channel = new TeamsChat(client, connector, TeamsHost.Partner, TeamsHost.Professional(), TeamsScope.Channel);
        await channel.InstallAsync();
        await channel.SayAsync("abonneren pottenberg");

        var polls = host.Get<PollService>();
        var poll = await polls.CreateAsync("Speelplekken", "Hoe tevreden ben je over de speeltuin? " + Guid.NewGuid().ToString("N")[..6], true, ["pottenberg"],
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(5), TeamsHost.Manager);
        var residents = host.Get<Core.Residents.ResidentService>();
        for (var i = 0; i < 12; i++)
        {
            await polls.RespondAsync(poll.Id, (await residents.IdentifyAsync("webchat", "poll-" + Guid.NewGuid().ToString("N"))).Id, "pottenberg", 1 + (i % 5), i % 3 == 0 ? "Meer bankjes bij de speeltuin graag" : null);
        }

        // Closed early through the polls list, as a manager does it.
        await manager.SayAsync("peilingen");
        await manager.SubmitAsync(manager.Last, "Sluiten");
        await manager.SubmitAsync(manager.Last, "Ja, sluiten");

        static List<Microsoft.Bot.Schema.Activity> Results(TeamsChat chat) => chat.All.Where(a => a.Summary?.StartsWith("Uitslag peiling", StringComparison.Ordinal) == true).ToList();
        await Eventually.HoldsAsync(() => Results(manager).Count > 0 && Results(channel).Count > 0, "the results in both conversations", TimeSpan.FromSeconds(60));

        // Later checks of this instance, and a second instance that starts and checks at once, send nothing more.
        await using var second = host.Restarted();
        await ((IAsyncLifetime)second).InitializeAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        var outbox = host.Get<INotificationOutbox>();
        await Eventually.HoldsAsync(() => outbox.StatisticsAsync().GetAwaiter().GetResult().Depth == 0, "every results message has a result", TimeSpan.FromSeconds(60));

        foreach (var chat in new[] { manager, channel })
        {
            var card = JObject.FromObject(Assert.Single(Assert.Single(Results(chat)).Attachments).Content);
            Assert.Contains(poll.Question, card.ToString(), StringComparison.Ordinal);
            Assert.Contains("Gesloten", card.ToString(), StringComparison.Ordinal);
            Assert.Contains("12 bewoners antwoordden", card.ToString(), StringComparison.Ordinal);
            DigestCardTests.AssertFits("poll results, closed", card);
        }

        Assert.Equal(2, await Rows.CountAsync(host, "notification_outbox", "kind = 'PollResults'"));
    }
}
