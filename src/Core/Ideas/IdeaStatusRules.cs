namespace VeerkrachtBot.Core.Ideas;

/// <summary>
/// How an idea moves: received → in discussion → planned → done, and to "not feasible" from any open step.
/// Done and not feasible are final.
/// </summary>
public static class IdeaStatusRules
{
    /// <summary>Whether <paramref name="from"/> may become <paramref name="to"/>.</summary>
    public static bool CanMove(IdeaStatus from, IdeaStatus to) => (from, to) switch
    {
        (IdeaStatus.Received, IdeaStatus.InDiscussion) => true,
        (IdeaStatus.InDiscussion, IdeaStatus.Planned) => true,
        (IdeaStatus.Planned, IdeaStatus.Done) => true,
        (IdeaStatus.Received or IdeaStatus.InDiscussion or IdeaStatus.Planned, IdeaStatus.NotFeasible) => true,
        _ => false,
    };

    /// <summary>Whether a move needs an explanation for the resident (the ones that end or refuse something).</summary>
    public static bool NeedsExplanation(IdeaStatus to) => to is IdeaStatus.NotFeasible or IdeaStatus.Done;
}
