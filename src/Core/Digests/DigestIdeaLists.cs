using Dapper;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Digests;

/// <summary>
/// The ideas behind a digest's buttons, as professionals list them (<see cref="IdeaSummary"/>: redacted text only): the
/// ideas of a cluster by id, and the ideas of the digest's period and filter in pages, newest first. Ideas whose author
/// erased their data have no text left and are not listed.
/// </summary>
public sealed class DigestIdeaLists(IDatabase database)
{
    /// <summary>Most ids read at once (a cluster's button carries up to 20; a rebuilt cluster may have more).</summary>
    public const int MaxIds = 1000;

    private const string Columns = """
        SELECT i.id AS Id, i.neighbourhood_id AS NeighbourhoodId, i.redacted_text AS RedactedText, i.sentiment_label AS Sentiment,
               i.status AS Status, i.received_at AS ReceivedAt
        """;

    internal const string SqliteByIds = Columns + "\nFROM ideas i WHERE i.id IN (SELECT value FROM json_each(@ids)) AND i.redacted_text <> ''";

    internal const string SqlServerByIds = Columns + "\nFROM ideas i WHERE i.id IN (SELECT value FROM OPENJSON(@ids) WITH (value NVARCHAR(64) '$')) AND i.redacted_text <> ''";

    internal const string SqlitePeriodPage = Columns + """

        FROM ideas i WHERE i.neighbourhood_id IN (SELECT value FROM json_each(@neighbourhoods))
          AND i.received_at >= @from AND i.received_at < @to AND i.redacted_text <> ''
          AND (@anyTheme = 1 OR EXISTS (SELECT 1 FROM idea_themes t WHERE t.idea_id = i.id AND t.theme_id IN (SELECT value FROM json_each(@themes))))
          AND (@beforeAt IS NULL OR i.received_at < @beforeAt OR (i.received_at = @beforeAt AND i.id < @beforeId))
        ORDER BY i.received_at DESC, i.id DESC
        LIMIT @take
        """;

    internal const string SqlServerPeriodPage = Columns + """

        FROM ideas i WHERE i.neighbourhood_id IN (SELECT value FROM OPENJSON(@neighbourhoods) WITH (value NVARCHAR(64) '$'))
          AND i.received_at >= @from AND i.received_at < @to AND i.redacted_text <> ''
          AND (@anyTheme = 1 OR EXISTS (SELECT 1 FROM idea_themes t WHERE t.idea_id = i.id AND t.theme_id IN (SELECT value FROM OPENJSON(@themes) WITH (value NVARCHAR(64) '$'))))
          AND (@beforeAt IS NULL OR i.received_at < @beforeAt OR (i.received_at = @beforeAt AND i.id < @beforeId))
        ORDER BY i.received_at DESC, i.id DESC
        OFFSET 0 ROWS FETCH NEXT @take ROWS ONLY
        """;

    /// <summary>The ideas with these ids that still have text, in the order of <paramref name="ids"/>.</summary>
    public Task<IReadOnlyList<IdeaSummary>> ByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).Take(MaxIds).ToList();
        if (wanted.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<IdeaSummary>>([]);
        }

        return database.ReadAsync<IReadOnlyList<IdeaSummary>>(async connection =>
        {
            var rows = (await connection.QueryAsync<Row>(database.Pick(SqliteByIds, SqlServerByIds), new { ids = Sql.JsonList(wanted) }).ConfigureAwait(false))
                .ToDictionary(r => r.Id, StringComparer.Ordinal);
            var found = wanted.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
            return await SummariesAsync(connection, found).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>One page of the ideas received in <paramref name="period"/> that match <paramref name="filter"/>, newest first, after <paramref name="after"/>.</summary>
    public Task<IdeaPage> InPeriodAsync(DigestFilter filter, DigestPeriod period, IdeaCursor? after, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, IdeaSearch.MaxPageSize);
        return database.ReadAsync(async connection =>
        {
            // One more than asked tells whether there is a next page.
            var rows = (await connection.QueryAsync<Row>(database.Pick(SqlitePeriodPage, SqlServerPeriodPage), new
            {
                neighbourhoods = Sql.JsonList(filter.NeighbourhoodIds),
                themes = Sql.JsonList(filter.ThemeIds),
                anyTheme = filter.ThemeIds.Count == 0 ? 1 : 0,
                from = period.Start.Ms(),
                to = period.End.Ms(),
                beforeAt = after?.ReceivedAt.Ms(),
                beforeId = after?.IdeaId,
                take = pageSize + 1,
            }).ConfigureAwait(false)).ToList();
            var ideas = await SummariesAsync(connection, rows.Take(pageSize).ToList()).ConfigureAwait(false);
            return new IdeaPage(ideas, rows.Count > pageSize ? new IdeaCursor(ideas[^1].ReceivedAt, ideas[^1].Id) : null);
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<IdeaSummary>> SummariesAsync(System.Data.Common.DbConnection connection, List<Row> rows)
    {
        var themes = rows.Count == 0
            ? Enumerable.Empty<(string IdeaId, string ThemeId)>().ToLookup(t => t.IdeaId, t => t.ThemeId)
            : (await connection.QueryAsync<(string IdeaId, string ThemeId)>(database.Pick(IdeaSearch.SqliteThemes, IdeaSearch.SqlServerThemes),
                new { ids = Sql.JsonList(rows.Select(r => r.Id)) }).ConfigureAwait(false)).ToLookup(t => t.IdeaId, t => t.ThemeId);
        return rows.Select(r => new IdeaSummary(r.Id, r.NeighbourhoodId, r.RedactedText, themes[r.Id].ToList(),
            Enum.Parse<SentimentLabel>(r.Sentiment), Enum.Parse<IdeaStatus>(r.Status), UnixTime.At(r.ReceivedAt))).ToList();
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
