using System.ComponentModel.DataAnnotations;
using Cronos;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Teams;
using VeerkrachtBot.Core.Telemetry;

namespace VeerkrachtBot.Core.Digests;

/// <summary>When digests go out. Bound from the <c>Digests:Schedule</c> section; times are in <see cref="TimeZone"/>.</summary>
public sealed class DigestScheduleOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Digests:Schedule";

    /// <summary>Whether this instance enqueues the scheduled digests (every instance may: the outbox's dedupe keys keep it to one per conversation and period).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether this instance also looks for closed polls and sends their results (every instance may: see <see cref="PollResultsScheduler"/>).</summary>
    public bool PollResults { get; set; } = true;

    /// <summary>Cron expression (5 fields) of the weekly digest about the last whole week; empty: no weekly digest. Default Monday 08:00.</summary>
    public string Weekly { get; set; } = "0 8 * * MON";

    /// <summary>Cron expression of the monthly digest about the last whole month; empty: none. Default the first Monday of the month, 08:00.</summary>
    public string Monthly { get; set; } = "0 8 * * MON#1";

    /// <summary>The time zone the expressions are read in (IANA id).</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>How often an instance looks whether a run is due (a single read when nothing is).</summary>
    [Range(1, 3600)]
    public double CheckSeconds { get; set; } = 60;

    /// <summary>How far back a missed run is still sent when the bot starts again (the latest missed run only).</summary>
    [Range(1, 92)]
    public int CatchUpDays { get; set; } = 35;

    /// <summary>The schedules that are on, parsed.</summary>
    public IReadOnlyList<(DigestPeriodKind Kind, CronExpression Cron)> Schedules() =>
        new[] { (Kind: DigestPeriodKind.Week, Text: Weekly), (Kind: DigestPeriodKind.Month, Text: Monthly) }
            .Where(s => !string.IsNullOrWhiteSpace(s.Text))
            .Select(s => (s.Kind, CronExpression.Parse(s.Text.Trim())))
            .ToList();

    /// <summary>The time zone the expressions are read in.</summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, text) in new[] { (nameof(Weekly), Weekly), (nameof(Monthly), Monthly) })
        {
            if (!string.IsNullOrWhiteSpace(text) && !CronExpression.TryParse(text.Trim(), out _))
            {
                yield return new ValidationResult($"Digests:Schedule:{name} is not a cron expression of 5 fields: '{text}'.", [name]);
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Digests:Schedule:TimeZone '{TimeZone}' is not a known time zone.", [nameof(TimeZone)]);
        }
    }
}

/// <summary>What a scheduled digest is about: the Bot builds and renders it when it sends it.</summary>
/// <param name="Period">Week or month.</param>
/// <param name="FirstDay">The period's first day in Amsterdam.</param>
/// <param name="NeighbourhoodIds">The neighbourhoods, sorted.</param>
/// <param name="ThemeIds">The themes, sorted; empty for all.</param>
public sealed record DigestPayload(DigestPeriodKind Period, DateOnly FirstDay, IReadOnlyList<string> NeighbourhoodIds, IReadOnlyList<string> ThemeIds)
{
    /// <summary>The digest's filter.</summary>
    public DigestFilter Filter => new(NeighbourhoodIds, ThemeIds);

    /// <summary>The period as instants.</summary>
    public DigestPeriod ToPeriod() => DigestPeriod.Containing(AmsterdamTime.FromLocal(FirstDay.ToDateTime(new TimeOnly(12, 0))), Period);

    /// <summary>The outbox key: one digest per conversation, period and neighbourhoods, ever.</summary>
    public string DedupeKey(string conversationReferenceId) =>
        $"digest:{conversationReferenceId}:{(Period == DigestPeriodKind.Month ? "month" : "week")}:{FirstDay:yyyy-MM-dd}:{string.Join('+', NeighbourhoodIds)}";
}

/// <summary>
/// Puts the scheduled digests in the outbox: at each run of a schedule, one digest per subscribed conversation (per
/// group of its neighbourhoods that follow the same themes) about the last whole period. Every instance may run it:
/// the outbox's dedupe key (<see cref="DigestPayload.DedupeKey"/>) makes a second enqueue a no-op, and a row in
/// <c>digest_runs</c> saves the later checks any work. A run that was missed (no instance was up) is done at the next
/// check, so the digest goes out when the bot is back. Only subscriptions older than the run get its digest: a
/// conversation that subscribes on Wednesday does not get last week's digest then. A subscription gets the digests
/// of its <see cref="DigestFrequency"/> (weekly by default).
/// </summary>
public sealed partial class DigestScheduler(IDatabase database, IOptions<DigestScheduleOptions> options, TimeProvider clock, ILogger<DigestScheduler> logger)
{
    internal const string SelectRun = "SELECT COUNT(*) FROM digest_runs WHERE kind = @kind AND occurrence_at = @occurrenceAt";

    internal const string SelectSubscriptions = """
        SELECT conversation_reference_id AS ConversationReferenceId, neighbourhood_id AS NeighbourhoodId, theme_id AS ThemeId
        FROM teams_subscriptions WHERE created_at <= @occurrenceAt AND digest_frequency IN (@frequency, @both)
        ORDER BY conversation_reference_id, neighbourhood_id, theme_id
        """;

    internal const string SqliteInsertRun = """
        INSERT INTO digest_runs (kind, occurrence_at, period_start, digests, done_at) VALUES (@kind, @occurrenceAt, @periodStart, @digests, @now)
        ON CONFLICT (kind, occurrence_at) DO NOTHING
        """;

    internal const string SqlServerInsertRun = """
        INSERT INTO digest_runs (kind, occurrence_at, period_start, digests, done_at)
        SELECT @kind, @occurrenceAt, @periodStart, @digests, @now
        WHERE NOT EXISTS (SELECT 1 FROM digest_runs WITH (UPDLOCK, HOLDLOCK) WHERE kind = @kind AND occurrence_at = @occurrenceAt)
        """;

    /// <summary>Enqueues the digests of every schedule whose latest run is due and not done yet; returns how many were enqueued here.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var enqueued = 0;
        foreach (var (kind, cron) in settings.Schedules())
        {
            if (LatestRun(cron, settings.Zone(), now, TimeSpan.FromDays(settings.CatchUpDays)) is { } occurrence)
            {
                enqueued += await RunAsync(kind, occurrence, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return enqueued;
    }

    /// <summary>The latest time the schedule ran at or before <paramref name="now"/>, within <paramref name="catchUp"/>; null when none.</summary>
    public static DateTimeOffset? LatestRun(CronExpression cron, TimeZoneInfo zone, DateTimeOffset now, TimeSpan catchUp) =>
        cron.GetOccurrences(now - catchUp, now, zone, fromInclusive: true, toInclusive: true).Select(o => (DateTimeOffset?)o).LastOrDefault();

    private async Task<int> RunAsync(DigestPeriodKind kind, DateTimeOffset occurrence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kindName = kind == DigestPeriodKind.Month ? "month" : "week";
        var run = new { kind = kindName, occurrenceAt = occurrence.Ms() };
        if (await database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(SelectRun, run), cancellationToken).ConfigureAwait(false) > 0)
        {
            return 0;
        }

        var period = DigestPeriod.LastCompleteBefore(occurrence, kind);
        var doneHere = false;
        var enqueued = await RecordedAsync(kindName, () => database.WriteAsync(async (connection, transaction) =>
        {
            var frequencies = DigestSubscriptions.FrequenciesOf(kind);
            var subscriptions = await connection.QueryAsync<(string ConversationReferenceId, string NeighbourhoodId, string ThemeId)>(SelectSubscriptions,
                new { run.occurrenceAt, frequency = frequencies[0], both = frequencies[1] }, transaction).ConfigureAwait(false);
            var count = 0;
            var digests = Digests(subscriptions, kind, period.FirstDay);
            foreach (var (conversation, payload) in digests)
            {
                var notification = new NewNotification(Recipient.Conversation(conversation), NotificationKind.Digest, NotificationPayloads.Write(payload), payload.DedupeKey(conversation));
                if (await SqlNotificationOutbox.EnqueueAsync(database, connection, transaction, notification, now).ConfigureAwait(false))
                {
                    count++;
                }
            }

            // No row inserted: another instance's run committed first (its digests were there, so this one enqueued none).
            doneHere = await connection.ExecuteAsync(database.Pick(SqliteInsertRun, SqlServerInsertRun),
                new { run.kind, run.occurrenceAt, periodStart = period.Start.Ms(), digests = digests.Count, now = now.Ms() }, transaction).ConfigureAwait(false) == 1;
            return count;
        }, cancellationToken)).ConfigureAwait(false);

        CoreMetrics.DigestRuns.Add(1, new("kind", kindName), new("result", !doneHere ? "done-elsewhere" : enqueued > 0 ? "enqueued" : "empty"));

        LogRun(kindName, period.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), occurrence, enqueued);
        return enqueued;
    }

    /// <summary>Counts a run that failed (and lets the failure go on to the worker, which logs it and looks again).</summary>
    private static async Task<int> RecordedAsync(string kind, Func<Task<int>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException || TransientDatabaseErrors.IsTransient(ex))
        {
            CoreMetrics.DigestRuns.Add(1, new("kind", kind), new("result", "failed"));
            throw;
        }
    }

    /// <summary>Per conversation, its neighbourhoods grouped by the themes they are followed with (a "*" means all themes).</summary>
    internal static List<(string Conversation, DigestPayload Payload)> Digests(
        IEnumerable<(string ConversationReferenceId, string NeighbourhoodId, string ThemeId)> subscriptions, DigestPeriodKind kind, DateOnly firstDay) =>
        subscriptions
            .GroupBy(s => s.ConversationReferenceId, StringComparer.Ordinal)
            .SelectMany(conversation => conversation
                .GroupBy(s => s.NeighbourhoodId, StringComparer.Ordinal)
                .Select(n => (Neighbourhood: n.Key, Themes: n.Any(s => s.ThemeId == TeamsSubscription.AllThemes)
                    ? [] : n.Select(s => s.ThemeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
                .GroupBy(n => string.Join(',', n.Themes), StringComparer.Ordinal)
                .Select(group => (conversation.Key, new DigestPayload(kind, firstDay,
                    group.Select(n => n.Neighbourhood).Order(StringComparer.Ordinal).ToList(), group.First().Themes))))
            .ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest run {Kind} {FirstDay} (scheduled {Occurrence}): {Enqueued} digests enqueued by this instance")]
    private partial void LogRun(string kind, string firstDay, DateTimeOffset occurrence, int enqueued);
}
