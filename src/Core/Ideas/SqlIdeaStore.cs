using System.Data.Common;
using System.Text.Json;
using Dapper;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Ideas;

/// <summary><see cref="IIdeaStore"/> on the shared database.</summary>
public sealed class SqlIdeaStore(IDatabase database) : IIdeaStore
{
    private const string Columns = """
        id, source_key, resident_id, neighbourhood_id, language, original_text, redacted_text, sentiment_label, sentiment_score,
        key_phrases, analysis_source, status, status_explanation, contact_allowed, contact_detail, received_at, updated_at, urgent_kind, urgent_score
        """;

    private const string Values = """
        @Id, @SourceKey, @ResidentId, @NeighbourhoodId, @Language, @OriginalText, @RedactedText, @SentimentLabel, @SentimentScore,
        @KeyPhrases, @AnalysisSource, @Status, @StatusExplanation, @ContactAllowed, @ContactDetail, @ReceivedAt, @UpdatedAt, @UrgentKind, @UrgentScore
        """;

    internal const string SqliteInsertIfNew = $"INSERT INTO ideas ({Columns}) VALUES ({Values}) ON CONFLICT (source_key) DO NOTHING";

    internal const string SqlServerInsertIfNew = $"""
        INSERT INTO ideas ({Columns}) SELECT {Values}
        WHERE NOT EXISTS (SELECT 1 FROM ideas WITH (UPDLOCK, HOLDLOCK) WHERE source_key = @SourceKey)
        """;

    internal const string SelectIdBySource = "SELECT id FROM ideas WHERE source_key = @SourceKey";

    internal const string InsertTheme = """
        INSERT INTO idea_themes (idea_id, theme_id, score, confirmed, neighbourhood_id, received_at)
        VALUES (@IdeaId, @ThemeId, @Score, @Confirmed, @NeighbourhoodId, @ReceivedAt)
        """;

    internal const string DeleteThemes = "DELETE FROM idea_themes WHERE idea_id = @ideaId";

    internal const string InsertHistory = """
        INSERT INTO idea_status_history (id, idea_id, status, explanation, changed_by, changed_at)
        VALUES (@Id, @IdeaId, @Status, @Explanation, @ChangedBy, @ChangedAt)
        """;

    private const string SelectColumns = """
        SELECT id AS Id, resident_id AS ResidentId, neighbourhood_id AS NeighbourhoodId, language AS Language, original_text AS OriginalText,
               redacted_text AS RedactedText, sentiment_label AS SentimentLabel, sentiment_score AS SentimentScore, key_phrases AS KeyPhrases,
               analysis_source AS AnalysisSource, status AS Status, status_explanation AS StatusExplanation, contact_allowed AS ContactAllowed,
               contact_detail AS ContactDetail, received_at AS ReceivedAt, updated_at AS UpdatedAt, urgent_kind AS UrgentKind, urgent_score AS UrgentScore
        FROM ideas
        """;

    internal const string SelectById = SelectColumns + " WHERE id = @id";

    internal const string SqliteSelectByResident = SelectColumns + " WHERE resident_id = @residentId ORDER BY received_at DESC LIMIT @max";

    internal const string SqlServerSelectByResident = SelectColumns + " WHERE resident_id = @residentId ORDER BY received_at DESC OFFSET 0 ROWS FETCH NEXT @max ROWS ONLY";

    internal const string SqliteSelectThemes = """
        SELECT idea_id AS IdeaId, theme_id AS ThemeId, score AS Score, confirmed AS Confirmed
        FROM idea_themes WHERE idea_id IN (SELECT value FROM json_each(@ids)) ORDER BY score DESC
        """;

    internal const string SqlServerSelectThemes = """
        SELECT idea_id AS IdeaId, theme_id AS ThemeId, score AS Score, confirmed AS Confirmed
        FROM idea_themes WHERE idea_id IN (SELECT value FROM OPENJSON(@ids) WITH (value NVARCHAR(64) '$')) ORDER BY score DESC
        """;

    private const string SelectLockedColumns = "SELECT status AS Status, neighbourhood_id AS NeighbourhoodId, received_at AS ReceivedAt, resident_id AS ResidentId FROM ideas";

    internal const string SelectForUpdate = SelectLockedColumns + " WHERE id = @ideaId";

    internal const string SqlServerSelectForUpdate = SelectLockedColumns + " WITH (UPDLOCK, HOLDLOCK) WHERE id = @ideaId";

    internal const string UpdateStatus = "UPDATE ideas SET status = @Status, status_explanation = @Explanation, updated_at = @ChangedAt WHERE id = @IdeaId";

    internal const string UpdateNeighbourhood = "UPDATE ideas SET neighbourhood_id = @neighbourhoodId, updated_at = @now WHERE id = @ideaId";

    internal const string UpdateThemesNeighbourhood = "UPDATE idea_themes SET neighbourhood_id = @neighbourhoodId WHERE idea_id = @ideaId";

    internal const string UpdateContact = "UPDATE ideas SET contact_allowed = @allowed, contact_detail = @detail, updated_at = @now WHERE id = @ideaId";

    internal const string Touch = "UPDATE ideas SET updated_at = @now WHERE id = @ideaId";

    internal const string SelectHistory = """
        SELECT status AS Status, explanation AS Explanation, changed_by AS ChangedBy, changed_at AS ChangedAt
        FROM idea_status_history WHERE idea_id = @ideaId ORDER BY changed_at, id
        """;

    private const int BatchSize = 5000;

    /// <inheritdoc />
    public async Task<(Idea Idea, bool Created)> AddAsync(Idea idea, string sourceKey, CancellationToken cancellationToken = default)
    {
        if (await database.WriteAsync((connection, transaction) => InsertAsync(connection, transaction, idea, sourceKey), cancellationToken).ConfigureAwait(false))
        {
            return (idea, true);
        }

        return await database.ReadAsync(async connection =>
        {
            var existingId = await connection.ExecuteScalarAsync<string>(SelectIdBySource, new { SourceKey = sourceKey }).ConfigureAwait(false);
            return ((await GetAsync(connection, existingId!).ConfigureAwait(false))!, false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> AddManyAsync(IEnumerable<(Idea Idea, string SourceKey)> ideas, CancellationToken cancellationToken = default)
    {
        var added = 0;
        foreach (var batch in ideas.Chunk(BatchSize))
        {
            added += await database.WriteAsync(async (connection, transaction) =>
            {
                var inBatch = 0;
                foreach (var (idea, sourceKey) in batch)
                {
                    inBatch += await InsertAsync(connection, transaction, idea, sourceKey).ConfigureAwait(false) ? 1 : 0;
                }

                return inBatch;
            }, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    /// <inheritdoc />
    public Task<Idea?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => GetAsync(connection, id), cancellationToken);

    /// <inheritdoc />
    internal const string ForgetOriginalTexts = "UPDATE ideas SET original_text = NULL, updated_at = @now WHERE resident_id = @residentId AND original_text IS NOT NULL";

    /// <inheritdoc />
    public Task<int> ForgetOriginalTextsAsync(string residentId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(ForgetOriginalTexts, new { residentId, now = now.Ms() }, transaction), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Idea>> ListByResidentAsync(string residentId, int max, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            var rows = (await connection.QueryAsync<IdeaRow>(database.Pick(SqliteSelectByResident, SqlServerSelectByResident), new { residentId, max }).ConfigureAwait(false)).ToList();
            return await WithThemesAsync(connection, rows).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetThemesAsync(string ideaId, IReadOnlyList<ThemeScore> themes, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var current = await LockAsync(connection, transaction, ideaId).ConfigureAwait(false);
            await connection.ExecuteAsync(DeleteThemes, new { ideaId }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(InsertTheme, ThemeRows(ideaId, themes, current.NeighbourhoodId, current.ReceivedAt), transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(Touch, new { ideaId, now = now.Ms() }, transaction).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetNeighbourhoodAsync(string ideaId, string neighbourhoodId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await LockAsync(connection, transaction, ideaId).ConfigureAwait(false);
            await connection.ExecuteAsync(UpdateNeighbourhood, new { ideaId, neighbourhoodId, now = now.Ms() }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(UpdateThemesNeighbourhood, new { ideaId, neighbourhoodId }, transaction).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetContactAsync(string ideaId, bool allowed, string? detail, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(UpdateContact, new { ideaId, allowed, detail = allowed ? detail : null, now = now.Ms() }, transaction).ConfigureAwait(false);
            if (changed == 0)
            {
                throw new RuleViolation(RuleCode.NotFound, $"There is no idea '{ideaId}'.");
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task ChangeStatusAsync(string ideaId, IdeaStatusChange change, AuditEntry audit, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var locked = await LockAsync(connection, transaction, ideaId).ConfigureAwait(false);
            var current = Enum.Parse<IdeaStatus>(locked.Status);
            if (!IdeaStatusRules.CanMove(current, change.Status))
            {
                throw new RuleViolation(RuleCode.InvalidStatusChange, $"An idea that is {current} cannot become {change.Status}.");
            }

            var row = new { IdeaId = ideaId, Status = change.Status.ToString(), change.Explanation, change.ChangedBy, ChangedAt = change.ChangedAt.Ms(), Id = Ids.New() };
            await connection.ExecuteAsync(UpdateStatus, row, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(InsertHistory, row, transaction).ConfigureAwait(false);
            await SqlAuditLog.AppendAsync(connection, transaction, audit).ConfigureAwait(false);

            // The author hears about it in their own conversation; an idea whose author erased their data has none.
            if (locked.ResidentId is { } author)
            {
                await SqlNotificationOutbox.EnqueueAsync(database, connection, transaction, Notices.IdeaStatus(author, ideaId, row.Id, change), change.ChangedAt).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<IdeaStatusChange>> HistoryAsync(string ideaId, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(string Status, string? Explanation, string ChangedBy, long ChangedAt)>(SelectHistory, new { ideaId }), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new IdeaStatusChange(Enum.Parse<IdeaStatus>(r.Status), r.Explanation, r.ChangedBy, UnixTime.At(r.ChangedAt))).ToList();
    }

    private async Task<bool> InsertAsync(DbConnection connection, DbTransaction transaction, Idea idea, string sourceKey)
    {
        var a = idea.Analysis;
        var inserted = await connection.ExecuteAsync(database.Pick(SqliteInsertIfNew, SqlServerInsertIfNew), new
        {
            idea.Id,
            SourceKey = sourceKey,
            idea.ResidentId,
            idea.NeighbourhoodId,
            a.Language,
            idea.OriginalText,
            a.RedactedText,
            SentimentLabel = a.Sentiment.Label.ToString(),
            SentimentScore = a.Sentiment.Score,
            KeyPhrases = JsonSerializer.Serialize(a.KeyPhrases),
            AnalysisSource = a.Source.ToString(),
            Status = idea.Status.ToString(),
            idea.StatusExplanation,
            idea.ContactAllowed,
            idea.ContactDetail,
            ReceivedAt = idea.ReceivedAt.Ms(),
            UpdatedAt = idea.UpdatedAt.Ms(),
            UrgentKind = a.Urgent?.Code,
            UrgentScore = a.Urgent?.Score,
        }, transaction).ConfigureAwait(false);
        if (inserted == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(InsertTheme, ThemeRows(idea.Id, a.Themes, idea.NeighbourhoodId, idea.ReceivedAt.Ms()), transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(InsertHistory, new
        {
            Id = Ids.New(),
            IdeaId = idea.Id,
            Status = idea.Status.ToString(),
            Explanation = idea.StatusExplanation,
            ChangedBy = "resident",
            ChangedAt = idea.ReceivedAt.Ms(),
        }, transaction).ConfigureAwait(false);
        return true;
    }

    private async Task<(string Status, string? NeighbourhoodId, long ReceivedAt, string? ResidentId)> LockAsync(DbConnection connection, DbTransaction transaction, string ideaId)
    {
        var rows = await connection.QueryAsync<(string Status, string? NeighbourhoodId, long ReceivedAt, string? ResidentId)>(
            database.Pick(SelectForUpdate, SqlServerSelectForUpdate), new { ideaId }, transaction).ConfigureAwait(false);
        return rows.Any() ? rows.First() : throw new RuleViolation(RuleCode.NotFound, $"There is no idea '{ideaId}'.");
    }

    private static IEnumerable<object> ThemeRows(string ideaId, IEnumerable<ThemeScore> themes, string? neighbourhoodId, long receivedAt) =>
        themes.Select(t => new { IdeaId = ideaId, t.ThemeId, t.Score, t.Confirmed, NeighbourhoodId = neighbourhoodId, ReceivedAt = receivedAt });

    private async Task<Idea?> GetAsync(DbConnection connection, string id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<IdeaRow>(SelectById, new { id }).ConfigureAwait(false);
        return row is null ? null : (await WithThemesAsync(connection, [row]).ConfigureAwait(false))[0];
    }

    private async Task<IReadOnlyList<Idea>> WithThemesAsync(DbConnection connection, List<IdeaRow> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        // One JSON parameter, whatever the number of ideas (a resident's export can hold thousands).
        var found = await connection.QueryAsync<ThemeRow>(database.Pick(SqliteSelectThemes, SqlServerSelectThemes), new { ids = Sql.JsonList(rows.Select(r => r.Id)) }).ConfigureAwait(false);
        var themes = found.ToLookup(t => t.IdeaId);
        return rows.Select(r => r.ToIdea(themes[r.Id].Select(t => new ThemeScore(t.ThemeId, t.Score, t.Confirmed)).ToList())).ToList();
    }

    private sealed class ThemeRow
    {
        public string IdeaId { get; set; } = "";
        public string ThemeId { get; set; } = "";
        public double Score { get; set; }
        public bool Confirmed { get; set; }
    }

    private sealed class IdeaRow
    {
        public string Id { get; set; } = "";
        public string? ResidentId { get; set; }
        public string? NeighbourhoodId { get; set; }
        public string Language { get; set; } = "";
        public string? OriginalText { get; set; }
        public string RedactedText { get; set; } = "";
        public string SentimentLabel { get; set; } = "";
        public double SentimentScore { get; set; }
        public string KeyPhrases { get; set; } = "[]";
        public string AnalysisSource { get; set; } = "";
        public string Status { get; set; } = "";
        public string? StatusExplanation { get; set; }
        public bool ContactAllowed { get; set; }
        public string? ContactDetail { get; set; }
        public long ReceivedAt { get; set; }
        public long UpdatedAt { get; set; }
        public string? UrgentKind { get; set; }
        public double? UrgentScore { get; set; }

        public Idea ToIdea(IReadOnlyList<ThemeScore> themes) => new(
            Id,
            ResidentId,
            NeighbourhoodId,
            OriginalText,
            new IdeaAnalysis(Language, RedactedText, themes, new Sentiment(Enum.Parse<SentimentLabel>(SentimentLabel), SentimentScore),
                JsonSerializer.Deserialize<List<string>>(KeyPhrases) ?? [], Enum.Parse<AnalysisSource>(AnalysisSource))
            {
                Urgent = Core.Language.UrgentSignal.FromCode(UrgentKind) is { } kind ? new Core.Language.UrgentSignal(kind, UrgentScore ?? 1) : null,
            },
            Enum.Parse<IdeaStatus>(Status),
            StatusExplanation,
            ContactAllowed,
            ContactDetail,
            UnixTime.At(ReceivedAt),
            UnixTime.At(UpdatedAt));
    }
}
