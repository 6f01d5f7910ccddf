using System.Globalization;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>The words of the professionals' digest and poll-results cards: Dutch, plain and short.</summary>
public static class DigestTexts
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");

    public static string Title(DigestPeriodKind kind, string neighbourhoods) =>
        (kind == DigestPeriodKind.Month ? "Maandoverzicht " : "Weekoverzicht ") + neighbourhoods;

    public static string PeriodName(DigestPeriodKind kind) => kind == DigestPeriodKind.Month ? "maand" : "week";

    /// <summary>"2 – 8 maart 2026", "28 februari – 6 maart 2026", "maart 2026".</summary>
    public static string Dates(DigestPeriod period)
    {
        if (period.Kind == DigestPeriodKind.Month)
        {
            return period.FirstDay.ToString("MMMM yyyy", Culture);
        }

        var (first, last) = (period.FirstDay, period.LastDay);
        return first.Month == last.Month
            ? $"{first.Day} – {last.ToString("d MMMM yyyy", Culture)}"
            : first.Year == last.Year
                ? $"{first.ToString("d MMMM", Culture)} – {last.ToString("d MMMM yyyy", Culture)}"
                : $"{first.ToString("d MMMM yyyy", Culture)} – {last.ToString("d MMMM yyyy", Culture)}";
    }

    public static string Themes(IReadOnlyList<string> labels) => labels.Count == 0 ? "alle thema's" : "thema's: " + string.Join(", ", labels);

    public static string NothingNew(Digest digest, string neighbourhoods) =>
        $"Niets nieuws uit {neighbourhoods} deze {PeriodName(digest.Period.Kind)} ({Dates(digest.Period)}): geen ideeën, aanmeldingen, peilingantwoorden of statuswijzigingen.";

    public static string Residents(Figure figure, int min) => figure.Value is { } n ? $"{n} {(n == 1 ? "bewoner" : "bewoners")}" : $"minder dan {min} bewoners";

    public static string Count(Figure figure, int min, string one, string many) => figure.Value is { } n ? $"{n} {(n == 1 ? one : many)}" : $"minder dan {min} {many}";

    /// <summary>"+8 t.o.v. vorige week"; empty when there is nothing to compare.</summary>
    public static string Change(int? change, DigestPeriodKind kind) => change switch
    {
        null => "",
        0 => $"evenveel als vorige {PeriodName(kind)}",
        > 0 => $"+{change} t.o.v. vorige {PeriodName(kind)}",
        _ => $"{change} t.o.v. vorige {PeriodName(kind)}",
    };

    public static string Trend(ConcernCluster cluster, int min, DigestPeriodKind kind) => cluster.Trend switch
    {
        ClusterTrend.New => "nieuw",
        ClusterTrend.Grown => cluster.PreviousResidents.Value is { } before
            ? $"groeit (vorige {PeriodName(kind)} {before})"
            : $"groeit (vorige {PeriodName(kind)} minder dan {min})",
        _ => "",
    };

    public static string Sentiment(SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => "positief",
        SentimentLabel.Negative => "negatief",
        SentimentLabel.Mixed => "gemengd",
        _ => "neutraal",
    };

    public static string Flag(IdeaFlag flag) => flag switch
    {
        IdeaFlag.Urgent => "Spoed",
        IdeaFlag.Safety => "Veiligheid",
        _ => "",
    };

    public static string Status(IdeaStatus status) => status switch
    {
        IdeaStatus.Received => "ontvangen",
        IdeaStatus.InDiscussion => "in bespreking",
        IdeaStatus.Planned => "gepland",
        IdeaStatus.Done => "gedaan",
        IdeaStatus.NotFeasible => "niet mogelijk",
        _ => status.ToString(),
    };

    public static string Day(DateTimeOffset instant) => AmsterdamTime.ToLocal(instant).ToString("ddd d MMM", Culture);

    public static string DayAndTime(DateTimeOffset instant) => AmsterdamTime.ToLocal(instant).ToString("ddd d MMM HH:mm", Culture);

    public static string Days(int days) => days == 1 ? "1 dag" : $"{days} dagen";

    public static string Number(double value) => value.ToString("0.0", Culture);

    public static string PollState(PollStatus status, bool open, DateTimeOffset closesAt) =>
        open ? $"open tot {DayAndTime(closesAt)}" : status == PollStatus.Closed || !open ? "gesloten" : "open";

    public static string Answer(int score) => score switch
    {
        1 => "1 Heel slecht",
        2 => "2 Slecht",
        3 => "3 Gaat wel",
        4 => "4 Goed",
        5 => "5 Heel goed",
        _ => score.ToString(CultureInfo.InvariantCulture),
    };
}
