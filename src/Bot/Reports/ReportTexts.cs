using System.Globalization;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Reports;

namespace VeerkrachtBot.Bot.Reports;

/// <summary>The report's words: plain Dutch (B1) first, English second.</summary>
public static class ReportTexts
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>Short names of the goals (the statement itself is the programme manager's wording).</summary>
    public static (string Nl, string En) Goal(string key) => key switch
    {
        PulseGoals.Agency => ("Invloed", "Having a say"),
        PulseGoals.Opportunities => ("Kansen", "Opportunities"),
        PulseGoals.Liveability => ("Prettig wonen", "Liveability"),
        PulseGoals.Nuisance => ("Weinig overlast", "Little nuisance"),
        PulseGoals.Health => ("Gezondheid", "Health"),
        PulseGoals.Community => ("Elkaar helpen", "Helping each other"),
        _ => (key, key),
    };

    public static (string Nl, string En) Status(IdeaStatus status) => status switch
    {
        IdeaStatus.Received => ("Ontvangen", "Received"),
        IdeaStatus.InDiscussion => ("Wordt besproken", "In discussion"),
        IdeaStatus.Planned => ("Gepland", "Planned"),
        IdeaStatus.Done => ("Gedaan", "Done"),
        IdeaStatus.NotFeasible => ("Kan niet", "Not feasible"),
        _ => (status.ToString(), status.ToString()),
    };

    public static string AgeBand(string band) => band == "65+" ? "65 jaar en ouder" : band.Replace("-", " tot en met ", StringComparison.Ordinal) + " jaar";

    /// <summary>The period as people say it: "2026 kwartaal 4" / "november 2026".</summary>
    public static string Period(PulsePeriod period) => period.Length switch
    {
        PulsePeriodLength.Month => new DateTime(period.Year, period.Index, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMMM yyyy", Dutch),
        PulsePeriodLength.Quarter => string.Create(Dutch, $"kwartaal {period.Index} {period.Year}"),
        _ => period.Key,
    };

    /// <summary>A count, or "minder dan 10" when it is hidden.</summary>
    public static string Count(Figure figure, int min) => figure.Value is { } n ? n.ToString(Dutch) : $"minder dan {min}";

    /// <summary>A count for a CSV cell: the number, or <c>&lt;10</c> when it is hidden.</summary>
    public static string CsvCount(Figure figure, int min) => figure.Value is { } n ? n.ToString(CultureInfo.InvariantCulture) : "<" + min.ToString(CultureInfo.InvariantCulture);

    public static string Score(double value) => value.ToString("0.0", Dutch);

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", Dutch) + "%" : "–";

    public static string Interval(MeanInterval score) => $"{Score(score.Mean)} ({Score(score.Low)} tot {Score(score.High)})";

    public static string Neighbourhoods(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " en " + names[^1],
    };
}
