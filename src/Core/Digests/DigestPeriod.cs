using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Core.Digests;

/// <summary>How long a digest looks back.</summary>
public enum DigestPeriodKind
{
    /// <summary>Monday 00:00 to the next Monday 00:00, Europe/Amsterdam.</summary>
    Week,

    /// <summary>The first of the month 00:00 to the first of the next month 00:00, Europe/Amsterdam.</summary>
    Month,
}

/// <summary>A digest's period: a calendar week or month in Amsterdam time, as instants (start inclusive, end exclusive).</summary>
public sealed record DigestPeriod(DigestPeriodKind Kind, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The week or month that holds <paramref name="instant"/>.</summary>
    public static DigestPeriod Containing(DateTimeOffset instant, DigestPeriodKind kind)
    {
        var day = DateOnly.FromDateTime(AmsterdamTime.ToLocal(instant).DateTime);
        var first = kind == DigestPeriodKind.Week
            ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7))
            : new DateOnly(day.Year, day.Month, 1);
        return Starting(first, kind);
    }

    /// <summary>The last whole period that ended at or before <paramref name="instant"/> (what a digest sent then is about).</summary>
    public static DigestPeriod LastCompleteBefore(DateTimeOffset instant, DigestPeriodKind kind) => Containing(instant, kind).Previous();

    /// <summary>The period before this one.</summary>
    public DigestPeriod Previous() => Starting(Kind == DigestPeriodKind.Week ? FirstDay.AddDays(-7) : FirstDay.AddMonths(-1), Kind);

    /// <summary>The period after this one.</summary>
    public DigestPeriod Next() => Starting(Kind == DigestPeriodKind.Week ? FirstDay.AddDays(7) : FirstDay.AddMonths(1), Kind);

    /// <summary>The first day, in Amsterdam.</summary>
    public DateOnly FirstDay => DateOnly.FromDateTime(AmsterdamTime.ToLocal(Start).DateTime);

    /// <summary>The last day, in Amsterdam.</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(AmsterdamTime.ToLocal(End).DateTime).AddDays(-1);

    private static DigestPeriod Starting(DateOnly first, DigestPeriodKind kind)
    {
        var next = kind == DigestPeriodKind.Week ? first.AddDays(7) : first.AddMonths(1);
        return new DigestPeriod(kind, AmsterdamTime.FromLocal(first.ToDateTime(TimeOnly.MinValue)), AmsterdamTime.FromLocal(next.ToDateTime(TimeOnly.MinValue)));
    }
}
