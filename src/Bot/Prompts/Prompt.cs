namespace VeerkrachtBot.Bot.Prompts;

/// <summary>A button: its title and what it does.</summary>
public sealed record Choice(string Title, BotAction Action);

/// <summary>A link that opens a page or downloads a file (a calendar file, a data export).</summary>
public sealed record Link(string Title, Uri Url);

/// <summary>A label and a value shown as one line, e.g. "Waar: Buurtcentrum Pottenberg".</summary>
public sealed record Fact(string Label, string Value);

/// <summary>
/// A block in a prompt: a heading, lines, facts, a quote of someone's own words, and buttons that belong to
/// this block (one meeting in a list). Every text in it is shown literally, never as markdown or HTML.
/// </summary>
public sealed record Section(string? Heading)
{
    public IReadOnlyList<string> Lines { get; init; } = [];
    public IReadOnlyList<Fact> Facts { get; init; } = [];

    /// <summary>Words of a resident or a professional, shown as a quote.</summary>
    public string? Quote { get; init; }

    public IReadOnlyList<Choice> Choices { get; init; } = [];
}

/// <summary>A multi-select list (which themes fit), with the button that sends the selection.</summary>
/// <param name="Id">The input id: the selection arrives as a comma-separated value under this key.</param>
/// <param name="Label">What to choose.</param>
/// <param name="Options">Value and title of each option.</param>
/// <param name="Selected">Values selected at first.</param>
/// <param name="Submit">The button that sends the selection.</param>
/// <param name="TypeHint">On channels without cards: how to answer by typing the numbers of the options.</param>
public sealed record Picker(string Id, string Label, IReadOnlyList<(string Value, string Title)> Options, IReadOnlyList<string> Selected, Choice Submit, string TypeHint);

/// <summary>
/// One message of the bot, independent of the channel: rendered as an Adaptive Card where the channel shows
/// them, and as plain text with numbered choices (and suggested actions) elsewhere.
/// </summary>
public sealed record Prompt(string Lead)
{
    public IReadOnlyList<Section> Sections { get; init; } = [];

    /// <summary>A short bold question above the buttons ("Wat wil je doen?").</summary>
    public string? Question { get; init; }

    public Picker? Picker { get; init; }

    public IReadOnlyList<Choice> Choices { get; init; } = [];

    public IReadOnlyList<Link> Links { get; init; } = [];

    /// <summary>
    /// Whether a typed number picks a choice by its position. Off where numbers are the answer itself (a party
    /// size) and beside a picker (the numbers then pick its options).
    /// </summary>
    public bool NumbersPickChoices
    {
        get => Picker is null && _numbersPickChoices;
        init => _numbersPickChoices = value;
    }

    private readonly bool _numbersPickChoices = true;

    /// <summary>Every button of the prompt, in the order they are numbered on text channels.</summary>
    public IEnumerable<Choice> AllChoices => Sections.SelectMany(s => s.Choices).Concat(Choices);
}
