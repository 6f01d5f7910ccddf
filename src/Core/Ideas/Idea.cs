namespace VeerkrachtBot.Core.Ideas;

/// <summary>Where an idea is in its life: what residents see as "what happened with what I said".</summary>
public enum IdeaStatus
{
    /// <summary>Received, not yet discussed.</summary>
    Received,

    /// <summary>Partners are discussing it.</summary>
    InDiscussion,

    /// <summary>It will be done.</summary>
    Planned,

    /// <summary>It was done.</summary>
    Done,

    /// <summary>It cannot be done; the explanation says why.</summary>
    NotFeasible,
}

/// <summary>The overall feeling of a message.</summary>
public enum SentimentLabel
{
    /// <summary>Positive.</summary>
    Positive,

    /// <summary>Neither positive nor negative.</summary>
    Neutral,

    /// <summary>Negative.</summary>
    Negative,

    /// <summary>Both positive and negative.</summary>
    Mixed,
}

/// <summary>Who analysed the text.</summary>
public enum AnalysisSource
{
    /// <summary>The local, in-process analysis.</summary>
    Local,

    /// <summary>Azure AI Language.</summary>
    Azure,

    /// <summary>Not analysed yet (the service failed; analysis is to be redone).</summary>
    Pending,
}

/// <summary>A theme of a message with the classifier's confidence, and whether the resident confirmed it.</summary>
public sealed record ThemeScore(string ThemeId, double Score, bool Confirmed);

/// <summary>Sentiment with a score in [-1, 1].</summary>
public sealed record Sentiment(SentimentLabel Label, double Score);

/// <summary>What the language analysis made of a message.</summary>
public sealed record IdeaAnalysis(
    string Language,
    string RedactedText,
    IReadOnlyList<ThemeScore> Themes,
    Sentiment Sentiment,
    IReadOnlyList<string> KeyPhrases,
    AnalysisSource Source)
{
    /// <summary>Whether the message is about an emergency, violence at home or self-harm: professionals see it first.</summary>
    public Language.UrgentSignal? Urgent { get; init; }
}

/// <summary>An idea or concern a resident shared.</summary>
/// <param name="Id">The idea's id.</param>
/// <param name="ResidentId">The author's pseudonym; null once the author erased their data.</param>
/// <param name="NeighbourhoodId">The neighbourhood it is about, when known.</param>
/// <param name="OriginalText">The text as written: kept only with the resident's consent.</param>
/// <param name="Analysis">Language, redacted text, themes, sentiment, key phrases.</param>
/// <param name="Status">The current status.</param>
/// <param name="StatusExplanation">The professional's explanation of the current status, for the resident.</param>
/// <param name="ContactAllowed">Whether the resident agreed to be contacted about it.</param>
/// <param name="ContactDetail">How to reach them; only when they agreed.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record Idea(
    string Id,
    string? ResidentId,
    string? NeighbourhoodId,
    string? OriginalText,
    IdeaAnalysis Analysis,
    IdeaStatus Status,
    string? StatusExplanation,
    bool ContactAllowed,
    string? ContactDetail,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One step in an idea's status history.</summary>
public sealed record IdeaStatusChange(IdeaStatus Status, string? Explanation, string ChangedBy, DateTimeOffset ChangedAt);
