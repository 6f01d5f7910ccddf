using Microsoft.Extensions.Logging;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Tests.Proactive;

/// <summary>The outbox figures a sending instance logs, for monitoring: a warning when a due message waits too long.</summary>
public sealed class OutboxMonitoringTests : IAsyncLifetime
{
    // The first instance does not send: the message it enqueues stays due, held by an instance that stopped mid-send.
    private readonly BotHost _first = new BotHost().With("Proactive:Enabled", "false");
    private BotHost _second = null!;

    public Task InitializeAsync() => _first.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await ((IAsyncLifetime)_second).DisposeAsync();
        }

        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task AMessageWaitingLongerThanTheLimit_IsLoggedAsAWarningWithTheFigures()
    {
        var reference = await _first.Get<ITeamsStore>().SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", $"19:{Guid.NewGuid():N}@thread.tacv2",
            "https://smba.trafficmanager.net/emea/", "72f988bf-86f1-41af-91ab-2d7cd011db47", "28:bot-app-id", null, null, "channel"), DateTimeOffset.UtcNow);
        Assert.True(await _first.Get<ProactiveMessages>().EnqueueTextForConversationAsync(reference, "Nieuwe week in Pottenberg", "monitor:" + Guid.NewGuid().ToString("N")));
        Assert.Single(await _first.Get<INotificationOutbox>().ClaimAsync("stopped-instance", 10, TimeSpan.FromHours(1), 8));

        _second = _first.Restarted().With("Proactive:Enabled", "true").With("Proactive:BacklogWarningMinutes", "0");
        await _second.InitializeAsync();

        await Eventually.HoldsAsync(() => _second.Log.Entries.Any(e => e.Message.StartsWith("Outbox behind", StringComparison.Ordinal)), "the backlog warning");
        var warning = _second.Log.Entries.First(e => e.Message.StartsWith("Outbox behind", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("1 to send, 1 being sent", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Pending 1", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_first.Log.Entries, e => e.Message.StartsWith("Outbox", StringComparison.Ordinal));
    }
}
