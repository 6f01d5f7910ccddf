using VeerkrachtBot.Core.Ideas;

namespace VeerkrachtBot.Core.Digests;

/// <summary>Why an idea goes to the top of a digest.</summary>
public enum IdeaFlag
{
    /// <summary>Nothing special.</summary>
    None = 0,

    /// <summary>About safety and negative: someone may feel unsafe.</summary>
    Safety = 1,

    /// <summary>Marked urgent.</summary>
    Urgent = 2,
}

/// <summary>Decides which ideas a digest puts first.</summary>
public interface IIdeaFlagRule
{
    /// <summary>The flag of one idea.</summary>
    IdeaFlag Flag(DigestIdea idea);
}

/// <summary>
/// Urgent when the idea is marked urgent (<see cref="DigestIdea.MarkedUrgent"/>: where the residents' urgent flag
/// plugs in); safety when it has the safety theme and a negative sentiment.
/// </summary>
public sealed class SafetyFirstRule : IIdeaFlagRule
{
    /// <summary>The theme id whose negative ideas are flagged.</summary>
    public const string SafetyTheme = "safety";

    /// <inheritdoc />
    public IdeaFlag Flag(DigestIdea idea) =>
        idea.MarkedUrgent ? IdeaFlag.Urgent
        : idea.ThemeIds.Contains(SafetyTheme, StringComparer.Ordinal) && idea.Sentiment == SentimentLabel.Negative ? IdeaFlag.Safety
        : IdeaFlag.None;
}
