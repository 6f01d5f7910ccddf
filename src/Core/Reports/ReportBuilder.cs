using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Reports;

/// <summary>Which neighbourhoods and periods a report covers; null ends mean the last four periods up to now.</summary>
public sealed record ReportRequest(IReadOnlyList<string> NeighbourhoodIds, PulsePeriodLength PeriodLength = PulsePeriodLength.Quarter, PulsePeriod? From = null, PulsePeriod? To = null);

/// <summary>
/// Builds the monitoring report from the database: participation, cohorts, pulse scores, representativeness, themes,
/// groups of similar ideas (the digest's grouping) and what happened. Every figure goes through <see cref="Figure"/>
/// with the report's minimum group size.
/// </summary>
public sealed class ReportBuilder
{
    /// <summary>Most periods in one report (ten years of quarters).</summary>
    public const int MaxPeriods = 40;

    private readonly IDatabase _database;
    private readonly SqlReportSource _source;
    private readonly NeighbourhoodCatalog _neighbourhoods;
    private readonly ReportOptions _options;
    private readonly DigestOptions _digestOptions;
    private readonly TimeProvider _clock;

    /// <summary>Creates the builder on the shared database.</summary>
    public ReportBuilder(IDatabase database, NeighbourhoodCatalog neighbourhoods, IOptions<ReportOptions> options, IOptions<DigestOptions> digestOptions, TimeProvider clock)
    {
        _database = database;
        _source = new SqlReportSource(database);
        _neighbourhoods = neighbourhoods;
        _options = options.Value;
        _digestOptions = digestOptions.Value;
        _clock = clock;
    }

    /// <summary>The report for <paramref name="request"/>; an unknown neighbourhood or a reversed or too long range is refused.</summary>
    public async Task<MonitoringReport> BuildAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        if (request.PeriodLength is not (PulsePeriodLength.Month or PulsePeriodLength.Quarter))
        {
            throw new RuleViolation(RuleCode.InvalidInput, "A report is per month or per quarter.");
        }

        if (request.NeighbourhoodIds.Count == 0)
        {
            throw new RuleViolation(RuleCode.InvalidInput, "A report needs at least one neighbourhood.");
        }

        var ids = request.NeighbourhoodIds.Select(id => _neighbourhoods.Require(id).Id).Distinct(StringComparer.Ordinal).ToList();
        var now = _clock.GetUtcNow();
        var length = request.PeriodLength;
        var last = Align(request.To, length, end: true) ?? PulsePeriod.Of(now, length);
        var first = Align(request.From, length, end: false) ?? last.Previous().Previous().Previous();
        if (string.CompareOrdinal(first.Key, last.Key) > 0)
        {
            throw new RuleViolation(RuleCode.InvalidInput, "The report's start comes after its end.");
        }

        var periods = ReportPeriods.Range(first, last);
        if (periods.Count > MaxPeriods)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A report covers at most {MaxPeriods} periods.");
        }

        var from = ReportPeriods.Start(first);
        var to = ReportPeriods.End(last);
        var min = _options.MinGroupSize;

        var activities = await _source.ActivitiesAsync(ids, to, cancellationToken).ConfigureAwait(false);
        var dated = activities.Select(a => (Row: a, Period: PulsePeriod.Of(DateTimeOffset.FromUnixTimeMilliseconds(a.At), length).Key)).ToList();
        var firstPeriod = dated.Where(a => a.Row.ResidentId is not null)
            .GroupBy(a => a.Row.ResidentId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.Period).Min(StringComparer.Ordinal)!, StringComparer.Ordinal);
        var byPeriod = dated.ToLookup(a => a.Period, a => a.Row, StringComparer.Ordinal);
        HashSet<string> Active(PulsePeriod period) => byPeriod[period.Key].Select(r => r.ResidentId).OfType<string>().ToHashSet(StringComparer.Ordinal);

        var participation = periods.Select(p => Participation(p, byPeriod[p.Key].ToList(), Active(p), Active(p.Previous()), firstPeriod, now)).ToList();
        var cohorts = periods.Select((p, i) => Cohort(p, periods.Skip(i + 1).Select(Active).ToList(), firstPeriod)).ToList();
        var participants = periods.SelectMany(Active).ToHashSet(StringComparer.Ordinal);

        var goals = await GoalsAsync(ids, periods, from, to, cancellationToken).ConfigureAwait(false);
        var representation = await RepresentationAsync(ids, participants, cancellationToken).ConfigureAwait(false);
        var themes = Themes(await _source.ThemesAsync(ids, from, to, cancellationToken).ConfigureAwait(false), periods);
        var clusters = await ClustersAsync(ids, from, to, cancellationToken).ConfigureAwait(false);
        var statuses = Statuses(await _source.StatusesAsync(ids, from, to, cancellationToken).ConfigureAwait(false));
        var explanations = (await _source.ExplanationsAsync(ids, from, to, cancellationToken).ConfigureAwait(false))
            .Take(_options.MaxExplanations)
            .Select(e => new ExplanationLine(Enum.Parse<IdeaStatus>(e.Status), e.ThemeId, PersonalDataRedactor.Redact(e.Explanation).Text, DateTimeOffset.FromUnixTimeMilliseconds(e.ChangedAt)))
            .ToList();
        var meetings = (await _source.MeetingsAsync(ids, now, cancellationToken).ConfigureAwait(false))
            .Take(_options.MaxMeetings)
            .Select(m => new UpcomingMeeting(m.NeighbourhoodId, m.Title, m.Place, DateTimeOffset.FromUnixTimeMilliseconds(m.StartsAt), DateTimeOffset.FromUnixTimeMilliseconds(m.EndsAt)))
            .ToList();

        return new MonitoringReport(ids, length, periods, now, min, participation, cohorts, goals, representation, themes, clusters, statuses, explanations, meetings);
    }

    /// <summary>A period given in another length (a month for a quarter report) becomes the period of that length holding its first or last day.</summary>
    private static PulsePeriod? Align(PulsePeriod? period, PulsePeriodLength length, bool end)
    {
        if (period is not { } p)
        {
            return null;
        }

        if (p.Length == length)
        {
            return p;
        }

        var instant = end ? ReportPeriods.End(p).AddTicks(-1) : ReportPeriods.Start(p);
        return PulsePeriod.Of(instant, length);
    }

    private PeriodParticipation Participation(PulsePeriod period, List<ActivityRow> rows, HashSet<string> active, HashSet<string> previous, Dictionary<string, string> firstPeriod, DateTimeOffset now)
    {
        var min = _options.MinGroupSize;
        var fresh = active.Count(r => firstPeriod[r] == period.Key);
        var returning = active.Count - fresh;
        var dropped = previous.Count(r => !active.Contains(r));

        // New + returning = this period's residents and returning + dropped out = the previous period's: if one of the
        // three were hidden and the others shown, subtraction would give it away, so they are shown together or not at all.
        var split = new[] { fresh, returning, dropped }.Select(v => Figure.Of(v, v, min)).ToArray();
        if (split.Any(f => !f.Shown))
        {
            split = [Figure.Hidden, Figure.Hidden, Figure.Hidden];
        }

        Figure Count(string kind)
        {
            var ofKind = rows.Where(r => r.Kind == kind).ToList();
            return Figure.Of(ofKind.Count, ofKind.Select(r => r.ResidentId).OfType<string>().Distinct(StringComparer.Ordinal).Count(), min);
        }

        var pulseRespondents = rows.Where(r => r.Kind == SqlReportSource.Kinds.Pulse).Select(r => r.ResidentId).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        return new PeriodParticipation(
            period,
            ReportPeriods.End(period) > now,
            Figure.Of(active.Count, active.Count, min),
            split[0],
            split[1],
            split[2],
            Count(SqlReportSource.Kinds.Idea),
            Count(SqlReportSource.Kinds.Rsvp),
            Count(SqlReportSource.Kinds.Attendance),
            Count(SqlReportSource.Kinds.Poll),
            Figure.Of(pulseRespondents, pulseRespondents, min),
            Count(SqlReportSource.Kinds.Evaluation));
    }

    private CohortRow Cohort(PulsePeriod period, List<HashSet<string>> later, Dictionary<string, string> firstPeriod)
    {
        var min = _options.MinGroupSize;
        var members = firstPeriod.Where(f => f.Value == period.Key).Select(f => f.Key).ToList();
        var size = Figure.Of(members.Count, members.Count, min);
        var retained = later.Select(active =>
        {
            var count = members.Count(active.Contains);
            return size.Shown ? Figure.Of(count, count, min) : Figure.Hidden;
        }).ToList();
        return new CohortRow(period, size, retained);
    }

    private async Task<List<GoalTrend>> GoalsAsync(List<string> ids, IReadOnlyList<PulsePeriod> periods, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var min = _options.MinGroupSize;
        var items = await _source.ItemsAsync(cancellationToken).ConfigureAwait(false);
        var answers = await _source.PulseAsync(ids, from, to, cancellationToken).ConfigureAwait(false);
        var length = periods[0].Length;

        // One answer per resident, statement and report period: with a monthly pulse and a quarterly report a resident
        // may have answered three times; the latest answer counts. Answers of erased residents have no author and
        // each counts once.
        var latest = answers
            .Select(a => (Answer: a, Period: PulsePeriod.Of(DateTimeOffset.FromUnixTimeMilliseconds(a.AnsweredAt), length).Key))
            .GroupBy(a => a.Answer.ResidentId is null ? (object)a : (a.Answer.ResidentId, a.Answer.ItemKey, a.Period))
            .Select(g => g.MaxBy(a => a.Answer.AnsweredAt))
            .ToLookup(a => (a.Answer.ItemKey, a.Period));

        return items.Where(i => i.Active || answers.Any(a => a.ItemKey == i.Key)).Select(item => new GoalTrend(item.Key, item.TextNl, item.TextEn, periods.Select(p =>
        {
            var given = latest[(item.Key, p.Key)].ToList();
            var scores = given.Select(a => a.Answer.Score).OfType<long>().Select(s => (int)s).ToList();
            var dontKnow = given.Count - scores.Count;
            return new GoalPeriod(p, Figure.Of(scores.Count, scores.Count, min), Figure.Of(dontKnow, dontKnow, min), scores.Count >= min ? MeanInterval.Of(scores) : null);
        }).ToList())).ToList();
    }

    private async Task<Representation> RepresentationAsync(List<string> ids, HashSet<string> participants, CancellationToken cancellationToken)
    {
        var min = _options.MinGroupSize;
        var ageBands = await _source.AgeBandsAsync(cancellationToken).ConfigureAwait(false);
        var population = (await _source.PopulationAsync(ids, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.AgeBand, StringComparer.Ordinal);
        var counts = BackgroundBands.AgeBands.ToDictionary(b => b, b => participants.Count(r => ageBands.TryGetValue(r, out var band) && band == b), StringComparer.Ordinal);
        var total = counts.Values.Sum();
        var withBand = Figure.Of(total, total, min);
        var figures = Disclosure.Parts(BackgroundBands.AgeBands.Select(b => (counts[b], counts[b])).ToList(), min)
            .Select((f, i) => (Band: BackgroundBands.AgeBands[i], Figure: withBand.Shown ? f : Figure.Hidden))
            .ToDictionary(x => x.Band, x => x.Figure, StringComparer.Ordinal);

        var compared = _options.ComparedAgeBands.Where(b => BackgroundBands.AgeBands.Contains(b, StringComparer.Ordinal)).ToList();
        var comparedTotal = compared.Sum(b => counts[b]);
        var populationTotal = compared.Sum(b => population.TryGetValue(b, out var p) ? p.Population : 0);
        var bands = compared.Select(b =>
        {
            int? people = population.TryGetValue(b, out var p) ? (int)p.Population : null;
            double? populationShare = people is { } n && populationTotal > 0 ? (double)n / populationTotal : null;
            var shown = figures[b];
            double? share = shown.Shown && comparedTotal > 0 ? (double)counts[b] / comparedTotal : null;

            // The flag uses the true count even when the count itself is hidden: "reached less than half as well" says
            // nothing about any one resident, and hiding it would hide exactly the groups the programme must look for.
            var flagged = withBand.Shown && comparedTotal > 0 && populationShare is { } ps && (double)counts[b] / comparedTotal < _options.UnderRepresentedRatio * ps;
            return new AgeBandShare(b, people, populationShare, shown, share, flagged);
        }).ToList();
        var source = population.Count == 0 ? null : string.Join(", ", population.Values.Select(p => p.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return new Representation(withBand, source, bands);
    }

    private List<ThemeTrend> Themes(List<ThemeRow> rows, IReadOnlyList<PulsePeriod> periods)
    {
        var min = _options.MinGroupSize;
        var length = periods[0].Length;
        return rows.GroupBy(r => r.ThemeId, StringComparer.Ordinal)
            .Select(g =>
            {
                var total = Figure.Of(g.Select(r => r.IdeaId).Distinct(StringComparer.Ordinal).Count(), Residents(g), min);
                var byPeriod = g.ToLookup(r => PulsePeriod.Of(DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt), length).Key, StringComparer.Ordinal);
                return new ThemeTrend(g.Key, total, periods.Select(p => Figure.Of(byPeriod[p.Key].Select(r => r.IdeaId).Distinct(StringComparer.Ordinal).Count(), Residents(byPeriod[p.Key]), min)).ToList());
            })
            .Where(t => t.Total.Shown)
            .OrderByDescending(t => t.Total.Value).ThenBy(t => t.ThemeId, StringComparer.Ordinal)
            .ToList();

        static int Residents(IEnumerable<ThemeRow> rows) => rows.Select(r => r.ResidentId).OfType<string>().Distinct(StringComparer.Ordinal).Count();
    }

    private async Task<List<RaisedCluster>> ClustersAsync(List<string> ids, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (_options.MaxClusters == 0)
        {
            return [];
        }

        // The digest's grouping over the whole range, with the report's (stricter) minimum group size.
        var options = new DigestOptions
        {
            MinGroupSize = _options.MinGroupSize,
            MinPercentageBase = Math.Max(_options.MinGroupSize, _digestOptions.MinPercentageBase),
            MaxClusters = _options.MaxClusters,
            MaxFlagged = 0,
            MaxStatusChanges = 0,
            MaxWaiting = 0,
            QuoteLength = _digestOptions.QuoteLength,
            Clustering = _digestOptions.Clustering,
        };
        var builder = new DigestBuilder(_database, _neighbourhoods, Options.Create(options), _clock);
        var digest = await builder.BuildAsync(new DigestFilter(ids, []), new DigestPeriod(DigestPeriodKind.Month, from, to), cancellationToken).ConfigureAwait(false);
        return digest.Clusters.Select(c => new RaisedCluster(c.Label, c.ThemeIds, c.Residents, c.Ideas)).ToList();
    }

    private List<StatusCount> Statuses(List<StatusRow> rows)
    {
        var statuses = Enum.GetValues<IdeaStatus>();
        var parts = statuses.Select(s =>
        {
            var of = rows.Where(r => r.Status == s.ToString()).ToList();
            return (of.Count, of.Select(r => r.ResidentId).OfType<string>().Distinct(StringComparer.Ordinal).Count());
        }).ToList();
        return Disclosure.Parts(parts, _options.MinGroupSize).Select((f, i) => new StatusCount(statuses[i], f)).ToList();
    }
}
