using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Pulse;

namespace VeerkrachtBot.Core.Reports;

/// <summary>
/// The monitoring report of one or more neighbourhoods over a range of periods: who takes part, who stays, how
/// residents score the programme's goals, who is reached, what residents raised and what happened with it. Channel
/// neutral and public: no pseudonym, contact detail or resident's text, and no figure below the minimum group size.
/// </summary>
/// <param name="NeighbourhoodIds">The neighbourhoods it is about (together).</param>
/// <param name="PeriodLength">Month or quarter.</param>
/// <param name="Periods">The periods, oldest first.</param>
/// <param name="BuiltAt">When it was made.</param>
/// <param name="MinGroupSize">The minimum group size applied.</param>
/// <param name="Participation">Participation per period.</param>
/// <param name="Cohorts">Retention of each period's newcomers.</param>
/// <param name="Goals">Pulse scores per goal and period.</param>
/// <param name="Representation">Who is reached, by age band.</param>
/// <param name="Themes">Ideas per theme and period.</param>
/// <param name="Clusters">The biggest groups of similar ideas in the whole range.</param>
/// <param name="Statuses">Where the range's ideas stand now.</param>
/// <param name="Explanations">The latest explanations professionals gave with a status (redacted).</param>
/// <param name="Meetings">Meetings still to come.</param>
public sealed record MonitoringReport(
    IReadOnlyList<string> NeighbourhoodIds,
    PulsePeriodLength PeriodLength,
    IReadOnlyList<PulsePeriod> Periods,
    DateTimeOffset BuiltAt,
    int MinGroupSize,
    IReadOnlyList<PeriodParticipation> Participation,
    IReadOnlyList<CohortRow> Cohorts,
    IReadOnlyList<GoalTrend> Goals,
    Representation Representation,
    IReadOnlyList<ThemeTrend> Themes,
    IReadOnlyList<RaisedCluster> Clusters,
    IReadOnlyList<StatusCount> Statuses,
    IReadOnlyList<ExplanationLine> Explanations,
    IReadOnlyList<UpcomingMeeting> Meetings);

/// <summary>Who took part in one period.</summary>
/// <param name="Period">The period.</param>
/// <param name="Running">The period has not ended yet.</param>
/// <param name="Residents">Distinct residents who took part in any way.</param>
/// <param name="New">Of those, residents who took part for the first time.</param>
/// <param name="Returning">Of those, residents who had taken part before.</param>
/// <param name="DroppedOut">Residents who took part in the previous period and not in this one.</param>
/// <param name="Ideas">Ideas shared.</param>
/// <param name="Rsvps">Meeting answers (not "no").</param>
/// <param name="Attendance">Residents marked as present at a meeting.</param>
/// <param name="PollAnswers">Poll answers.</param>
/// <param name="PulseRespondents">Residents who answered the pulse.</param>
/// <param name="Evaluations">Evaluations of meetings, polls and idea statuses.</param>
public sealed record PeriodParticipation(
    PulsePeriod Period,
    bool Running,
    Figure Residents,
    Figure New,
    Figure Returning,
    Figure DroppedOut,
    Figure Ideas,
    Figure Rsvps,
    Figure Attendance,
    Figure PollAnswers,
    Figure PulseRespondents,
    Figure Evaluations);

/// <summary>The residents who first took part in <paramref name="Period"/>, and how many of them took part in each later period.</summary>
/// <param name="Period">The cohort's first period.</param>
/// <param name="Size">Residents in the cohort.</param>
/// <param name="Retained">Element k: cohort members who took part in the (k+1)-th period after it, up to the report's last period.</param>
public sealed record CohortRow(PulsePeriod Period, Figure Size, IReadOnlyList<Figure> Retained);

/// <summary>One goal's pulse statement and its scores over time.</summary>
public sealed record GoalTrend(string Goal, string TextNl, string TextEn, IReadOnlyList<GoalPeriod> Periods);

/// <summary>A goal's scores in one period.</summary>
/// <param name="Period">The period.</param>
/// <param name="Respondents">Residents who gave a score (1–5).</param>
/// <param name="DontKnow">Residents who answered "weet ik niet" (not in the mean).</param>
/// <param name="Score">The mean and its 95 % interval, when enough residents gave a score.</param>
public sealed record GoalPeriod(PulsePeriod Period, Figure Respondents, Figure DontKnow, MeanInterval? Score);

/// <summary>Residents who took part in the range and told their age band, against the population.</summary>
/// <param name="WithAgeBand">Residents who took part and gave an age band.</param>
/// <param name="PopulationSource">Where the population figures come from ("CBS 2025"), or null when none were entered.</param>
/// <param name="Bands">The compared age bands.</param>
public sealed record Representation(Figure WithAgeBand, string? PopulationSource, IReadOnlyList<AgeBandShare> Bands);

/// <summary>One age band: its share of the population and of the residents who take part.</summary>
/// <param name="AgeBand">The CBS band.</param>
/// <param name="Population">Residents in the band (entered), or null.</param>
/// <param name="PopulationShare">Its share of the compared bands' population (0–1), or null.</param>
/// <param name="Residents">Residents taking part in the band.</param>
/// <param name="Share">Their share of the residents with a compared band (0–1), when the count is shown.</param>
/// <param name="UnderRepresented">The share is below the ratio times the population share (also when the count is hidden).</param>
public sealed record AgeBandShare(string AgeBand, int? Population, double? PopulationShare, Figure Residents, double? Share, bool UnderRepresented);

/// <summary>Ideas per period for one theme; a period's figure is hidden when few residents raised it.</summary>
public sealed record ThemeTrend(string ThemeId, Figure Total, IReadOnlyList<Figure> PerPeriod);

/// <summary>A group of similar ideas (the digest's grouping): its key phrases and themes, never a resident's text.</summary>
public sealed record RaisedCluster(string Label, IReadOnlyList<string> ThemeIds, int Residents, int Ideas);

/// <summary>How many of the range's ideas have a status now.</summary>
public sealed record StatusCount(IdeaStatus Status, Figure Ideas);

/// <summary>An explanation a professional gave with a status, redacted; the idea itself is not named.</summary>
public sealed record ExplanationLine(IdeaStatus Status, string? ThemeId, string Text, DateTimeOffset ChangedAt);

/// <summary>A meeting that has not started yet.</summary>
public sealed record UpcomingMeeting(string NeighbourhoodId, string Title, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
