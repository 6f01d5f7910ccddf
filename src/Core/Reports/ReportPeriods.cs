using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Pulse;

namespace VeerkrachtBot.Core.Reports;

/// <summary>The instants a pulse period covers (start inclusive, end exclusive), in Amsterdam's calendar.</summary>
public static class ReportPeriods
{
    /// <summary>Midnight in Amsterdam on the period's first day.</summary>
    public static DateTimeOffset Start(PulsePeriod period) => AmsterdamTime.FromLocal(new DateTime(period.Year, FirstMonth(period), 1, 0, 0, 0, DateTimeKind.Unspecified));

    /// <summary>The start of the next period.</summary>
    public static DateTimeOffset End(PulsePeriod period) => Start(period.Next());

    /// <summary>Every period from <paramref name="first"/> to <paramref name="last"/>, both included, in time order.</summary>
    public static IReadOnlyList<PulsePeriod> Range(PulsePeriod first, PulsePeriod last)
    {
        if (first.Length != last.Length)
        {
            throw new ArgumentException("Both ends of a range need the same period length.", nameof(last));
        }

        var periods = new List<PulsePeriod>();
        for (var p = first; string.CompareOrdinal(p.Key, last.Key) <= 0; p = p.Next())
        {
            periods.Add(p);
        }

        return periods;
    }

    private static int FirstMonth(PulsePeriod period) => period.Length switch
    {
        PulsePeriodLength.Month => period.Index,
        PulsePeriodLength.Quarter => ((period.Index - 1) * 3) + 1,
        PulsePeriodLength.HalfYear => ((period.Index - 1) * 6) + 1,
        _ => 1,
    };
}
