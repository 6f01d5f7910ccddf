namespace VeerkrachtBot.Core.Pulse;

/// <summary>
/// The voluntary background questions and their answers (stable keys; the Bot words them). Each can be skipped.
/// </summary>
public static class BackgroundBands
{
    /// <summary>
    /// Age bands: those of CBS's "Kerncijfers wijken en buurten" (0–15, 15–25, 25–45, 45–65, 65 and older), the only
    /// age figures CBS publishes per neighbourhood every year. The programme manager copies them as they are, and the
    /// report compares like with like. (Finer bands such as 65–74/75+ would need CBS tables that are not published
    /// per neighbourhood.)
    /// </summary>
    public static IReadOnlyList<string> AgeBands { get; } = ["0-14", "15-24", "25-44", "45-64", "65+"];

    /// <summary>How long the resident has lived in the neighbourhood.</summary>
    public static IReadOnlyList<string> YearsBands { get; } = ["under-2", "2-5", "5-10", "10-plus"];

    /// <summary>Household type.</summary>
    public static IReadOnlyList<string> Households { get; } = ["alone", "couple", "couple-with-children", "single-parent", "other"];

    /// <summary>The allowed answers of a question.</summary>
    public static IReadOnlyList<string> Of(BackgroundQuestion question) => question switch
    {
        BackgroundQuestion.AgeBand => AgeBands,
        BackgroundQuestion.YearsInNeighbourhood => YearsBands,
        _ => Households,
    };
}

/// <summary>One background question.</summary>
public enum BackgroundQuestion
{
    /// <summary>Age band (<see cref="BackgroundBands.AgeBands"/>).</summary>
    AgeBand,

    /// <summary>Years in the neighbourhood (<see cref="BackgroundBands.YearsBands"/>).</summary>
    YearsInNeighbourhood,

    /// <summary>Household type (<see cref="BackgroundBands.Households"/>).</summary>
    Household,
}

/// <summary>
/// What a resident chose to tell about themselves; every answer is optional (null: skipped or removed).
/// <paramref name="OfferedAt"/> is when the questions were offered (once, after the first pulse).
/// </summary>
public sealed record ResidentBackground(string ResidentId, string? AgeBand, string? YearsBand, string? Household, DateTimeOffset? OfferedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Whether any answer is given.</summary>
    public bool HasAnswers => AgeBand is not null || YearsBand is not null || Household is not null;

    /// <summary>The answer to a question, or null.</summary>
    public string? this[BackgroundQuestion question] => question switch
    {
        BackgroundQuestion.AgeBand => AgeBand,
        BackgroundQuestion.YearsInNeighbourhood => YearsBand,
        _ => Household,
    };

    /// <summary>A copy with one answer set (null: skipped or removed).</summary>
    public ResidentBackground With(BackgroundQuestion question, string? value) => question switch
    {
        BackgroundQuestion.AgeBand => this with { AgeBand = value },
        BackgroundQuestion.YearsInNeighbourhood => this with { YearsBand = value },
        _ => this with { Household = value },
    };
}

/// <summary>
/// The number of residents of a neighbourhood in one age band, as the programme manager entered it (from CBS), for
/// comparing who takes part with who lives there.
/// </summary>
/// <param name="NeighbourhoodId">The neighbourhood.</param>
/// <param name="AgeBand">One of <see cref="BackgroundBands.AgeBands"/>.</param>
/// <param name="Population">Residents in the band.</param>
/// <param name="Source">Where the figure comes from, e.g. "CBS 2025".</param>
/// <param name="EnteredBy">The programme manager who entered it.</param>
/// <param name="EnteredAt">When.</param>
public sealed record PopulationFigure(string NeighbourhoodId, string AgeBand, int Population, string Source, string EnteredBy, DateTimeOffset EnteredAt)
{
    /// <summary>Longest source text.</summary>
    public const int MaxSourceLength = 200;

    /// <summary>Largest band (no neighbourhood in the programme comes near it; it catches typing errors).</summary>
    public const int MaxPopulation = 1_000_000;
}
