using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Ideas;

/// <summary>What professionals filter ideas on; null means any.</summary>
public sealed record IdeaFilter(string? NeighbourhoodId, string? ThemeId, IdeaStatus? Status);

/// <summary>Where a page of ideas ends: the next page starts after this idea (newest first).</summary>
public sealed record IdeaCursor(DateTimeOffset ReceivedAt, string IdeaId);

/// <summary>An idea in a list: never the original text, the resident or their contact details.</summary>
public sealed record IdeaSummary(string Id, string? NeighbourhoodId, string RedactedText, IReadOnlyList<string> ThemeIds, SentimentLabel Sentiment, IdeaStatus Status, DateTimeOffset ReceivedAt);

/// <summary>A page of ideas and where the next one starts (null: this was the last).</summary>
public sealed record IdeaPage(IReadOnlyList<IdeaSummary> Ideas, IdeaCursor? Next);

/// <summary>
/// Ideas as professionals browse them: newest first, filtered by neighbourhood, theme and status, in pages that
/// continue after the last idea shown (so a new idea arriving meanwhile does not shift the next page). Ideas whose
/// author erased their data have no text left and are not listed.
/// </summary>
public sealed class IdeaSearch(IDatabase database)
{
    /// <summary>Most ideas in one page.</summary>
    public const int MaxPageSize = 20;

    private const string Where = """
        FROM ideas i
        WHERE (@neighbourhood IS NULL OR i.neighbourhood_id = @neighbourhood)
          AND (@status IS NULL OR i.status = @status)
          AND (@theme IS NULL OR EXISTS (SELECT 1 FROM idea_themes t WHERE t.idea_id = i.id AND t.theme_id = @theme))
          AND i.redacted_text <> ''
          AND (@beforeAt IS NULL OR i.received_at < @beforeAt OR (i.received_at = @beforeAt AND i.id < @beforeId))
        ORDER BY i.received_at DESC, i.id DESC
        """;

    private const string Columns = """
        SELECT i.id AS Id, i.neighbourhood_id AS NeighbourhoodId, i.redacted_text AS RedactedText, i.sentiment_label AS Sentiment,
               i.status AS Status, i.received_at AS ReceivedAt
        """;

    internal const string SqlitePage = Columns + "\n" + Where + "\nLIMIT @take";

    internal const string SqlServerPage = Columns + "\n" + Where + "\nOFFSET 0 ROWS FETCH NEXT @take ROWS ONLY";

    internal const string SqliteThemes = "SELECT idea_id AS IdeaId, theme_id AS ThemeId FROM idea_themes WHERE idea_id IN (SELECT value FROM json_each(@ids)) ORDER BY score DESC";

    internal const string SqlServerThemes = "SELECT idea_id AS IdeaId, theme_id AS ThemeId FROM idea_themes WHERE idea_id IN (SELECT value FROM OPENJSON(@ids) WITH (value NVARCHAR(64) '$')) ORDER BY score DESC";

    /// <summary>One page of ideas matching <paramref name="filter"/>, newest first, after <paramref name="after"/>.</summary>
    public Task<IdeaPage> PageAsync(IdeaFilter filter, IdeaCursor? after, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        return database.ReadAsync(async connection =>
        {
            // One more than asked tells whether there is a next page.
            var rows = (await connection.QueryAsync<Row>(database.Pick(SqlitePage, SqlServerPage), new
            {
                neighbourhood = filter.NeighbourhoodId,
                status = filter.Status?.ToString(),
                theme = filter.ThemeId,
                beforeAt = after?.ReceivedAt.Ms(),
                beforeId = after?.IdeaId,
                take = pageSize + 1,
            }).ConfigureAwait(false)).ToList();
            var page = rows.Take(pageSize).ToList();
            var themes = page.Count == 0
                ? Enumerable.Empty<(string IdeaId, string ThemeId)>().ToLookup(t => t.IdeaId, t => t.ThemeId)
                : (await connection.QueryAsync<(string IdeaId, string ThemeId)>(database.Pick(SqliteThemes, SqlServerThemes),
                    new { ids = Sql.JsonList(page.Select(r => r.Id)) }).ConfigureAwait(false)).ToLookup(t => t.IdeaId, t => t.ThemeId);
            var ideas = page.Select(r => new IdeaSummary(r.Id, r.NeighbourhoodId, r.RedactedText, themes[r.Id].ToList(),
                Enum.Parse<SentimentLabel>(r.Sentiment), Enum.Parse<IdeaStatus>(r.Status), UnixTime.At(r.ReceivedAt))).ToList();
            return new IdeaPage(ideas, rows.Count > pageSize ? new IdeaCursor(ideas[^1].ReceivedAt, ideas[^1].Id) : null);
        }, cancellationToken);
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string? NeighbourhoodId { get; set; }
        public string RedactedText { get; set; } = "";
        public string Sentiment { get; set; } = "";
        public string Status { get; set; } = "";
        public long ReceivedAt { get; set; }
    }
}
