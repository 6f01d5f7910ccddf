using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Reports;

// Rows are classes with properties: Dapper then maps by name and converts, also when SQLite reports no column type
// (a subquery's column on an empty result).

/// <summary>Something a resident did that counts as taking part, at the moment it happened.</summary>
internal sealed class ActivityRow
{
    public string? ResidentId { get; init; }
    public string Kind { get; init; } = "";
    public long At { get; init; }
}

internal sealed class PulseRow
{
    public string? ResidentId { get; init; }
    public string ItemKey { get; init; } = "";
    public long? Score { get; init; }
    public long AnsweredAt { get; init; }
}

internal sealed class ThemeRow
{
    public string ThemeId { get; init; } = "";
    public string IdeaId { get; init; } = "";
    public string? ResidentId { get; init; }
    public long ReceivedAt { get; init; }
}

internal sealed class StatusRow
{
    public string Status { get; init; } = "";
    public string? ResidentId { get; init; }
}

internal sealed class ExplanationRow
{
    public string Status { get; init; } = "";
    public string Explanation { get; init; } = "";
    public long ChangedAt { get; init; }
    public string? ThemeId { get; init; }
}

internal sealed class MeetingRow
{
    public string NeighbourhoodId { get; init; } = "";
    public string Title { get; init; } = "";
    public string Place { get; init; } = "";
    public long StartsAt { get; init; }
    public long EndsAt { get; init; }
}

/// <summary>
/// The reads behind the monitoring report. Pseudonyms are read only to count distinct residents; no text a resident
/// wrote is selected (the groups of similar ideas come from the digest's grouping, which reads redacted text).
/// </summary>
internal sealed class SqlReportSource(IDatabase database)
{
    private const string InSqlite = "IN (SELECT value FROM json_each(@neighbourhoods))";

    private const string InTSql = "IN (SELECT value FROM OPENJSON(@neighbourhoods) WITH (value NVARCHAR(80) '$'))";

    /// <summary>Activity kinds, as the report counts them.</summary>
    internal static class Kinds
    {
        public const string Idea = "idea";
        public const string Rsvp = "rsvp";
        public const string Attendance = "attendance";
        public const string Poll = "poll";
        public const string Pulse = "pulse";
        public const string Evaluation = "evaluation";
    }

    // Everything before @to (no lower bound): whether a resident is new depends on all they did before. Attendance is
    // dated by the meeting's start and placed in the meeting's neighbourhood.
    // Everything before @to (no lower bound): whether a resident is new depends on all they did before. Attendance is
    // dated by the meeting's start and placed in the meeting's neighbourhood.
    internal const string SqliteSelectActivities = $"""
        SELECT resident_id AS ResidentId, 'idea' AS Kind, received_at AS At FROM ideas WHERE neighbourhood_id {InSqlite} AND received_at < @to
        UNION ALL
        SELECT resident_id, 'rsvp', responded_at FROM rsvps WHERE neighbourhood_id {InSqlite} AND responded_at < @to AND status <> 'Declined'
        UNION ALL
        SELECT a.resident_id, 'attendance', m.starts_at FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.neighbourhood_id {InSqlite} AND m.starts_at < @to
        UNION ALL
        SELECT resident_id, 'poll', responded_at FROM poll_responses WHERE neighbourhood_id {InSqlite} AND responded_at < @to
        UNION ALL
        SELECT resident_id, 'pulse', answered_at FROM pulse_responses WHERE neighbourhood_id {InSqlite} AND answered_at < @to
        UNION ALL
        SELECT resident_id, 'evaluation', answered_at FROM evaluations WHERE neighbourhood_id {InSqlite} AND answered_at < @to
        """;

    internal const string SqlServerSelectActivities = $"""
        SELECT resident_id AS ResidentId, 'idea' AS Kind, received_at AS At FROM ideas WHERE neighbourhood_id {InTSql} AND received_at < @to
        UNION ALL
        SELECT resident_id, 'rsvp', responded_at FROM rsvps WHERE neighbourhood_id {InTSql} AND responded_at < @to AND status <> 'Declined'
        UNION ALL
        SELECT a.resident_id, 'attendance', m.starts_at FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.neighbourhood_id {InTSql} AND m.starts_at < @to
        UNION ALL
        SELECT resident_id, 'poll', responded_at FROM poll_responses WHERE neighbourhood_id {InTSql} AND responded_at < @to
        UNION ALL
        SELECT resident_id, 'pulse', answered_at FROM pulse_responses WHERE neighbourhood_id {InTSql} AND answered_at < @to
        UNION ALL
        SELECT resident_id, 'evaluation', answered_at FROM evaluations WHERE neighbourhood_id {InTSql} AND answered_at < @to
        """;

    internal const string SqliteSelectPulse = $"""
        SELECT resident_id AS ResidentId, item_key AS ItemKey, score AS Score, answered_at AS AnsweredAt FROM pulse_responses
        WHERE neighbourhood_id {InSqlite} AND answered_at >= @from AND answered_at < @to
        """;

    internal const string SqlServerSelectPulse = $"""
        SELECT resident_id AS ResidentId, item_key AS ItemKey, CAST(score AS BIGINT) AS Score, answered_at AS AnsweredAt FROM pulse_responses
        WHERE neighbourhood_id {InTSql} AND answered_at >= @from AND answered_at < @to
        """;

    internal const string SelectItems = "SELECT item_key AS ItemKey, text_nl AS TextNl, text_en AS TextEn, CAST(active AS BIGINT) AS Active, CAST(sort_order AS BIGINT) AS SortOrder FROM pulse_items ORDER BY sort_order, item_key";

    internal const string SelectAgeBands = "SELECT resident_id AS ResidentId, age_band AS AgeBand FROM resident_background WHERE age_band IS NOT NULL";

    internal const string SqliteSelectPopulation = $"""
        SELECT age_band AS AgeBand, SUM(population) AS Population, MAX(source) AS Source FROM neighbourhood_population
        WHERE neighbourhood_id {InSqlite} GROUP BY age_band
        """;

    internal const string SqlServerSelectPopulation = $"""
        SELECT age_band AS AgeBand, CAST(SUM(population) AS BIGINT) AS Population, MAX(source) AS Source FROM neighbourhood_population
        WHERE neighbourhood_id {InTSql} GROUP BY age_band
        """;

    internal const string SqliteSelectThemes = $"""
        SELECT t.theme_id AS ThemeId, t.idea_id AS IdeaId, i.resident_id AS ResidentId, t.received_at AS ReceivedAt
        FROM idea_themes t JOIN ideas i ON i.id = t.idea_id
        WHERE t.neighbourhood_id {InSqlite} AND t.received_at >= @from AND t.received_at < @to
        """;

    internal const string SqlServerSelectThemes = $"""
        SELECT t.theme_id AS ThemeId, t.idea_id AS IdeaId, i.resident_id AS ResidentId, t.received_at AS ReceivedAt
        FROM idea_themes t JOIN ideas i ON i.id = t.idea_id
        WHERE t.neighbourhood_id {InTSql} AND t.received_at >= @from AND t.received_at < @to
        """;

    internal const string SqliteSelectStatuses = $"SELECT status AS Status, resident_id AS ResidentId FROM ideas WHERE neighbourhood_id {InSqlite} AND received_at >= @from AND received_at < @to";

    internal const string SqlServerSelectStatuses = $"SELECT status AS Status, resident_id AS ResidentId FROM ideas WHERE neighbourhood_id {InTSql} AND received_at >= @from AND received_at < @to";

    // The idea's most likely theme says what the explanation is about without naming the idea.
    internal const string SqliteSelectExplanations = $"""
        SELECT h.status AS Status, h.explanation AS Explanation, h.changed_at AS ChangedAt,
               (SELECT MIN(t.theme_id) FROM idea_themes t WHERE t.idea_id = h.idea_id
                  AND t.score = (SELECT MAX(t2.score) FROM idea_themes t2 WHERE t2.idea_id = h.idea_id)) AS ThemeId
        FROM idea_status_history h JOIN ideas i ON i.id = h.idea_id
        WHERE i.neighbourhood_id {InSqlite} AND h.changed_at >= @from AND h.changed_at < @to AND h.changed_by <> 'resident'
          AND h.explanation IS NOT NULL AND h.explanation <> ''
        ORDER BY h.changed_at DESC, h.id
        """;

    internal const string SqlServerSelectExplanations = $"""
        SELECT h.status AS Status, h.explanation AS Explanation, h.changed_at AS ChangedAt,
               (SELECT MIN(t.theme_id) FROM idea_themes t WHERE t.idea_id = h.idea_id
                  AND t.score = (SELECT MAX(t2.score) FROM idea_themes t2 WHERE t2.idea_id = h.idea_id)) AS ThemeId
        FROM idea_status_history h JOIN ideas i ON i.id = h.idea_id
        WHERE i.neighbourhood_id {InTSql} AND h.changed_at >= @from AND h.changed_at < @to AND h.changed_by <> 'resident'
          AND h.explanation IS NOT NULL AND h.explanation <> ''
        ORDER BY h.changed_at DESC, h.id
        """;

    internal const string SqliteSelectMeetings = $"""
        SELECT neighbourhood_id AS NeighbourhoodId, title AS Title, place AS Place, starts_at AS StartsAt, ends_at AS EndsAt FROM meetings
        WHERE neighbourhood_id {InSqlite} AND starts_at >= @now AND is_example = 0 ORDER BY starts_at, id
        """;

    internal const string SqlServerSelectMeetings = $"""
        SELECT neighbourhood_id AS NeighbourhoodId, title AS Title, place AS Place, starts_at AS StartsAt, ends_at AS EndsAt FROM meetings
        WHERE neighbourhood_id {InTSql} AND starts_at >= @now AND is_example = 0 ORDER BY starts_at, id
        """;

    public Task<List<ActivityRow>> ActivitiesAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset to, CancellationToken cancellationToken) =>
        QueryAsync<ActivityRow>(database.Pick(SqliteSelectActivities, SqlServerSelectActivities), new { neighbourhoods = Sql.JsonList(neighbourhoods), to = to.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task<List<PulseRow>> PulseAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        QueryAsync<PulseRow>(database.Pick(SqliteSelectPulse, SqlServerSelectPulse), Range(neighbourhoods, from, to), cancellationToken);

    public async Task<List<Pulse.PulseItem>> ItemsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<(string Key, string TextNl, string TextEn, long Active, long Order)>(SelectItems, null, cancellationToken).ConfigureAwait(false))
            .Select(r => new Pulse.PulseItem(r.Key, r.TextNl, r.TextEn, r.Active != 0, (int)r.Order)).ToList();

    public async Task<Dictionary<string, string>> AgeBandsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<(string ResidentId, string AgeBand)>(SelectAgeBands, null, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r.ResidentId, r => r.AgeBand, StringComparer.Ordinal);

    public Task<List<(string AgeBand, long Population, string Source)>> PopulationAsync(IReadOnlyList<string> neighbourhoods, CancellationToken cancellationToken) =>
        QueryAsync<(string AgeBand, long Population, string Source)>(database.Pick(SqliteSelectPopulation, SqlServerSelectPopulation), new { neighbourhoods = Sql.JsonList(neighbourhoods) }, cancellationToken);

    public Task<List<ThemeRow>> ThemesAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        QueryAsync<ThemeRow>(database.Pick(SqliteSelectThemes, SqlServerSelectThemes), Range(neighbourhoods, from, to), cancellationToken);

    public Task<List<StatusRow>> StatusesAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        QueryAsync<StatusRow>(database.Pick(SqliteSelectStatuses, SqlServerSelectStatuses), Range(neighbourhoods, from, to), cancellationToken);

    public Task<List<ExplanationRow>> ExplanationsAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        QueryAsync<ExplanationRow>(database.Pick(SqliteSelectExplanations, SqlServerSelectExplanations), Range(neighbourhoods, from, to), cancellationToken);

    public Task<List<MeetingRow>> MeetingsAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset now, CancellationToken cancellationToken) =>
        QueryAsync<MeetingRow>(database.Pick(SqliteSelectMeetings, SqlServerSelectMeetings), new { neighbourhoods = Sql.JsonList(neighbourhoods), now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    private static object Range(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to) =>
        new { neighbourhoods = Sql.JsonList(neighbourhoods), from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() };

    private Task<List<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection => (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList(), cancellationToken);
}
