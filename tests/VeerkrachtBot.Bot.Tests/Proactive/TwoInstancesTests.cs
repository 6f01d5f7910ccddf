using VeerkrachtBot.Bot.Proactive;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Teams;
using Xunit.Abstractions;

namespace VeerkrachtBot.Bot.Tests.Proactive;

/// <summary>Two bot instances on one database, both running the outbox worker: every message is sent once.</summary>
public sealed class TwoInstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Conversations = 30;
    private const int PerConversation = 3;

    // Small batches, and a connector that takes 100 ms per message: the two instances' rounds overlap.
    private readonly BotHost _first = new BotHost().With("Proactive:BatchSize", "5").With("Bot:Instances", "2");
    private BotHost _second = null!;
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = _first.Restarted();
        await _second.InitializeAsync();
        _connector = await LoopbackConnector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await ((IAsyncLifetime)_second).DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task TwoWorkersOnOneDatabase_NeverSendAMessageTwice()
    {
        var conversations = new List<string>();
        for (var i = 0; i < Conversations; i++)
        {
            var conversationId = $"19:{Guid.NewGuid():N}@thread.tacv2";
            conversations.Add(conversationId);
            _connector.Answer(conversationId, Enumerable.Repeat(new LoopbackConnector.Reply(200, Delay: TimeSpan.FromMilliseconds(100)), PerConversation).ToArray());
            var reference = await _first.Get<ITeamsStore>().SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", conversationId, _connector.ServiceUrl,
                "72f988bf-86f1-41af-91ab-2d7cd011db47", "28:bot-app-id", null, null, "channel"), DateTimeOffset.UtcNow);
            for (var n = 0; n < PerConversation; n++)
            {
                // Both instances enqueue every message: the dedupe key makes the second enqueue a no-op.
                await _first.Get<ProactiveMessages>().EnqueueTextForConversationAsync(reference, $"Bericht {n + 1}", $"two:{conversationId}:{n}");
                Assert.False(await _second.Get<ProactiveMessages>().EnqueueTextForConversationAsync(reference, $"Bericht {n + 1}", $"two:{conversationId}:{n}"));
            }
        }

        await Eventually.HoldsAsync(() => _connector.All.Count >= Conversations * PerConversation, "every message delivered", TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(() => _first.Get<INotificationOutbox>().StatisticsAsync().GetAwaiter().GetResult().Depth == 0, "every result recorded");

        var delivered = _connector.All.Select(r => r.Activity).ToList();
        Assert.Equal(Conversations * PerConversation, delivered.Count);
        Assert.Equal(Conversations * PerConversation, delivered.Select(a => a.Id).Distinct().Count());
        foreach (var conversationId in conversations)
        {
            // One instance at a time sends to a conversation, so its messages also arrive in order.
            Assert.Equal(["Bericht 1", "Bericht 2", "Bericht 3"], _connector.SentTo(conversationId).Select(a => a.Text));
        }

        var (first, second) = (_first.Get<OutboxDispatcher>().Claimed, _second.Get<OutboxDispatcher>().Claimed);
        output.WriteLine($"claimed by the first instance: {first}, by the second: {second}");
        Assert.Equal(Conversations * PerConversation, first + second);
        Assert.True(first > 0 && second > 0, $"both instances sent ({first} and {second})");
        Assert.Equal(Conversations * PerConversation, (await _first.Get<INotificationOutbox>().StatisticsAsync()).Results[DeliveryState.Succeeded]);
    }
}
