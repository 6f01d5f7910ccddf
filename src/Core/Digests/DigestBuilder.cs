using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Digests.Clustering;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Digests;

/// <summary>
/// Builds the digest of a period for professionals: participation against the previous period, what residents
/// raised grouped by concern (flagged concerns first), themes and sentiment, status changes and the ideas waiting
/// longest, meetings and polls. Channel neutral; the Bot renders it as a card.
/// </summary>
public sealed class DigestBuilder
{
    private readonly SqlDigestSource _source;
    private readonly NeighbourhoodCatalog _neighbourhoods;
    private readonly DigestOptions _options;
    private readonly TimeProvider _clock;
    private readonly IIdeaFlagRule _flags;

    /// <summary>Creates the builder on the shared database.</summary>
    public DigestBuilder(IDatabase database, NeighbourhoodCatalog neighbourhoods, IOptions<DigestOptions> options, TimeProvider clock, IIdeaFlagRule? flags = null)
    {
        _source = new SqlDigestSource(database);
        _neighbourhoods = neighbourhoods;
        _options = options.Value;
        _clock = clock;
        _flags = flags ?? new SafetyFirstRule();
    }

    /// <summary>The digest of <paramref name="period"/> for <paramref name="filter"/>.</summary>
    public Task<Digest> BuildAsync(DigestFilter filter, DigestPeriod period, CancellationToken cancellationToken = default) =>
        BuildAsync(filter, period, null, cancellationToken);

    /// <summary>The same, reporting each phase's elapsed time to <paramref name="phase"/> (bench-digest prints them).</summary>
    internal async Task<Digest> BuildAsync(DigestFilter filter, DigestPeriod period, Action<string, TimeSpan>? phase, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        void Done(string name)
        {
            phase?.Invoke(name, watch.Elapsed);
            watch.Restart();
        }

        if (filter.NeighbourhoodIds.Count == 0)
        {
            throw new RuleViolation(RuleCode.InvalidInput, "A digest needs at least one neighbourhood.");
        }

        filter = filter with { NeighbourhoodIds = filter.NeighbourhoodIds.Select(id => _neighbourhoods.Require(id).Id).Distinct().ToList() };
        var neighbourhoods = filter.NeighbourhoodIds;
        var previous = period.Previous();
        var next = period.Next();

        var ideas = await _source.IdeasAsync(neighbourhoods, period.Start, period.End, cancellationToken).ConfigureAwait(false);
        var previousIdeas = await _source.IdeasAsync(neighbourhoods, previous.Start, previous.End, cancellationToken).ConfigureAwait(false);
        Done("ideas");
        var counts = await _source.ParticipationAsync(neighbourhoods, period.Start, period.End, cancellationToken).ConfigureAwait(false);
        var previousCounts = await _source.ParticipationAsync(neighbourhoods, previous.Start, previous.End, cancellationToken).ConfigureAwait(false);
        Done("participation");
        var (changes, changedIdeas) = await _source.StatusChangesAsync(neighbourhoods, period.Start, period.End, cancellationToken).ConfigureAwait(false);
        Done("status");
        var waiting = await _source.WaitingAsync(neighbourhoods, filter.ThemeIds, period.End, _options.MaxWaiting, cancellationToken).ConfigureAwait(false);
        Done("waiting");
        var meetings = await _source.MeetingsAsync(neighbourhoods, period.Start, next.End, cancellationToken).ConfigureAwait(false);
        var polls = await _source.PollsAsync(neighbourhoods, period.Start, period.End, cancellationToken).ConfigureAwait(false);
        Done("meetings+polls");

        var current = ideas.Where(i => filter.Matches(i.ThemeIds)).ToList();
        var earlier = previousIdeas.Where(i => filter.Matches(i.ThemeIds)).ToList();
        var (clusters, outside) = Clusters(current, earlier);
        Done("grouping");
        var shownIdeas = clusters.SelectMany(c => c.IdeaIds).ToHashSet(StringComparer.Ordinal);
        var flagged = current
            .Where(i => !shownIdeas.Contains(i.Id) && i.Text.Length > 0)
            .Select(i => (Idea: i, Flag: _flags.Flag(i)))
            .Where(x => x.Flag != IdeaFlag.None)
            .OrderByDescending(x => x.Flag).ThenByDescending(x => x.Idea.ReceivedAt).ThenBy(x => x.Idea.Id, StringComparer.Ordinal)
            .Take(_options.MaxFlagged)
            .Select(x => Line(x.Idea, x.Flag))
            .ToList();

        var changedById = changedIdeas.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var matchingChanges = changes.Where(c => changedById.TryGetValue(c.IdeaId, out var idea) && filter.Matches(idea.ThemeIds)).ToList();

        var min = _options.MinGroupSize;
        var digest = new Digest(
            filter,
            period,
            _clock.GetUtcNow(),
            min,
            _options.MinPercentageBase,
            Participation(counts, ideas),
            Participation(previousCounts, previousIdeas),
            clusters,
            outside,
            flagged,
            Themes(current, filter),
            Sentiment(current),
            matchingChanges.Take(_options.MaxStatusChanges)
                .Select(c => new StatusChangeLine(Line(changedById[c.IdeaId], _flags.Flag(changedById[c.IdeaId])), c.Status, c.Explanation, c.ChangedAt)).ToList(),
            matchingChanges.Count,
            waiting.Select(i => new WaitingLine(Line(i, _flags.Flag(i)), (int)Math.Floor((period.End - i.ReceivedAt).TotalDays))).ToList(),
            meetings.Select(m => new MeetingLine(m.Id, m.NeighbourhoodId, m.Title, m.StartsAt, m.EndsAt, m.Capacity,
                Figure.Of(m.Confirmed, m.Confirmed, min), Figure.Of(m.Waiting, m.Waiting, min), Figure.Of(m.Maybe, m.Maybe, min),
                m.ConfirmedPlaces >= m.Capacity, m.StartsAt >= period.End)).ToList(),
            polls.Select(p => new PollLine(p.Id, p.AgendaItem, p.Question, p.Status, p.ClosesAt,
                p.Status == Polls.PollStatus.Open && p.ClosesAt > _clock.GetUtcNow(),
                Figure.Of(p.Respondents, p.Respondents, min), p.Respondents >= min ? p.Mean : null)).ToList(),
            IsEmpty: current.Count == 0 && counts.Rsvps == 0 && counts.PollAnswers == 0 && matchingChanges.Count == 0);
        Done("rest");
        return digest;
    }

    private DigestParticipation Participation(ParticipationCounts counts, List<DigestIdea> ideas)
    {
        var min = _options.MinGroupSize;
        var authors = ideas.Select(i => i.ResidentId).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        var residents = Figure.Of(counts.Residents, counts.Residents, min);
        var (fresh, returning) = residents.Shown ? Figure.Split(counts.NewResidents, counts.Residents - counts.NewResidents, min) : (Figure.Hidden, Figure.Hidden);
        return new DigestParticipation(
            residents,
            fresh,
            returning,
            Figure.Of(ideas.Count, authors, min),
            Figure.Of(counts.Rsvps, counts.RsvpResidents, min),
            Figure.Of(counts.PollAnswers, counts.PollRespondents, min));
    }

    private (List<ConcernCluster> Clusters, Figure Outside) Clusters(List<DigestIdea> current, List<DigestIdea> earlier)
    {
        var ideas = current.Where(i => i.Text.Length > 0).ToList();
        var before = earlier.Where(i => i.Text.Length > 0).ToList();
        var items = ideas.Select(Item).ToList();
        var (groups, vectors, beforeVectors) = ConcernClusterer.Run(items, before.Select(Item).ToList(), _options.Clustering);
        var min = _options.MinGroupSize;
        var shown = groups
            .Select(g => (Group: g, Ideas: g.Select(i => ideas[i]).OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList()))
            .Select(g => (g.Group, g.Ideas, Residents: Residents(g.Ideas), Flag: g.Ideas.Max(_flags.Flag)))
            .Where(g => g.Residents >= min)
            .OrderByDescending(g => g.Flag)
            .ThenByDescending(g => g.Residents)
            .ThenByDescending(g => g.Ideas.Count)
            .ThenBy(g => g.Ideas.Select(i => i.Id).Min(StringComparer.Ordinal), StringComparer.Ordinal)
            .Take(_options.MaxClusters)
            .ToList();

        // The previous period was not grouped: an idea of it counts for the shown concern it is closest to, when it is as
        // close to that concern as the concern's own ideas must be to each other (the mean similarity threshold).
        var sums = shown.Select(g => (Sum: ConcernClusterer.Sum(vectors, g.Group), Size: g.Group.Count)).ToList();
        var earlierOf = shown.Select(_ => new List<DigestIdea>()).ToList();
        for (var p = 0; p < before.Count; p++)
        {
            // The most similar concern; on a tie the one shown first.
            var best = -1;
            var bestSimilarity = 0.0;
            for (var c = 0; c < sums.Count; c++)
            {
                var similarity = beforeVectors[p].Dot(sums[c].Sum) / sums[c].Size;
                if (similarity >= _options.Clustering.Threshold && (best < 0 || similarity > bestSimilarity))
                {
                    (best, bestSimilarity) = (c, similarity);
                }
            }

            if (best >= 0)
            {
                earlierOf[best].Add(before[p]);
            }
        }

        var clusters = shown.Select((g, c) =>
        {
            var previous = Residents(earlierOf[c]);
            var quote = ideas[ConcernClusterer.Representative(items, vectors, g.Group, g.Group)];
            return new ConcernCluster(
                g.Ideas.Select(i => i.Id).Min(StringComparer.Ordinal)!,
                Label(g.Ideas),
                CommonThemes(g.Ideas),
                g.Ideas.Select(i => i.NeighbourhoodId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                g.Residents,
                g.Ideas.Count,
                g.Ideas.GroupBy(i => i.Sentiment).OrderByDescending(s => s.Count()).ThenByDescending(s => SentimentWeight(s.Key)).First().Key,
                Shorten(quote.Text),
                previous == 0 ? ClusterTrend.New : g.Residents > previous ? ClusterTrend.Grown : ClusterTrend.Steady,
                Figure.Of(previous, previous, min),
                g.Flag,
                g.Ideas.Select(i => i.Id).ToList());
        }).ToList();

        var inShown = clusters.SelectMany(c => c.IdeaIds).ToHashSet(StringComparer.Ordinal);
        var rest = current.Where(i => !inShown.Contains(i.Id)).ToList();
        return (clusters, Figure.Of(rest.Count, Residents(rest), min));

        static ClusterItem Item(DigestIdea idea) => new(idea.Id, idea.Text, idea.Language, idea.ThemeIds);
    }

    private List<ThemeFigure> Themes(List<DigestIdea> current, DigestFilter filter) =>
        current.SelectMany(i => i.ThemeIds.Distinct(StringComparer.Ordinal).Select(t => (Theme: t, Idea: i)))
            .Where(x => filter.ThemeIds.Count == 0 || filter.ThemeIds.Contains(x.Theme, StringComparer.Ordinal))
            .GroupBy(x => x.Theme, StringComparer.Ordinal)
            .Select(g => new ThemeFigure(g.Key, g.Count(), Residents(g.Select(x => x.Idea))))
            .Where(t => t.Residents >= _options.MinGroupSize)
            .OrderByDescending(t => t.Ideas).ThenBy(t => t.ThemeId, StringComparer.Ordinal)
            .ToList();

    private SentimentSplit? Sentiment(List<DigestIdea> current)
    {
        if (Residents(current) < _options.MinPercentageBase)
        {
            return null;
        }

        var percentages = Enum.GetValues<SentimentLabel>().ToDictionary(l => l, l => (int)Math.Round(100.0 * current.Count(i => i.Sentiment == l) / current.Count, MidpointRounding.AwayFromZero));
        return new SentimentSplit(current.Count, percentages);
    }

    private DigestIdeaLine Line(DigestIdea idea, IdeaFlag flag) => new(idea.Id, idea.NeighbourhoodId, idea.ThemeIds, Shorten(idea.Text), idea.ReceivedAt, flag);

    private static int Residents(IEnumerable<DigestIdea> ideas) => ideas.Select(i => i.ResidentId).OfType<string>().Distinct(StringComparer.Ordinal).Count();

    /// <summary>The key phrases shared by most ideas (by Dutch ideas when there are any: professionals read Dutch).</summary>
    private static string Label(List<DigestIdea> ideas)
    {
        var source = ideas.Any(i => i.Language == "nl" && i.KeyPhrases.Count > 0) ? ideas.Where(i => i.Language == "nl").ToList() : ideas;
        var phrases = source.SelectMany(i => i.KeyPhrases.Distinct(StringComparer.Ordinal))
            .GroupBy(p => p, StringComparer.Ordinal)
            .Select(g => (Phrase: g.Key, Count: g.Count()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Phrase.Length).ThenBy(p => p.Phrase, StringComparer.Ordinal)
            .ToList();
        var shared = phrases.Where(p => p.Count >= 2).Take(3).Select(p => p.Phrase).ToList();
        return string.Join(", ", shared.Count > 0 ? shared : phrases.Take(2).Select(p => p.Phrase));
    }

    private static List<string> CommonThemes(List<DigestIdea> ideas) =>
        ideas.SelectMany(i => i.ThemeIds.Distinct(StringComparer.Ordinal))
            .GroupBy(t => t, StringComparer.Ordinal)
            .Select(g => (Theme: g.Key, Count: g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Theme, StringComparer.Ordinal)
            .Where((t, index) => index == 0 || t.Count * 2 >= ideas.Count)
            .Take(3)
            .Select(t => t.Theme)
            .ToList();

    /// <summary>On a tie, the more worrying sentiment wins: a digest should not make a concern look milder.</summary>
    private static int SentimentWeight(SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => 3,
        SentimentLabel.Mixed => 2,
        SentimentLabel.Neutral => 1,
        _ => 0,
    };

    private string Shorten(string text) => Quotes.Shorten(text, _options.QuoteLength);
}
