using Dapper;
using MathNet.Numerics.Distributions;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Polls;

/// <summary>How many residents gave one answer (1–5), and their share in whole percent.</summary>
public sealed record ScoreCount(int Score, int Count, int Percent);

/// <summary>The mean answer with its 95 % confidence interval (Student's t, n − 1 degrees of freedom).</summary>
public sealed record MeanInterval(double Mean, double Lower, double Upper, int Count);

/// <summary>Respondents from one of the poll's neighbourhoods.</summary>
public sealed record NeighbourhoodRespondents(string NeighbourhoodId, Figure Respondents);

/// <summary>What the comments say: how many, their sentiment, the phrases they share, and a few redacted comments.</summary>
/// <param name="Comments">Number of comments (hidden when few).</param>
/// <param name="SentimentPercentages">Sentiment in whole percent, only from the minimum base for percentages.</param>
/// <param name="TopPhrases">Key phrases found in more than one comment, most frequent first.</param>
/// <param name="Quotes">Up to three redacted comments (the latest negative, positive and other one), only from the minimum group size.</param>
public sealed record CommentSummary(Figure Comments, IReadOnlyDictionary<SentimentLabel, int>? SentimentPercentages, IReadOnlyList<string> TopPhrases, IReadOnlyList<string> Quotes);

/// <summary>A poll's results at a moment, with every figure below the minimum group size hidden.</summary>
/// <param name="Poll">The poll.</param>
/// <param name="At">When the results were read.</param>
/// <param name="Open">Whether it still takes answers (the numbers may change).</param>
/// <param name="Respondents">Residents who answered.</param>
/// <param name="Distribution">Answers 1–5, only from the minimum base for percentages.</param>
/// <param name="Mean">The mean with its 95 % interval, only from the minimum group size.</param>
/// <param name="PerNeighbourhood">Respondents per neighbourhood of the poll.</param>
/// <param name="Comments">The comments.</param>
/// <param name="MinGroupSize">Fewest residents behind a figure that is shown.</param>
public sealed record PollResultsReport(
    Poll Poll,
    DateTimeOffset At,
    bool Open,
    Figure Respondents,
    IReadOnlyList<ScoreCount>? Distribution,
    MeanInterval? Mean,
    IReadOnlyList<NeighbourhoodRespondents> PerNeighbourhood,
    CommentSummary Comments,
    int MinGroupSize);

/// <summary>Reads a poll's results for professionals: distribution, mean with interval, neighbourhoods, comments.</summary>
public sealed class PollResultsService(IDatabase database, IPollStore polls, LocalTextAnalyzer analyzer, IOptions<DigestOptions> options, TimeProvider clock)
{
    internal const string SelectAnswers = """
        SELECT neighbourhood_id AS NeighbourhoodId, score AS Score, comment AS Comment, responded_at AS RespondedAt
        FROM poll_responses WHERE poll_id = @pollId ORDER BY responded_at, id
        """;

    /// <summary>The results so far, or a <see cref="RuleViolation"/> when there is no such poll.</summary>
    public async Task<PollResultsReport> ResultsAsync(string pollId, CancellationToken cancellationToken = default)
    {
        var poll = await polls.GetAsync(pollId, cancellationToken).ConfigureAwait(false) ?? throw new RuleViolation(RuleCode.NotFound, $"There is no poll '{pollId}'.");
        List<(string? NeighbourhoodId, int Score, string? Comment, long RespondedAt)> answers;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            answers = (await connection.QueryAsync<(string? NeighbourhoodId, int Score, string? Comment, long RespondedAt)>(
                new CommandDefinition(SelectAnswers, new { pollId }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        }

        var min = options.Value.MinGroupSize;
        var minBase = options.Value.MinPercentageBase;
        var n = answers.Count;
        var now = clock.GetUtcNow();
        var scores = answers.Select(a => (double)a.Score).ToList();
        var distribution = n >= minBase
            ? Enumerable.Range(Poll.MinScore, Poll.MaxScore).Select(s =>
            {
                var count = answers.Count(a => a.Score == s);
                return new ScoreCount(s, count, (int)Math.Round(100.0 * count / n, MidpointRounding.AwayFromZero));
            }).ToList()
            : null;
        return new PollResultsReport(
            poll,
            now,
            poll.IsOpenAt(now),
            Figure.Of(n, n, min),
            distribution,
            n >= Math.Max(min, 2) ? Interval(scores) : null,
            PerNeighbourhood(poll, answers.Select(a => a.NeighbourhoodId).ToList(), min),
            Comments(answers.Where(a => !string.IsNullOrWhiteSpace(a.Comment)).Select(a => (a.Comment!, a.RespondedAt)).ToList(), min, minBase),
            min);
    }

    /// <summary>Mean and 95 % t-interval of at least two answers.</summary>
    public static MeanInterval Interval(IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Count, 2);
        var n = values.Count;
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new MeanInterval(mean, mean - half, mean + half, n);
    }

    private static List<NeighbourhoodRespondents> PerNeighbourhood(Poll poll, List<string?> neighbourhoodOfAnswer, int min)
    {
        var counts = poll.NeighbourhoodIds.Select(id => (Id: id, Count: neighbourhoodOfAnswer.Count(n => string.Equals(n, id, StringComparison.OrdinalIgnoreCase)))).ToList();
        var hidden = counts.Where(c => c.Count is > 0 && c.Count < min).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (hidden.Count == 1 && counts.Count > 1)
        {
            // One hidden part of a shown total would follow by subtraction: hide the next smallest one too.
            hidden.Add(counts.Where(c => !hidden.Contains(c.Id)).OrderBy(c => c.Count).ThenBy(c => c.Id, StringComparer.Ordinal).First().Id);
        }

        return counts.Select(c => new NeighbourhoodRespondents(c.Id, hidden.Contains(c.Id) ? Figure.Hidden : Figure.Of(c.Count, c.Count, min))).ToList();
    }

    private CommentSummary Comments(List<(string Text, long At)> comments, int min, int minBase)
    {
        var count = Figure.Of(comments.Count, comments.Count, min);
        if (comments.Count < min)
        {
            return new CommentSummary(count, null, [], []);
        }

        var analysed = comments.Select(c =>
        {
            var analysis = analyzer.Analyze(c.Text);
            return (Text: analysis.RedactedText, c.At, analysis.Sentiment.Label, analysis.KeyPhrases);
        }).ToList();
        var sentiment = comments.Count >= minBase
            ? Enum.GetValues<SentimentLabel>().ToDictionary(l => l, l => (int)Math.Round(100.0 * analysed.Count(a => a.Label == l) / analysed.Count, MidpointRounding.AwayFromZero))
            : null;
        var phrases = analysed.SelectMany(a => a.KeyPhrases.Distinct(StringComparer.Ordinal))
            .GroupBy(p => p, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(5).Select(g => g.Key).ToList();
        var latest = analysed.OrderByDescending(a => a.At).ToList();
        var quotes = new[]
            {
                latest.FirstOrDefault(a => a.Label == SentimentLabel.Negative),
                latest.FirstOrDefault(a => a.Label == SentimentLabel.Positive),
                latest.FirstOrDefault(a => a.Label is SentimentLabel.Neutral or SentimentLabel.Mixed),
            }
            .Where(a => a.Text is not null)
            .Select(a => Quotes.Shorten(a.Text, options.Value.QuoteLength))
            .ToList();
        return new CommentSummary(count, sentiment, phrases, quotes);
    }
}
