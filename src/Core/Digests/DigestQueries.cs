using Dapper;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Digests;

/// <summary>How many residents took part in a period.</summary>
public sealed record Participation(int Ideas, int IdeaAuthors, int RsvpResidents, int PollRespondents);

/// <summary>The queries behind professionals' digests: one neighbourhood, one period.</summary>
public interface IDigestQueries
{
    /// <summary>Number of ideas per theme, most first.</summary>
    Task<IReadOnlyList<(string ThemeId, int Ideas)>> IdeasPerThemeAsync(string neighbourhoodId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Number of ideas per sentiment.</summary>
    Task<IReadOnlyDictionary<SentimentLabel, int>> SentimentSplitAsync(string neighbourhoodId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Ideas and distinct residents who shared ideas, answered meetings and answered polls.</summary>
    Task<Participation> ParticipationAsync(string neighbourhoodId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IDigestQueries"/> on the shared database; each query is answered from one covering index.</summary>
public sealed class SqlDigestQueries(IDatabase database) : IDigestQueries
{
    internal const string IdeasPerTheme = """
        SELECT theme_id AS ThemeId, COUNT(*) AS Ideas FROM idea_themes
        WHERE neighbourhood_id = @neighbourhoodId AND received_at >= @from AND received_at < @to
        GROUP BY theme_id ORDER BY COUNT(*) DESC, theme_id
        """;

    internal const string SentimentSplit = """
        SELECT sentiment_label AS Label, COUNT(*) AS Ideas FROM ideas
        WHERE neighbourhood_id = @neighbourhoodId AND received_at >= @from AND received_at < @to
        GROUP BY sentiment_label
        """;

    internal const string IdeaParticipation = """
        SELECT COUNT(*) AS Ideas, COUNT(DISTINCT resident_id) AS Authors FROM ideas
        WHERE neighbourhood_id = @neighbourhoodId AND received_at >= @from AND received_at < @to
        """;

    internal const string RsvpParticipation = """
        SELECT COUNT(DISTINCT resident_id) FROM rsvps
        WHERE neighbourhood_id = @neighbourhoodId AND responded_at >= @from AND responded_at < @to AND status <> 'Declined'
        """;

    internal const string PollParticipation = """
        SELECT COUNT(DISTINCT resident_id) FROM poll_responses
        WHERE neighbourhood_id = @neighbourhoodId AND responded_at >= @from AND responded_at < @to
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string ThemeId, int Ideas)>> IdeasPerThemeAsync(string neighbourhoodId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string ThemeId, long Ideas)>(IdeasPerTheme, Range(neighbourhoodId, from, to)).ConfigureAwait(false);
        return rows.Select(r => (r.ThemeId, (int)r.Ideas)).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<SentimentLabel, int>> SentimentSplitAsync(string neighbourhoodId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Label, long Ideas)>(SentimentSplit, Range(neighbourhoodId, from, to)).ConfigureAwait(false);
        var counts = Enum.GetValues<SentimentLabel>().ToDictionary(l => l, _ => 0);
        foreach (var (label, ideas) in rows)
        {
            counts[Enum.Parse<SentimentLabel>(label)] = (int)ideas;
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task<Participation> ParticipationAsync(string neighbourhoodId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var range = Range(neighbourhoodId, from, to);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ideas = await connection.QuerySingleAsync<(long Ideas, long Authors)>(IdeaParticipation, range).ConfigureAwait(false);
        var rsvps = await connection.ExecuteScalarAsync<long>(RsvpParticipation, range).ConfigureAwait(false);
        var polls = await connection.ExecuteScalarAsync<long>(PollParticipation, range).ConfigureAwait(false);
        return new Participation((int)ideas.Ideas, (int)ideas.Authors, (int)rsvps, (int)polls);
    }

    private static object Range(string neighbourhoodId, DateTimeOffset from, DateTimeOffset to) => new { neighbourhoodId, from = from.Ms(), to = to.Ms() };
}
