using System.Globalization;
using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Core.Pulse;

/// <summary>
/// The programme's goals, as the council was told the programme succeeds: one pulse statement per goal. The keys are
/// stable (data, report, CSV); the wording is the programme manager's.
/// </summary>
public static class PulseGoals
{
    /// <summary>More say over one's own life and neighbourhood ("regie").</summary>
    public const string Agency = "agency";

    /// <summary>More opportunities (work, learning, taking part).</summary>
    public const string Opportunities = "opportunities";

    /// <summary>A more liveable neighbourhood.</summary>
    public const string Liveability = "liveability";

    /// <summary>Less nuisance (worded so that agreeing means little nuisance: higher is better for every goal).</summary>
    public const string Nuisance = "nuisance";

    /// <summary>Better experienced health.</summary>
    public const string Health = "health";

    /// <summary>Neighbours who help each other.</summary>
    public const string Community = "community";

    /// <summary>All goals, in the order the pulse asks them by default.</summary>
    public static IReadOnlyList<string> All { get; } = [Agency, Opportunities, Liveability, Nuisance, Health, Community];
}

/// <summary>One pulse statement; residents answer how much they agree.</summary>
/// <param name="Key">The goal it measures (<see cref="PulseGoals"/>): one item per goal.</param>
/// <param name="TextNl">The statement in Dutch (B1).</param>
/// <param name="TextEn">The statement in English.</param>
/// <param name="Active">Whether the pulse asks it; an inactive item keeps its answers.</param>
/// <param name="Order">Asked in ascending order.</param>
public sealed record PulseItem(string Key, string TextNl, string TextEn, bool Active, int Order)
{
    /// <summary>Longest wording of a statement.</summary>
    public const int MaxTextLength = 300;
}

/// <summary>How long one pulse period is: a resident is asked at most once per period.</summary>
public enum PulsePeriodLength
{
    /// <summary>A calendar month, e.g. <c>2026-11</c>.</summary>
    Month,

    /// <summary>A calendar quarter, e.g. <c>2026-Q4</c> (the default).</summary>
    Quarter,

    /// <summary>Half a year, e.g. <c>2026-H2</c>.</summary>
    HalfYear,

    /// <summary>A calendar year, e.g. <c>2026</c>.</summary>
    Year,
}

/// <summary>The pulse's settings, set by the programme manager.</summary>
public sealed record PulseSettings(PulsePeriodLength PeriodLength)
{
    /// <summary>A quarter, until the programme manager chooses otherwise.</summary>
    public static PulseSettings Default { get; } = new(PulsePeriodLength.Quarter);
}

/// <summary>
/// A pulse period in Europe/Amsterdam calendar time, e.g. <c>2026-Q4</c>. Keys of one length sort in time order as
/// strings, so the report can order periods without parsing them.
/// </summary>
public readonly record struct PulsePeriod(PulsePeriodLength Length, int Year, int Index)
{
    /// <summary>The period an instant falls in (Amsterdam's calendar: a quarter starts at midnight there).</summary>
    public static PulsePeriod Of(DateTimeOffset instant, PulsePeriodLength length)
    {
        var local = AmsterdamTime.ToLocal(instant);
        return length switch
        {
            PulsePeriodLength.Month => new(length, local.Year, local.Month),
            PulsePeriodLength.Quarter => new(length, local.Year, ((local.Month - 1) / 3) + 1),
            PulsePeriodLength.HalfYear => new(length, local.Year, ((local.Month - 1) / 6) + 1),
            _ => new(length, local.Year, 1),
        };
    }

    /// <summary>Reads a key as <see cref="Key"/> writes it; false for anything else.</summary>
    public static bool TryParse(string? key, out PulsePeriod period)
    {
        period = default;
        if (key is null || key.Length < 4 || !int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        var rest = key.AsSpan(4);
        (PulsePeriodLength Length, int Index)? parsed = rest switch
        {
            [] => (PulsePeriodLength.Year, 1),
            ['-', 'Q', var q] when q is >= '1' and <= '4' => (PulsePeriodLength.Quarter, q - '0'),
            ['-', 'H', var h] when h is '1' or '2' => (PulsePeriodLength.HalfYear, h - '0'),
            ['-', var m1, var m2] when char.IsAsciiDigit(m1) && char.IsAsciiDigit(m2) && ((m1 - '0') * 10) + (m2 - '0') is >= 1 and <= 12
                => (PulsePeriodLength.Month, ((m1 - '0') * 10) + (m2 - '0')),
            _ => null,
        };
        if (parsed is not { } p)
        {
            return false;
        }

        period = new PulsePeriod(p.Length, year, p.Index);
        return true;
    }

    /// <summary>How many periods of this length a year has.</summary>
    public int PerYear => Length switch
    {
        PulsePeriodLength.Month => 12,
        PulsePeriodLength.Quarter => 4,
        PulsePeriodLength.HalfYear => 2,
        _ => 1,
    };

    /// <summary>The stored key: <c>2026-11</c>, <c>2026-Q4</c>, <c>2026-H2</c> or <c>2026</c>.</summary>
    public string Key => Length switch
    {
        PulsePeriodLength.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Index:D2}"),
        PulsePeriodLength.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Index}"),
        PulsePeriodLength.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-H{Index}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>The period before this one.</summary>
    public PulsePeriod Previous() => Index > 1 ? this with { Index = Index - 1 } : this with { Year = Year - 1, Index = PerYear };

    /// <summary>The period after this one.</summary>
    public PulsePeriod Next() => Index < PerYear ? this with { Index = Index + 1 } : this with { Year = Year + 1, Index = 1 };

    /// <inheritdoc />
    public override string ToString() => Key;
}

/// <summary>The answer scale: 1 (strongly disagree) to 5 (strongly agree); "don't know" is stored as no score.</summary>
public static class PulseScale
{
    /// <summary>Lowest score.</summary>
    public const int Min = 1;

    /// <summary>Highest score.</summary>
    public const int Max = 5;
}

/// <summary>
/// A resident's answer to one statement in one period: counted once per resident, period and item (answering again
/// replaces it). <paramref name="Score"/> is null for "weet ik niet".
/// </summary>
public sealed record PulseAnswer(string ResidentId, string? NeighbourhoodId, string Period, string ItemKey, int? Score, DateTimeOffset AnsweredAt);

/// <summary>What a resident did with the offer to take the pulse.</summary>
public enum PulseOfferOutcome
{
    /// <summary>Shown, and the resident went on with something else (the outcome until they choose).</summary>
    Ignored,

    /// <summary>Said yes.</summary>
    Accepted,

    /// <summary>Said no: not offered again this period nor the next.</summary>
    Declined,
}

/// <summary>The offer of the pulse to a resident in a period: at most one per resident and period.</summary>
public sealed record PulseOffer(string ResidentId, string Period, DateTimeOffset OfferedAt, PulseOfferOutcome Outcome, DateTimeOffset? DecidedAt);
