using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Core.Digests;

/// <summary>Which ideas a digest is about: one or more neighbourhoods, all themes (empty list) or some.</summary>
public sealed record DigestFilter(IReadOnlyList<string> NeighbourhoodIds, IReadOnlyList<string> ThemeIds)
{
    /// <summary>Whether an idea with these themes belongs to the digest.</summary>
    public bool Matches(IEnumerable<string> themeIds) => ThemeIds.Count == 0 || themeIds.Any(t => ThemeIds.Contains(t, StringComparer.Ordinal));
}

/// <summary>An idea as the digest reads it: redacted text only, never the original text or contact details.</summary>
/// <param name="Id">The idea's id.</param>
/// <param name="ResidentId">The author's pseudonym, only for counting distinct residents; never shown.</param>
/// <param name="NeighbourhoodId">The neighbourhood.</param>
/// <param name="Language">The language of the text.</param>
/// <param name="Text">The redacted text (empty when the author erased their data).</param>
/// <param name="Sentiment">The sentiment.</param>
/// <param name="KeyPhrases">Key phrases of the redacted text.</param>
/// <param name="ThemeIds">Themes, most likely first.</param>
/// <param name="Status">The current status.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="MarkedUrgent">Marked urgent (the residents' urgent flag: the idea has an urgent kind).</param>
public sealed record DigestIdea(
    string Id,
    string? ResidentId,
    string NeighbourhoodId,
    string Language,
    string Text,
    SentimentLabel Sentiment,
    IReadOnlyList<string> KeyPhrases,
    IReadOnlyList<string> ThemeIds,
    IdeaStatus Status,
    DateTimeOffset ReceivedAt,
    bool MarkedUrgent = false);

/// <summary>Who took part in a period, each figure shown only from the minimum group size.</summary>
/// <param name="Residents">Distinct residents who shared an idea, answered a meeting (not "no") or answered a poll.</param>
/// <param name="NewResidents">Of those, residents whose first contact with the bot was in the period.</param>
/// <param name="ReturningResidents">Of those, residents who had been in touch before.</param>
/// <param name="Ideas">Ideas shared.</param>
/// <param name="Rsvps">Meeting answers (yes, maybe, waiting list) given or changed.</param>
/// <param name="PollAnswers">Poll answers given or changed.</param>
public sealed record DigestParticipation(Figure Residents, Figure NewResidents, Figure ReturningResidents, Figure Ideas, Figure Rsvps, Figure PollAnswers);

/// <summary>How a concern changed against the previous period.</summary>
public enum ClusterTrend
{
    /// <summary>Nobody raised it in the previous period.</summary>
    New,

    /// <summary>More residents raised it than in the previous period.</summary>
    Grown,

    /// <summary>As many or fewer residents than in the previous period.</summary>
    Steady,
}

/// <summary>Ideas that say the same thing, shown only when enough distinct residents raised it.</summary>
/// <param name="Key">A stable name for the cluster: its first idea id in this period.</param>
/// <param name="Label">The key phrases most of its ideas share.</param>
/// <param name="ThemeIds">Themes most of its ideas carry, most common first.</param>
/// <param name="NeighbourhoodIds">The neighbourhoods of its ideas.</param>
/// <param name="Residents">Distinct residents who raised it in the period.</param>
/// <param name="Ideas">Its ideas in the period.</param>
/// <param name="Sentiment">The most common sentiment.</param>
/// <param name="Quote">One representative redacted text, shortened.</param>
/// <param name="Trend">Against the previous period.</param>
/// <param name="PreviousResidents">Residents who raised it in the previous period (hidden when few).</param>
/// <param name="Flag">The highest flag among its ideas.</param>
/// <param name="IdeaIds">Its ideas in the period, oldest first.</param>
public sealed record ConcernCluster(
    string Key,
    string Label,
    IReadOnlyList<string> ThemeIds,
    IReadOnlyList<string> NeighbourhoodIds,
    int Residents,
    int Ideas,
    SentimentLabel Sentiment,
    string Quote,
    ClusterTrend Trend,
    Figure PreviousResidents,
    IdeaFlag Flag,
    IReadOnlyList<string> IdeaIds);

/// <summary>One idea named in the digest (flagged, waiting, or with a new status): redacted and shortened.</summary>
public sealed record DigestIdeaLine(string IdeaId, string NeighbourhoodId, IReadOnlyList<string> ThemeIds, string Text, DateTimeOffset ReceivedAt, IdeaFlag Flag);

/// <summary>A theme in the period: ideas and distinct residents (shown only from the minimum group size).</summary>
public sealed record ThemeFigure(string ThemeId, int Ideas, int Residents);

/// <summary>The sentiment of the period's ideas as whole percentages, only when enough residents are behind it.</summary>
public sealed record SentimentSplit(int Ideas, IReadOnlyDictionary<SentimentLabel, int> Percentages);

/// <summary>A status a professional set in the period, with the explanation the resident got.</summary>
public sealed record StatusChangeLine(DigestIdeaLine Idea, IdeaStatus Status, string? Explanation, DateTimeOffset ChangedAt);

/// <summary>An idea still waiting for a first status.</summary>
public sealed record WaitingLine(DigestIdeaLine Idea, int DaysWaiting);

/// <summary>A meeting in this period or the next, with how full it is (counts hidden when few residents).</summary>
public sealed record MeetingLine(
    string MeetingId,
    string NeighbourhoodId,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    Figure Confirmed,
    Figure Waiting,
    Figure Maybe,
    bool Full,
    bool InNextPeriod);

/// <summary>A poll that was open in the period, with its results so far (hidden when few answered).</summary>
public sealed record PollLine(string PollId, string AgendaItem, string Question, PollStatus Status, DateTimeOffset ClosesAt, bool Open, Figure Respondents, double? Mean);

/// <summary>
/// What residents of one or more neighbourhoods said and did in a period, for professionals: channel neutral, only
/// redacted text, never a pseudonym, contact detail or original text, and no figure below the minimum group size.
/// </summary>
public sealed record Digest(
    DigestFilter Filter,
    DigestPeriod Period,
    DateTimeOffset BuiltAt,
    int MinGroupSize,
    int MinPercentageBase,
    DigestParticipation Participation,
    DigestParticipation PreviousParticipation,
    IReadOnlyList<ConcernCluster> Clusters,
    Figure IdeasOutsideClusters,
    IReadOnlyList<DigestIdeaLine> Flagged,
    IReadOnlyList<ThemeFigure> Themes,
    SentimentSplit? Sentiment,
    IReadOnlyList<StatusChangeLine> StatusChanges,
    int StatusChangeCount,
    IReadOnlyList<WaitingLine> Waiting,
    IReadOnlyList<MeetingLine> Meetings,
    IReadOnlyList<PollLine> Polls,
    bool IsEmpty);
