using System.Data.Common;
using System.Text.Json;
using Dapper;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Digests;

/// <summary>Raw counts of a period, before the minimum group size is applied (never leaves Core).</summary>
internal sealed record ParticipationCounts(int Residents, int NewResidents, int Rsvps, int RsvpResidents, int PollAnswers, int PollRespondents);

internal sealed record StatusChangeRow(string IdeaId, IdeaStatus Status, string? Explanation, DateTimeOffset ChangedAt);

internal sealed record MeetingRow(string Id, string NeighbourhoodId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity,
    int Confirmed, int ConfirmedPlaces, int Waiting, int Maybe);

internal sealed record PollRow(string Id, string AgendaItem, string Question, PollStatus Status, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, int Respondents, double? Mean);

/// <summary>
/// The reads behind a digest, one neighbourhood list and one period at a time. Ideas come with their redacted text
/// only: the original text and contact details are never selected.
/// </summary>
internal sealed class SqlDigestSource(IDatabase database)
{
    private const string IdeaColumns = """
        i.id AS Id, i.resident_id AS ResidentId, i.neighbourhood_id AS NeighbourhoodId, i.language AS Language, i.redacted_text AS Text,
        i.sentiment_label AS Sentiment, i.key_phrases AS KeyPhrases, i.status AS Status, i.received_at AS ReceivedAt,
        CASE WHEN i.urgent_kind IS NULL THEN 0 ELSE 1 END AS MarkedUrgent
        """;

    private const string InNeighbourhoodsSqlite = "IN (SELECT value FROM json_each(@neighbourhoods))";

    private const string InNeighbourhoodsTSql = "IN (SELECT value FROM OPENJSON(@neighbourhoods) WITH (value NVARCHAR(80) '$'))";

    private const string InIdsSqlite = "IN (SELECT value FROM json_each(@ids))";

    private const string InIdsTSql = "IN (SELECT value FROM OPENJSON(@ids) WITH (value NVARCHAR(80) '$'))";

    private const string InThemesSqlite = "IN (SELECT value FROM json_each(@themes))";

    private const string InThemesTSql = "IN (SELECT value FROM OPENJSON(@themes) WITH (value NVARCHAR(80) '$'))";

    internal const string SqliteSelectIdeas = "SELECT " + IdeaColumns + $"""
         FROM ideas i
        WHERE i.neighbourhood_id {InNeighbourhoodsSqlite} AND i.received_at >= @from AND i.received_at < @to
        """;

    internal const string SqlServerSelectIdeas = "SELECT " + IdeaColumns + $"""
         FROM ideas i
        WHERE i.neighbourhood_id {InNeighbourhoodsTSql} AND i.received_at >= @from AND i.received_at < @to
        """;

    internal const string SqliteSelectThemesInPeriod = $"""
        SELECT idea_id AS IdeaId, theme_id AS ThemeId FROM idea_themes
        WHERE neighbourhood_id {InNeighbourhoodsSqlite} AND received_at >= @from AND received_at < @to
        ORDER BY idea_id, score DESC, theme_id
        """;

    internal const string SqlServerSelectThemesInPeriod = $"""
        SELECT idea_id AS IdeaId, theme_id AS ThemeId FROM idea_themes
        WHERE neighbourhood_id {InNeighbourhoodsTSql} AND received_at >= @from AND received_at < @to
        ORDER BY idea_id, score DESC, theme_id
        """;

    internal const string SqliteSelectThemesOf = $"SELECT idea_id AS IdeaId, theme_id AS ThemeId FROM idea_themes WHERE idea_id {InIdsSqlite} ORDER BY idea_id, score DESC, theme_id";

    internal const string SqlServerSelectThemesOf = $"SELECT idea_id AS IdeaId, theme_id AS ThemeId FROM idea_themes WHERE idea_id {InIdsTSql} ORDER BY idea_id, score DESC, theme_id";

    internal const string SqliteSelectIdeasById = "SELECT " + IdeaColumns + $" FROM ideas i WHERE i.id {InIdsSqlite}";

    internal const string SqlServerSelectIdeasById = "SELECT " + IdeaColumns + $" FROM ideas i WHERE i.id {InIdsTSql}";

    internal const string SqliteSelectParticipants = $"""
        SELECT COUNT(*) AS Residents, COALESCE(SUM(CASE WHEN r.created_at >= @from THEN 1 ELSE 0 END), 0) AS NewResidents
        FROM (
            SELECT resident_id FROM ideas
            WHERE neighbourhood_id {InNeighbourhoodsSqlite} AND received_at >= @from AND received_at < @to AND resident_id IS NOT NULL
            UNION
            SELECT resident_id FROM rsvps
            WHERE neighbourhood_id {InNeighbourhoodsSqlite} AND responded_at >= @from AND responded_at < @to AND status <> 'Declined'
            UNION
            SELECT resident_id FROM poll_responses
            WHERE neighbourhood_id {InNeighbourhoodsSqlite} AND responded_at >= @from AND responded_at < @to AND resident_id IS NOT NULL
        ) p
        JOIN residents r ON r.id = p.resident_id
        """;

    internal const string SqlServerSelectParticipants = $"""
        SELECT COUNT(*) AS Residents, COALESCE(SUM(CASE WHEN r.created_at >= @from THEN 1 ELSE 0 END), 0) AS NewResidents
        FROM (
            SELECT resident_id FROM ideas
            WHERE neighbourhood_id {InNeighbourhoodsTSql} AND received_at >= @from AND received_at < @to AND resident_id IS NOT NULL
            UNION
            SELECT resident_id FROM rsvps
            WHERE neighbourhood_id {InNeighbourhoodsTSql} AND responded_at >= @from AND responded_at < @to AND status <> 'Declined'
            UNION
            SELECT resident_id FROM poll_responses
            WHERE neighbourhood_id {InNeighbourhoodsTSql} AND responded_at >= @from AND responded_at < @to AND resident_id IS NOT NULL
        ) p
        JOIN residents r ON r.id = p.resident_id
        """;

    internal const string SqliteSelectRsvpCounts = $"""
        SELECT COUNT(*) AS Answers, COUNT(DISTINCT resident_id) AS Residents FROM rsvps
        WHERE neighbourhood_id {InNeighbourhoodsSqlite} AND responded_at >= @from AND responded_at < @to AND status <> 'Declined'
        """;

    internal const string SqlServerSelectRsvpCounts = $"""
        SELECT COUNT(*) AS Answers, COUNT(DISTINCT resident_id) AS Residents FROM rsvps
        WHERE neighbourhood_id {InNeighbourhoodsTSql} AND responded_at >= @from AND responded_at < @to AND status <> 'Declined'
        """;

    internal const string SqliteSelectPollAnswerCounts = $"""
        SELECT COUNT(*) AS Answers, COUNT(DISTINCT resident_id) AS Residents FROM poll_responses
        WHERE neighbourhood_id {InNeighbourhoodsSqlite} AND responded_at >= @from AND responded_at < @to
        """;

    internal const string SqlServerSelectPollAnswerCounts = $"""
        SELECT COUNT(*) AS Answers, COUNT(DISTINCT resident_id) AS Residents FROM poll_responses
        WHERE neighbourhood_id {InNeighbourhoodsTSql} AND responded_at >= @from AND responded_at < @to
        """;

    // CROSS JOIN keeps SQLite on the history's time index (ix_idea_status_history_changed) with ideas looked up by id:
    // without statistics it took the equality on neighbourhood as selective and walked every idea of the
    // neighbourhood (half a million at bench-storage scale, about 1 s) to look up each one's history.
    internal const string SqliteSelectStatusChanges = $"""
        SELECT h.idea_id AS IdeaId, h.status AS Status, h.explanation AS Explanation, h.changed_at AS ChangedAt
        FROM idea_status_history h CROSS JOIN ideas i ON i.id = h.idea_id
        WHERE h.changed_at >= @from AND h.changed_at < @to AND h.changed_by <> 'resident' AND i.neighbourhood_id {InNeighbourhoodsSqlite}
        ORDER BY h.changed_at DESC, h.id
        """;

    internal const string SqlServerSelectStatusChanges = $"""
        SELECT h.idea_id AS IdeaId, h.status AS Status, h.explanation AS Explanation, h.changed_at AS ChangedAt
        FROM idea_status_history h JOIN ideas i ON i.id = h.idea_id
        WHERE h.changed_at >= @from AND h.changed_at < @to AND h.changed_by <> 'resident' AND i.neighbourhood_id {InNeighbourhoodsTSql}
        ORDER BY h.changed_at DESC, h.id
        """;

    // The literal 'Received' lets both engines use the filtered index ix_ideas_waiting. One neighbourhood per query: with
    // one equality the index hands the rows over in time order and the LIMIT stops after a few of them; with a list
    // (IN) the engine sorted every waiting idea of the neighbourhoods first.
    private const string WaitingFrom = """
         FROM ideas i
        WHERE i.neighbourhood_id = @neighbourhood AND i.status = 'Received' AND i.received_at < @before AND i.redacted_text <> ''
        """;

    private const string WaitingThemedSqlite = $" AND EXISTS (SELECT 1 FROM idea_themes t WHERE t.idea_id = i.id AND t.theme_id {InThemesSqlite})";

    private const string WaitingThemedTSql = $" AND EXISTS (SELECT 1 FROM idea_themes t WHERE t.idea_id = i.id AND t.theme_id {InThemesTSql})";

    internal const string SqliteSelectWaiting = "SELECT " + IdeaColumns + WaitingFrom + " ORDER BY i.received_at, i.id LIMIT @max";

    internal const string SqlServerSelectWaiting = "SELECT " + IdeaColumns + WaitingFrom + " ORDER BY i.received_at, i.id OFFSET 0 ROWS FETCH NEXT @max ROWS ONLY";

    internal const string SqliteSelectWaitingThemed = "SELECT " + IdeaColumns + WaitingFrom + WaitingThemedSqlite + " ORDER BY i.received_at, i.id LIMIT @max";

    internal const string SqlServerSelectWaitingThemed = "SELECT " + IdeaColumns + WaitingFrom + WaitingThemedTSql + " ORDER BY i.received_at, i.id OFFSET 0 ROWS FETCH NEXT @max ROWS ONLY";

    internal const string SqliteSelectMeetings = $"""
        SELECT m.id AS Id, m.neighbourhood_id AS NeighbourhoodId, m.title AS Title, m.starts_at AS StartsAt, m.ends_at AS EndsAt, m.capacity AS Capacity,
               COALESCE(SUM(CASE WHEN r.status = 'Confirmed' THEN 1 ELSE 0 END), 0) AS Confirmed,
               COALESCE(SUM(CASE WHEN r.status = 'Confirmed' THEN r.party_size ELSE 0 END), 0) AS ConfirmedPlaces,
               COALESCE(SUM(CASE WHEN r.status = 'Waiting' THEN 1 ELSE 0 END), 0) AS Waiting,
               COALESCE(SUM(CASE WHEN r.status = 'Maybe' THEN 1 ELSE 0 END), 0) AS Maybe
        FROM meetings m LEFT JOIN rsvps r ON r.meeting_id = m.id
        WHERE m.neighbourhood_id {InNeighbourhoodsSqlite} AND m.starts_at >= @from AND m.starts_at < @to
        GROUP BY m.id, m.neighbourhood_id, m.title, m.starts_at, m.ends_at, m.capacity
        ORDER BY m.starts_at, m.id
        """;

    internal const string SqlServerSelectMeetings = $"""
        SELECT m.id AS Id, m.neighbourhood_id AS NeighbourhoodId, m.title AS Title, m.starts_at AS StartsAt, m.ends_at AS EndsAt, m.capacity AS Capacity,
               COALESCE(SUM(CASE WHEN r.status = 'Confirmed' THEN 1 ELSE 0 END), 0) AS Confirmed,
               COALESCE(SUM(CASE WHEN r.status = 'Confirmed' THEN r.party_size ELSE 0 END), 0) AS ConfirmedPlaces,
               COALESCE(SUM(CASE WHEN r.status = 'Waiting' THEN 1 ELSE 0 END), 0) AS Waiting,
               COALESCE(SUM(CASE WHEN r.status = 'Maybe' THEN 1 ELSE 0 END), 0) AS Maybe
        FROM meetings m LEFT JOIN rsvps r ON r.meeting_id = m.id
        WHERE m.neighbourhood_id {InNeighbourhoodsTSql} AND m.starts_at >= @from AND m.starts_at < @to
        GROUP BY m.id, m.neighbourhood_id, m.title, m.starts_at, m.ends_at, m.capacity
        ORDER BY m.starts_at, m.id
        """;

    internal const string SqliteSelectPolls = $"""
        SELECT p.id AS Id, p.agenda_item AS AgendaItem, p.question AS Question, p.status AS Status, p.opens_at AS OpensAt, p.closes_at AS ClosesAt,
               (SELECT COUNT(*) FROM poll_responses a WHERE a.poll_id = p.id) AS Respondents,
               (SELECT AVG(CAST(a.score AS FLOAT)) FROM poll_responses a WHERE a.poll_id = p.id) AS Mean
        FROM polls p
        WHERE p.status <> 'Draft' AND p.opens_at < @to AND p.closes_at >= @from
          AND EXISTS (SELECT 1 FROM poll_neighbourhoods n WHERE n.poll_id = p.id AND n.neighbourhood_id {InNeighbourhoodsSqlite})
        ORDER BY p.closes_at, p.id
        """;

    internal const string SqlServerSelectPolls = $"""
        SELECT p.id AS Id, p.agenda_item AS AgendaItem, p.question AS Question, p.status AS Status, p.opens_at AS OpensAt, p.closes_at AS ClosesAt,
               (SELECT COUNT(*) FROM poll_responses a WHERE a.poll_id = p.id) AS Respondents,
               (SELECT AVG(CAST(a.score AS FLOAT)) FROM poll_responses a WHERE a.poll_id = p.id) AS Mean
        FROM polls p
        WHERE p.status <> 'Draft' AND p.opens_at < @to AND p.closes_at >= @from
          AND EXISTS (SELECT 1 FROM poll_neighbourhoods n WHERE n.poll_id = p.id AND n.neighbourhood_id {InNeighbourhoodsTSql})
        ORDER BY p.closes_at, p.id
        """;

    public async Task<List<DigestIdea>> IdeasAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = new { neighbourhoods = Sql.JsonList(neighbourhoods), from = from.Ms(), to = to.Ms() };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<IdeaRow>(new CommandDefinition(database.Pick(SqliteSelectIdeas, SqlServerSelectIdeas), range, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var themes = (await connection.QueryAsync<(string IdeaId, string ThemeId)>(new CommandDefinition(database.Pick(SqliteSelectThemesInPeriod, SqlServerSelectThemesInPeriod), range, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(t => t.IdeaId, t => t.ThemeId);
        return rows.Select(r => r.ToIdea(themes[r.Id].ToList())).ToList();
    }

    public async Task<List<DigestIdea>> IdeasByIdAsync(DbConnection connection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        // One JSON parameter for any number of ids (SQL Server would refuse more than 2,100 separate parameters).
        var list = new { ids = Sql.JsonList(ids.Distinct(StringComparer.Ordinal)) };
        var rows = await connection.QueryAsync<IdeaRow>(new CommandDefinition(database.Pick(SqliteSelectIdeasById, SqlServerSelectIdeasById), list, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var themes = await connection.QueryAsync<(string IdeaId, string ThemeId)>(new CommandDefinition(database.Pick(SqliteSelectThemesOf, SqlServerSelectThemesOf), list, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var byIdea = themes.ToLookup(t => t.IdeaId, t => t.ThemeId);
        return rows.Select(r => r.ToIdea(byIdea[r.Id].ToList())).ToList();
    }

    public async Task<ParticipationCounts> ParticipationAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = new { neighbourhoods = Sql.JsonList(neighbourhoods), from = from.Ms(), to = to.Ms() };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var people = await connection.QuerySingleAsync<(long Residents, long NewResidents)>(new CommandDefinition(database.Pick(SqliteSelectParticipants, SqlServerSelectParticipants), range, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rsvps = await connection.QuerySingleAsync<(long Answers, long Residents)>(new CommandDefinition(database.Pick(SqliteSelectRsvpCounts, SqlServerSelectRsvpCounts), range, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var polls = await connection.QuerySingleAsync<(long Answers, long Residents)>(new CommandDefinition(database.Pick(SqliteSelectPollAnswerCounts, SqlServerSelectPollAnswerCounts), range, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ParticipationCounts((int)people.Residents, (int)people.NewResidents, (int)rsvps.Answers, (int)rsvps.Residents, (int)polls.Answers, (int)polls.Residents);
    }

    public async Task<(List<StatusChangeRow> Changes, List<DigestIdea> Ideas)> StatusChangesAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<(string IdeaId, string Status, string? Explanation, long ChangedAt)>(
            new CommandDefinition(database.Pick(SqliteSelectStatusChanges, SqlServerSelectStatusChanges), new { neighbourhoods = Sql.JsonList(neighbourhoods), from = from.Ms(), to = to.Ms() }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => new StatusChangeRow(r.IdeaId, Enum.Parse<IdeaStatus>(r.Status), r.Explanation, UnixTime.At(r.ChangedAt)))
            .ToList();
        var ideas = rows.Count == 0 ? [] : await IdeasByIdAsync(connection, rows.Select(r => r.IdeaId).ToList(), cancellationToken).ConfigureAwait(false);
        return (rows, ideas);
    }

    public async Task<List<DigestIdea>> WaitingAsync(IReadOnlyList<string> neighbourhoods, IReadOnlyList<string> themes, DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var sql = themes.Count == 0
            ? database.Pick(SqliteSelectWaiting, SqlServerSelectWaiting)
            : database.Pick(SqliteSelectWaitingThemed, SqlServerSelectWaitingThemed);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<IdeaRow>();
        foreach (var neighbourhood in neighbourhoods.Distinct(StringComparer.Ordinal))
        {
            rows.AddRange(await connection.QueryAsync<IdeaRow>(new CommandDefinition(sql, new { neighbourhood, themes = Sql.JsonList(themes), before = before.Ms(), max }, cancellationToken: cancellationToken)).ConfigureAwait(false));
        }

        // The first max of each neighbourhood hold the first max of them all.
        var ids = rows.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Take(max).Select(r => r.Id).ToList();
        var ideas = await IdeasByIdAsync(connection, ids, cancellationToken).ConfigureAwait(false);
        return [.. ideas.OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    public async Task<List<MeetingRow>> MeetingsAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, string NeighbourhoodId, string Title, long StartsAt, long EndsAt, long Capacity, long Confirmed, long ConfirmedPlaces, long Waiting, long Maybe)>(
            new CommandDefinition(database.Pick(SqliteSelectMeetings, SqlServerSelectMeetings), new { neighbourhoods = Sql.JsonList(neighbourhoods), from = from.Ms(), to = to.Ms() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new MeetingRow(r.Id, r.NeighbourhoodId, r.Title, UnixTime.At(r.StartsAt), UnixTime.At(r.EndsAt), (int)r.Capacity,
            (int)r.Confirmed, (int)r.ConfirmedPlaces, (int)r.Waiting, (int)r.Maybe)).ToList();
    }

    public async Task<List<PollRow>> PollsAsync(IReadOnlyList<string> neighbourhoods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, string AgendaItem, string Question, string Status, long OpensAt, long ClosesAt, long Respondents, double? Mean)>(
            new CommandDefinition(database.Pick(SqliteSelectPolls, SqlServerSelectPolls), new { neighbourhoods = Sql.JsonList(neighbourhoods), from = from.Ms(), to = to.Ms() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new PollRow(r.Id, r.AgendaItem, r.Question, Enum.Parse<PollStatus>(r.Status), UnixTime.At(r.OpensAt), UnixTime.At(r.ClosesAt), (int)r.Respondents, r.Mean)).ToList();
    }

    private sealed class IdeaRow
    {
        public string Id { get; set; } = "";
        public string? ResidentId { get; set; }
        public string NeighbourhoodId { get; set; } = "";
        public string Language { get; set; } = "";
        public string Text { get; set; } = "";
        public string Sentiment { get; set; } = "";
        public string KeyPhrases { get; set; } = "[]";
        public string Status { get; set; } = "";
        public long ReceivedAt { get; set; }
        public long MarkedUrgent { get; set; }

        public DigestIdea ToIdea(IReadOnlyList<string> themes) => new(Id, ResidentId, NeighbourhoodId, Language, Text, Enum.Parse<SentimentLabel>(Sentiment),
            JsonSerializer.Deserialize<List<string>>(KeyPhrases) ?? [], themes, Enum.Parse<IdeaStatus>(Status), UnixTime.At(ReceivedAt), MarkedUrgent != 0);
    }
}
