using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Residents;
using Xunit.Abstractions;

namespace VeerkrachtBot.Bot.Tests.Proactive;

/// <summary>
/// The bot process is killed with SIGKILL while it sends what the outbox holds, and started again on the same database.
/// Two messages for a resident are committed first: a waiting-list promotion (in the bot's own RSVP turn) and a status
/// change of their idea (by another instance: this test process). The worker claims both and starts to send; the
/// connector holds the first POST, and the process is killed:
/// <list type="bullet">
/// <item>before the connector took the message (the crash came between the commit and the send): after the restart each
/// message arrives exactly once;</item>
/// <item>after the connector took it but before the bot recorded the result (the narrow window after the send): the
/// restarted bot sends it again with the same activity id, so the resident's channel gets that one message twice unless
/// it recognises the id (the local Direct Line does). That is the whole promise: at least once, at most one repeat per
/// crash, and a repeat carries the first one's id.</item>
/// </list>
/// </summary>
public sealed class ProactiveCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("veerkracht-proactive-kill-").FullName;
    private LoopbackConnector _connector = null!;
    private ServiceProvider _core = null!;
    private BotProcess? _bot;

    private string DatabasePath => Path.Combine(_folder, "bot.db");

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _bot = await StartBotAsync();

        // Core on the same database, as another bot instance (a professional's) would have it.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={DatabasePath}" }).Build();
        _core = new ServiceCollection().AddLogging().AddVeerkrachtCore(configuration, _folder).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await _core.DisposeAsync();
        await _connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<BotProcess> StartBotAsync() => BotProcess.StartAsync(DatabasePath, new Dictionary<string, string>
    {
        ["Bot:AllowedServiceUrls:0"] = LoopbackConnector.AllowedPrefix,
        ["Bot:NewConversationsPerMinutePerClient"] = "100000",
        ["Proactive:WorkerIntervalSeconds"] = "0.2",
        ["Proactive:LeaseSeconds"] = "6",
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task KilledWhileSending_AfterTheRestartEachMessageArrives(bool connectorTookItBeforeTheKill)
    {
        for (var round = 0; round < 2; round++)
        {
            var (waiting, expected) = await CommitTwoMessagesWhileTheFirstSendIsHeldAsync(connectorTookItBeforeTheKill, round);

            var restarted = Task.Run(StartBotAsync);
            _bot = await restarted;

            await Eventually.HoldsAsync(() => expected.All(e => Delivered(waiting).Any(a => Said.Text(a).Contains(e, StringComparison.Ordinal))),
                $"round {round}: both messages after the restart\n{_bot.Output}", TimeSpan.FromSeconds(60));
            var residentId = (await _core.GetRequiredService<ResidentService>().FindAsync("webchat", waiting.UserId))!.Id;
            var results = await Eventually.FoundAsync(async () =>
                (await _core.GetRequiredService<INotificationOutbox>().ForRecipientAsync(Recipient.Resident(residentId))) is { Count: 2 } rows && rows.All(r => !r.IsOpen) ? rows : null,
                "both results recorded");

            var delivered = Delivered(waiting);
            output.WriteLine($"round {round}: {delivered.Count} deliveries, attempts {string.Join(", ", results.Select(r => r.Attempts))}");
            Assert.All(results, r => Assert.Equal(DeliveryState.Succeeded, r.State));
            Assert.Equal(results.Select(r => r.Id).Order(), delivered.Select(a => a.Id).Distinct().Order());
            foreach (var text in expected)
            {
                var copies = delivered.Where(a => Said.Text(a).Contains(text, StringComparison.Ordinal)).ToList();
                Assert.Equal(connectorTookItBeforeTheKill && text == expected[0] ? 2 : 1, copies.Count);
                Assert.Single(copies.Select(a => a.Id).Distinct());
            }
        }
    }

    /// <summary>
    /// A holds the one place, B waits and shared an idea. A cancels through the bot (the promotion is committed in that
    /// turn) and a professional moves B's idea on (committed here). The connector holds the first message to B; the bot is
    /// killed there. Returns B and the texts of the two messages, the held one first.
    /// </summary>
    private async Task<(ResidentChat Waiting, string[] Expected)> CommitTwoMessagesWhileTheFirstSendIsHeldAsync(bool processFirst, int round)
    {
        var start = AmsterdamTime.FromLocal(DateTime.Today.AddDays(20).AddHours(19));
        var meeting = await _core.GetRequiredService<MeetingService>().PlanAsync("pottenberg", $"Wandeling {round} {Guid.NewGuid():N}"[..20], "Samen lopen.", "Plein",
            start, start.AddHours(1), 1, "Trajekt");
        using var http = _bot!.CreateHttpClient();
        var holder = new ResidentChat(http, _connector);
        var waiting = new ResidentChat(http, _connector);
        foreach (var chat in new[] { holder, waiting })
        {
            await chat.SendAsync(Activities.Message(_connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Neighbourhood", id = "pottenberg", then = "Menu" }));
            // B answers the question whether to wait for a place ("wait"): a party that does not fit is asked first.
            await chat.SendAsync(Activities.Message(_connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "RsvpParty", meeting = meeting.Id, size = "1", wait = chat == waiting ? "yes" : "no" }));
        }

        await waiting.SayAsync("Het hek van de speeltuin staat altijd open en kinderen lopen zo de straat op");
        var residentId = (await _core.GetRequiredService<ResidentService>().FindAsync("webchat", waiting.UserId))!.Id;
        var idea = Assert.Single(await _core.GetRequiredService<IdeaService>().MineAsync(residentId));

        var hold = _connector.HoldNext(waiting.ConversationId, processFirst);
        await holder.SendAsync(Activities.Message(_connector.ServiceUrl, holder.ConversationId, null!, value: new { action = "Rsvp", meeting = meeting.Id, response = "No", confirm = "yes" }));
        await _core.GetRequiredService<IdeaService>().ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, $"Ronde {round}: de gemeente kijkt naar een nieuw hek.", "anne@gemeente");

        var held = await hold.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await _bot.KillAsync();
        await hold.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var promotion = $"Goed nieuws! Er is een plek vrijgekomen bij ‘{meeting.Title}’";
        var status = $"Ronde {round}: de gemeente kijkt naar een nieuw hek.";
        return (waiting, Said.Text(held).Contains("Goed nieuws", StringComparison.Ordinal) ? [promotion, status] : [status, promotion]);
    }

    /// <summary>
    /// What the connector took into the waiting resident's conversation that the bot started: messages that answer no
    /// activity (the connector gives every message an id, as Teams does, so the id alone does not tell them apart).
    /// </summary>
    private List<Activity> Delivered(ResidentChat chat) => _connector.SentTo(chat.ConversationId).Where(a => a.Type == ActivityTypes.Message && a.ReplyToId is null).ToList();
}
