using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Telemetry;

namespace VeerkrachtBot.Core.Retention;

/// <summary>What one day's run changed; <see cref="Ran"/> is false when that day's run was done already (here or elsewhere).</summary>
/// <param name="Day">The day in Amsterdam the run is for.</param>
/// <param name="Ran">Whether this call did the run.</param>
/// <param name="OriginalTexts">Ideas whose own text was removed (the redacted text stays).</param>
/// <param name="ContactDetails">Ideas whose contact details were removed.</param>
/// <param name="ResidentsAnonymised">Inactive residents whose code and links were removed.</param>
/// <param name="StateDocuments">Conversation and user state documents nobody touched since the inactive-resident cutoff.</param>
public sealed record RetentionReport(string Day, bool Ran, int OriginalTexts, int ContactDetails, int ResidentsAnonymised, int StateDocuments)
{
    /// <summary>Rows changed per <see cref="IRetentionPart"/>.</summary>
    public IReadOnlyDictionary<string, int> Parts { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// The daily retention run: removes what is past its period (<see cref="RetentionOptions"/>) in one transaction that
/// starts by claiming the day in <c>retention_runs</c>. Every instance may call it: the claim is an insert-if-absent
/// (a key-range lock on SQL Server, one writer at a time on SQLite), so one run a day does the work and a second
/// instance, or a second call the same day, changes nothing. A run that fails leaves no claim, and the next check
/// tries again. What a run keeps so the neighbourhood's figures and digests still work: an idea's redacted text,
/// themes, sentiment, neighbourhood and status; a poll answer's score and its (redacted) comment.
/// </summary>
public sealed partial class RetentionJob(
    IDatabase database,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    IEnumerable<IResidentDataPart> residentParts,
    IEnumerable<IRetentionPart> retentionParts,
    ILogger<RetentionJob> logger)
{
    private readonly IReadOnlyList<IResidentDataPart> _residentParts = residentParts.ToList();
    private readonly IReadOnlyList<IRetentionPart> _retentionParts = retentionParts.ToList();

    internal const string SelectRun = "SELECT COUNT(*) FROM retention_runs WHERE run_day = @day";

    internal const string SqliteClaimRun = "INSERT INTO retention_runs (run_day, report, done_at) VALUES (@day, '{}', @now) ON CONFLICT (run_day) DO NOTHING";

    internal const string SqlServerClaimRun = """
        INSERT INTO retention_runs (run_day, report, done_at)
        SELECT @day, '{}', @now
        WHERE NOT EXISTS (SELECT 1 FROM retention_runs WITH (UPDLOCK, HOLDLOCK) WHERE run_day = @day)
        """;

    internal const string SaveReport = "UPDATE retention_runs SET report = @report WHERE run_day = @day";

    internal const string ForgetOriginalTexts = """
        UPDATE ideas SET original_text = NULL, updated_at = @now
        WHERE original_text IS NOT NULL AND resident_id IN (SELECT id FROM residents WHERE last_seen_at < @cutoff)
        """;

    internal const string ForgetContactDetails = """
        UPDATE ideas SET contact_detail = NULL, contact_allowed = 0, updated_at = @now
        WHERE (contact_detail IS NOT NULL OR contact_allowed = 1) AND resident_id IN (SELECT id FROM residents WHERE last_seen_at < @cutoff)
        """;

    // A resident with a place at a meeting that has not ended yet is not inactive, whatever their last message: they are
    // anonymised after it. So only RSVPs of past meetings are removed below, and no waiting list moves.
    internal const string SqliteSelectInactive = """
        SELECT r.id FROM residents r
        WHERE r.last_seen_at < @cutoff
          AND NOT EXISTS (SELECT 1 FROM rsvps v JOIN meetings m ON m.id = v.meeting_id WHERE v.resident_id = r.id AND m.ends_at >= @now)
        ORDER BY r.id
        """;

    // The rows stay locked until the run commits: a resident who comes back meanwhile (their last_seen_at is updated)
    // waits for the run instead of being anonymised halfway through their turn.
    internal const string SqlServerSelectInactive = """
        SELECT r.id FROM residents r WITH (UPDLOCK, HOLDLOCK)
        WHERE r.last_seen_at < @cutoff
          AND NOT EXISTS (SELECT 1 FROM rsvps v JOIN meetings m ON m.id = v.meeting_id WHERE v.resident_id = r.id AND m.ends_at >= @now)
        ORDER BY r.id
        """;

    internal const string DeleteRsvps = "DELETE FROM rsvps WHERE resident_id = @id";

    // Unlike an erasure the resident asked for, the redacted text and key phrases stay: they hold no personal data and
    // the digests quote them. The source key names the channel conversation and message: it goes.
    internal const string AnonymiseIdeas = """
        UPDATE ideas SET resident_id = NULL, original_text = NULL, contact_allowed = 0, contact_detail = NULL, source_key = id, updated_at = @now
        WHERE resident_id = @id
        """;

    internal const string AnonymisePollAnswers = "UPDATE poll_responses SET resident_id = NULL WHERE resident_id = @id";

    internal const string DeleteConsents = "DELETE FROM resident_consents WHERE resident_id = @id";

    internal const string DeleteResident = "DELETE FROM residents WHERE id = @id";

    // Bot state (a conversation's step, what it was asked) untouched this long belongs to nobody active any more.
    internal const string DeleteStaleState = "DELETE FROM state_documents WHERE updated_at < @cutoff";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs today's retention unless it was done already; returns what this call changed.</summary>
    public async Task<RetentionReport> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var day = AmsterdamTime.ToLocal(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var nothing = new RetentionReport(day, Ran: false, 0, 0, 0, 0);
        if (await database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(SelectRun, new { day }), cancellationToken).ConfigureAwait(false) > 0)
        {
            return nothing;
        }

        var cutoffs = options.Value.CutoffsAt(now);
        var report = await database.WriteAsync(async (connection, transaction) =>
        {
            if (await connection.ExecuteAsync(database.Pick(SqliteClaimRun, SqlServerClaimRun), new { day, now = now.Ms() }, transaction).ConfigureAwait(false) == 0)
            {
                return nothing;
            }

            var originals = await connection.ExecuteAsync(ForgetOriginalTexts, new { now = now.Ms(), cutoff = cutoffs.OriginalTexts.Ms() }, transaction).ConfigureAwait(false);
            var contacts = await connection.ExecuteAsync(ForgetContactDetails, new { now = now.Ms(), cutoff = cutoffs.ContactDetails.Ms() }, transaction).ConfigureAwait(false);
            var inactive = (await connection.QueryAsync<string>(database.Pick(SqliteSelectInactive, SqlServerSelectInactive),
                new { now = now.Ms(), cutoff = cutoffs.InactiveResidents.Ms() }, transaction).ConfigureAwait(false)).ToList();
            foreach (var id in inactive)
            {
                var parameters = new { id, now = now.Ms() };
                foreach (var statement in new[] { DeleteRsvps, AnonymiseIdeas, AnonymisePollAnswers, DeleteConsents, DeleteResident })
                {
                    await connection.ExecuteAsync(statement, parameters, transaction).ConfigureAwait(false);
                }

                foreach (var part in _residentParts)
                {
                    await part.EraseAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                }
            }

            var state = await connection.ExecuteAsync(DeleteStaleState, new { cutoff = cutoffs.InactiveResidents.Ms() }, transaction).ConfigureAwait(false);
            var parts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var part in _retentionParts)
            {
                parts[part.Name] = await part.ApplyAsync(connection, transaction, cutoffs, cancellationToken).ConfigureAwait(false);
            }

            var done = new RetentionReport(day, Ran: true, originals, contacts, inactive.Count, state) { Parts = parts };
            await connection.ExecuteAsync(SaveReport, new { day, report = JsonSerializer.Serialize(done, Json) }, transaction).ConfigureAwait(false);
            return done;
        }, cancellationToken).ConfigureAwait(false);

        if (report.Ran)
        {
            CoreMetrics.RetentionRuns.Add(1, new KeyValuePair<string, object?>("result", "ran"));
            LogRun(day, report.OriginalTexts, report.ContactDetails, report.ResidentsAnonymised, report.StateDocuments,
                string.Join(", ", report.Parts.Select(p => $"{p.Key} {p.Value}")));
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run {Day}: {OriginalTexts} own texts and {ContactDetails} contact details removed, {Residents} inactive residents anonymised, {StateDocuments} old state documents deleted; parts: {Parts}")]
    private partial void LogRun(string day, int originalTexts, int contactDetails, int residents, int stateDocuments, string parts);
}
