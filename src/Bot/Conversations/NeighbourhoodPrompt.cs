using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>
/// Asks which neighbourhood (once: the answer is remembered). Each button carries what to do next, so a flow
/// that needed the neighbourhood continues where it was, also after a restart.
/// </summary>
public static class NeighbourhoodPrompt
{
    public const string ThenArg = "then";
    public const string IdArg = "id";

    /// <summary>Set to "no" when the answer is about one idea, not where the resident lives.</summary>
    public const string RememberArg = "remember";

    /// <summary>The chosen neighbourhood, as the continuation receives it.</summary>
    public const string ChosenArg = "neighbourhood";

    public static Prompt Build(BotTexts texts, NeighbourhoodCatalog neighbourhoods, string lead, BotAction then) => new(lead)
    {
        Choices = neighbourhoods.All
            .Select(n => new Choice(n.Name, then with
            {
                Name = Actions.Neighbourhood,
                Args = new Dictionary<string, string>(then.Args, StringComparer.Ordinal) { [IdArg] = n.Id, [ThenArg] = then.Name },
            }))
            .Append(MainMenu.Back(texts))
            .ToList(),
    };

    /// <summary>
    /// The resident's neighbourhood; when it is not known yet, asks for it (the answer continues with
    /// <paramref name="then"/>) and returns null.
    /// </summary>
    public static async Task<Core.Neighbourhoods.Neighbourhood?> OfResidentOrAskAsync(ResidentTurn turn, NeighbourhoodCatalog neighbourhoods, BotAction then, CancellationToken cancellationToken)
    {
        if (neighbourhoods.Find(turn.Resident.NeighbourhoodId) is { } known)
        {
            return known;
        }

        await turn.SendAsync(Build(turn.Texts, neighbourhoods, turn.Texts.AskNeighbourhood, then), cancellationToken);
        return null;
    }

    /// <summary>The action to continue with once the neighbourhood is known.</summary>
    public static BotAction Continuation(BotAction chosen, string neighbourhoodId)
    {
        var args = chosen.Args.Where(a => a.Key is not (ThenArg or IdArg or RememberArg)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        args[ChosenArg] = neighbourhoodId;
        return new BotAction(chosen[ThenArg] ?? Actions.Menu, args);
    }
}
