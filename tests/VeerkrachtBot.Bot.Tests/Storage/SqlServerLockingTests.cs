using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.State;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Retention;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Tests.Storage;

/// <summary>
/// What the stores make SQL Server do, read with ScriptDom from the statements they send (no server runs here). Under
/// read committed, a check followed by an insert lets two sessions both find nothing: the first statement that looks
/// at the row must hold a key-range lock (HOLDLOCK/SERIALIZABLE, as MERGE ... WITH (HOLDLOCK) or UPDLOCK, HOLDLOCK do).
/// The same races run for real on SQLite, and on SQL Server when VEERKRACHT_TEST_SQLSERVER is set (Core.Tests).
/// </summary>
public sealed class SqlServerLockingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static List<(TSqlScript Script, SentStatement Sent)> Parsed(SqlServerRecorder recorder) =>
        recorder.Sent.Select(s => (TSql.Parse(s.Sql), s)).ToList();

    private static void FirstTouchHoldsARangeLock(SqlServerRecorder recorder, string table)
    {
        var first = Parsed(recorder).First(p => TSql.Touches(p.Script, table));
        Assert.True(TSql.HoldsRangeLock(first.Script, table), $"The first statement on {table} takes no key-range lock:\n{first.Sent.Sql}");
    }

    [Fact]
    public async Task PollAnswer_FirstLookAtTheAnswerHoldsARangeLock()
    {
        var recorder = new SqlServerRecorder { Answer = sql => sql.Contains("OUTPUT $action", StringComparison.Ordinal) ? ["INSERT"] : [] };

        await new SqlPollStore(recorder).RespondAsync(new PollResponse("poll-1", "r_" + new string('a', 64), "pottenberg", 4, null, Now));

        FirstTouchHoldsARangeLock(recorder, "poll_responses");
    }

    [Fact]
    public async Task Consent_InsertIfAbsentHoldsARangeLock()
    {
        var recorder = new SqlServerRecorder();

        await new SqlResidentStore(recorder).GiveConsentAsync("r_" + new string('a', 64), ConsentKind.Contact, Now);

        FirstTouchHoldsARangeLock(recorder, "resident_consents");
    }

    [Fact]
    public async Task TeamsSubscription_InsertIfAbsentHoldsARangeLock()
    {
        var recorder = new SqlServerRecorder();

        await new SqlTeamsStore(recorder).SubscribeAsync(new TeamsSubscription("s1", "c1", "pottenberg", TeamsSubscription.AllThemes, "anne", Now));

        FirstTouchHoldsARangeLock(recorder, "teams_subscriptions");
    }

    [Fact]
    public async Task TranscriptAppend_TakesTheConversationsUpdateLockFirst_InTheSameTransaction()
    {
        var recorder = new SqlServerRecorder { Answer = sql => sql.Contains("OUTPUT INSERTED.seq", StringComparison.Ordinal) ? [12L] : [] };

        await new TranscriptStore(recorder, TimeProvider.System).AppendAsync("conv-1", "{}", "client-1", maxChars: 1000, CancellationToken.None);

        var sent = Parsed(recorder);
        var insert = sent.FindIndex(p => p.Script.Batches.SelectMany(b => b.Statements).OfType<InsertStatement>().Any());
        Assert.True(insert > 0, "nothing is sent before the insert");
        var lockStatement = sent.Take(insert).SingleOrDefault(p => TSql.Tables(p.Script).Any(t => t.Table == "directline_conversations" && t.Hints.Contains(TableHintKind.UpdLock)));
        Assert.True(lockStatement.Script is not null, "the conversation row is not locked (UPDLOCK) before the insert");
        Assert.NotEqual(0, sent[insert].Sent.Transaction);
        Assert.Equal(sent[insert].Sent.Transaction, lockStatement.Sent.Transaction);
    }

    /// <summary>Review finding 14: a migration (an index on a large table, a backfill) is not cut off after 30 seconds.</summary>
    [Fact]
    public async Task Migrations_GiveEveryStatementTenMinutes_NotTheDefaultThirtySeconds()
    {
        var recorder = new SqlServerRecorder();

        await new MigrationRunner(recorder, [new CoreMigrations(), new DirectLineMigrations(), new BotMigrations()], NullLogger<MigrationRunner>.Instance).ApplyAsync();

        Assert.NotEmpty(recorder.Sent);
        Assert.All(recorder.Sent, s => Assert.Equal(MigrationRunner.CommandTimeoutSeconds, s.CommandTimeout));
    }

    [Fact]
    public async Task Erasure_LocksEveryMeetingOfTheResidentInIdOrder_BeforeDeletingTheirRsvps()
    {
        // The resident is confirmed for m-b and waiting for m-a: a cancellation of m-a could promote them.
        var recorder = new SqlServerRecorder
        {
            Answer = sql => sql switch
            {
                _ when sql.Contains("status = 'Confirmed'", StringComparison.Ordinal) => ["m-b"],
                _ when sql.Contains("FROM rsvps WHERE resident_id", StringComparison.Ordinal) => ["m-b", "m-a"],
                _ => [],
            },
        };
        var store = new SqlResidentDataStore(recorder, new SqlResidentStore(recorder), new Core.Ideas.SqlIdeaStore(recorder), new Core.Meetings.SqlMeetingStore(recorder), new SqlPollStore(recorder));

        await store.EraseAsync("r_" + new string('a', 64));

        var sent = Parsed(recorder);
        var delete = sent.FindIndex(p => p.Script.Batches.SelectMany(b => b.Statements).OfType<DeleteStatement>().Any(d => TSql.Touches(d, "rsvps")));
        var locks = sent.Take(delete)
            .Where(p => TSql.Tables(p.Script).Any(t => t.Table == "meetings" && t.Hints.Contains(TableHintKind.UpdLock)))
            .Select(p => p.Sent)
            .ToList();
        Assert.Equal(2, locks.Count);
        Assert.Equal(["m-a", "m-b"], locks.Select(l => (string)l.Parameters["id"]!));
        Assert.Single(sent.Select(p => p.Sent.Transaction).Distinct());
    }

    [Fact]
    public async Task OutboxEnqueue_InsertIfAbsentHoldsARangeLock()
    {
        var recorder = new SqlServerRecorder();

        await new Core.Notifications.SqlNotificationOutbox(recorder, TimeProvider.System).EnqueueAsync(new Core.Notifications.NewNotification(
            Core.Notifications.Recipient.Conversation("c1"), Core.Notifications.NotificationKind.Text, "{}", "digest:s1:2026-W49"));

        FirstTouchHoldsARangeLock(recorder, "notification_outbox");
    }

    [Fact]
    public async Task PlannedMeeting_AnnouncementInsertIfAbsentHoldsARangeLock_InTheMeetingsTransaction()
    {
        var recorder = new SqlServerRecorder();

        await new Core.Meetings.SqlMeetingStore(recorder).AddAsync(new Core.Meetings.Meeting("m1", "pottenberg", "Buurtavond", "", "Buurthuis", Now.AddDays(7), Now.AddDays(7).AddHours(2), 20, "Trajekt", false));

        FirstTouchHoldsARangeLock(recorder, "notification_outbox");
        Assert.Single(recorder.Sent.Select(s => s.Transaction).Distinct());
    }

    [Fact]
    public async Task OutboxClaim_TakesTheClaimLockFirst_InTheClaimsTransaction()
    {
        var recorder = new SqlServerRecorder();

        await new Core.Notifications.SqlNotificationOutbox(recorder, TimeProvider.System).ClaimAsync("instance-1", 10, TimeSpan.FromMinutes(5), 8);

        Assert.Contains("sp_getapplock", recorder.Sent[0].Sql, StringComparison.Ordinal);
        Assert.NotEqual(0, recorder.Sent[0].Transaction);
        Assert.Single(recorder.Sent.Select(s => s.Transaction).Distinct());
        Assert.True(recorder.Sent.Count >= 3, "the give-up and the selection run after the lock");
    }

    [Fact]
    public async Task IdLists_SendTheSameStatementForAnyNumberOfIds()
    {
        var recorder = new SqlServerRecorder();
        var store = new StateStore(recorder, TimeProvider.System);

        await store.ReadAsync(["a"]);
        await store.ReadAsync(["a", "b", "c", "d", "e", "f", "g"]);
        await store.DeleteAsync(["a", "b"]);
        await store.DeleteAsync(["a", "b", "c"]);

        Assert.Single(recorder.Sent.Where(s => s.Sql.StartsWith("SELECT", StringComparison.Ordinal)).Select(s => s.Sql).Distinct());
        Assert.Single(recorder.Sent.Where(s => s.Sql.StartsWith("DELETE", StringComparison.Ordinal)).Select(s => s.Sql).Distinct());
    }

    [Fact]
    public async Task RetentionRun_ClaimsTheDayWithARangeLock_AndHoldsTheResidentsItAnonymises()
    {
        var recorder = new SqlServerRecorder();

        var report = await new RetentionJob(recorder, Microsoft.Extensions.Options.Options.Create(new RetentionOptions()), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now),
            [], [], NullLogger<RetentionJob>.Instance).RunDueAsync();

        // The look before is a plain read outside the transaction; in it, the claim is the first statement, and a
        // second instance's claim waits for this one's commit and then finds the day taken.
        Assert.True(report.Ran);
        var inTransaction = Parsed(recorder).Where(p => p.Sent.Transaction != 0).ToList();
        Assert.True(TSql.Touches(inTransaction[0].Script, "retention_runs"), inTransaction[0].Sent.Sql);
        Assert.True(TSql.HoldsRangeLock(inTransaction[0].Script, "retention_runs"), inTransaction[0].Sent.Sql);
        var residents = inTransaction.First(p => p.Sent.Sql.StartsWith("SELECT", StringComparison.Ordinal) && TSql.Touches(p.Script, "residents"));
        Assert.True(TSql.HoldsRangeLock(residents.Script, "residents"), residents.Sent.Sql);
    }
}
