using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Language.Understanding;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>
/// Where a conversation is (conversation state, in the database): which step waits for typed text, the
/// choices the bot last offered (so typed text or a number maps back to a button).
/// Survives a restart of the bot; nothing of it lives in process memory.
/// </summary>
public sealed class ConversationFlow
{
    /// <summary>The step whose typed answer the bot waits for, or null.</summary>
    public string? Step { get; set; }

    /// <summary>What the step is about: an idea, meeting or poll id, a score, what to do next.</summary>
    public Dictionary<string, string> Context { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The choices of the bot's last message, in their numbered order.</summary>
    public List<OfferedChoice> Offered { get; set; } = [];

    /// <summary>Whether a typed number picks from <see cref="Offered"/> (not while a picker's numbers are meant).</summary>
    public bool NumbersPickChoices { get; set; } = true;

    /// <summary>
    /// The language this conversation follows when the resident wrote in the other one ("en" or "nl"), until they
    /// choose one: the bot answers in the language the resident writes in.
    /// </summary>
    public string? Language { get; set; }

    /// <summary>
    /// The pulse period (e.g. <c>2026-Q4</c>) in which this conversation showed the neighbourhood pulse's offer: kept in
    /// the state the turn saves anyway, so showing the offer costs the turn no extra commit.
    /// </summary>
    public string? PulseOfferedIn { get; set; }

    public string? this[string key] => Context.GetValueOrDefault(key);

    /// <summary>Waits for typed text for <paramref name="step"/>, with what it is about.</summary>
    public void Await(string step, params (string Key, string Value)[] context)
    {
        Step = step;
        Context = context.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
    }

    /// <summary>Leaves any step: what the resident types next is a new request.</summary>
    public void Clear()
    {
        Step = null;
        Context = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Remembers the choices of the prompt the bot sends. When a turn sends several, the last one counts: its
    /// numbers are the ones the resident sees last, and its buttons are the suggested actions shown.
    /// </summary>
    public void Offer(Prompt prompt)
    {
        Offered.Clear();
        Offered.AddRange(prompt.AllChoices.Select(c => new OfferedChoice(c.Title, c.Action.Name, new Dictionary<string, string>(c.Action.Args, StringComparer.Ordinal))));
        NumbersPickChoices = prompt.NumbersPickChoices;
    }

    /// <summary>The offered choice the typed text names: its title, or its number as shown on text channels.</summary>
    public BotAction? Match(string? text)
    {
        var typed = Normalize(text);
        if (typed.Length == 0)
        {
            return null;
        }

        var byTitle = Offered.FirstOrDefault(o => Normalize(o.Title) == typed);
        if (byTitle is null && NumbersPickChoices && int.TryParse(typed, out var number) && number >= 1 && number <= Offered.Count)
        {
            byTitle = Offered[number - 1];
        }

        return byTitle is null ? null : new BotAction(byTitle.Action, byTitle.Args);
    }

    private static string Normalize(string? text) => TypedWords.Of(text).Joined;
}

/// <summary>A choice the bot offered: its title and the action it stands for.</summary>
public sealed record OfferedChoice(string Title, string Action, Dictionary<string, string> Args);
