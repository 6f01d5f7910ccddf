namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>
/// Recognises short commands in Dutch and English ("menu", "stop", "ik wil een idee delen", a menu button's
/// title). A text is a command only when it holds nothing but command words and filler: "Stop het kappen van
/// bomen" or "hulp bij huiswerk" say something, so they are not commands.
/// </summary>
public static class CommandWords
{
    /// <summary>Commands are short; a text with more words than this is never read as one.</summary>
    public const int MaxCommandWords = 6;

    // Order matters: the first command with a matching word wins ("stop, menu" is a stop).
    private static readonly (ResidentCommand Command, string[] Words)[] Keywords =
    [
        (ResidentCommand.English, ["english", "engels"]),
        (ResidentCommand.Dutch, ["nederlands", "dutch", "nederlandse"]),
        (ResidentCommand.Stop, ["stop", "stoppen", "annuleer", "annuleren", "cancel", "quit"]),
        (ResidentCommand.Help, ["help", "hulp", "uitleg", "snap", "begrijp", "understand"]),
        (ResidentCommand.Menu, ["menu", "start", "begin", "beginnen", "opnieuw", "keuzes", "terug", "back"]),
        (ResidentCommand.MyIdeas, ["status"]),
        (ResidentCommand.ShareIdea, ["idee", "ideeen", "ideetje", "zorg", "zorgen", "melding", "melden", "suggestie", "idea", "ideas", "concern", "concerns", "suggestion"]),
        (ResidentCommand.Meetings, ["bijeenkomst", "bijeenkomsten", "meemakers", "meeting", "meetings", "aanmelden", "rsvp"]),
        (ResidentCommand.Pulse, ["buurtpeiling", "pulse"]),
        (ResidentCommand.Polls, ["vragen", "peiling", "poll", "polls", "stemmen", "questions", "survey", "vote"]),
        (ResidentCommand.MyData, ["gegevens", "privacy", "data", "mijngegevens"]),
        (ResidentCommand.Thanks, ["bedankt", "dank", "dankje", "dankjewel", "thanks", "thank", "thx", "merci", "dankuwel"]),
        (ResidentCommand.Greeting, ["hoi", "hallo", "hey", "hi", "hello", "goedemorgen", "goedemiddag", "goedenavond", "dag", "moi", "hoe", "hiya", "hoihoi", "heey", "salam", "morgen"]),
    ];

    private static readonly Dictionary<string, ResidentCommand> WordToCommand = BuildWordIndex();

    // Phrases that mean something else than their words alone ("mijn ideeën" is not "share an idea").
    private static readonly (string[] Phrase, ResidentCommand Command)[] Phrases =
    [
        (["mijn", "ideeen"], ResidentCommand.MyIdeas),
        (["mijn", "idee"], ResidentCommand.MyIdeas),
        (["my", "ideas"], ResidentCommand.MyIdeas),
        (["my", "idea"], ResidentCommand.MyIdeas),
        (["mijn", "gegevens"], ResidentCommand.MyData),
        (["my", "data"], ResidentCommand.MyData),
        (["buurt", "peiling"], ResidentCommand.Pulse),
        (["neighbourhood", "pulse"], ResidentCommand.Pulse),
        (["laat", "maar"], ResidentCommand.Stop),
        (["toch", "niet"], ResidentCommand.Stop),
        (["never", "mind"], ResidentCommand.Stop),
        (["nevermind"], ResidentCommand.Stop),
    ];

    // Commands that leave any step: "ik wil stoppen" or "back to menu" count, "hulp bij huiswerk" does not.
    private static readonly HashSet<ResidentCommand> LeaveAnyStepCommands = [ResidentCommand.Stop, ResidentCommand.Menu, ResidentCommand.Help, ResidentCommand.English, ResidentCommand.Dutch];

    // Words that may surround a command without making it a message: "ik wil een idee delen", "back to the menu".
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "ik", "wil", "graag", "naar", "het", "de", "een", "nu", "even", "alsjeblieft", "aub", "in", "praten", "spreken",
        "of", "en", "delen", "over", "buurt", "mijn", "zien", "bekijken", "doen", "kan", "je", "met", "wel", "maken", "andere",
        "gaat", "niet", "u", "jullie", "alle", "alles", "lezen", "geven", "maar", "toch", "laat", "nog", "weer", "hier",
        "i", "want", "to", "the", "a", "an", "or", "and", "go", "please", "now", "speak", "talk", "share", "neighbourhood",
        "my", "see", "about", "with", "you", "very", "much", "there", "all", "dont", "don't", "do", "other", "make", "never", "mind", "it",
        // What a resident wants done with their data or ideas: "verwijder mijn gegevens" and "delete my data" go to My data,
        // where erasing is offered with its confirmation; "verwijder de graffiti" still says something of its own.
        "verwijder", "verwijderen", "wissen", "wis", "weghalen", "inzien", "downloaden", "delete", "remove", "erase", "view", "download",
    };

    /// <summary>The command a typed text is, or <see cref="ResidentCommand.None"/>.</summary>
    public static ResidentCommand Recognize(IReadOnlyList<string> words)
    {
        if (words.Count == 0 || words.Count > MaxCommandWords || !words.All(w => Filler.Contains(w) || WordToCommand.ContainsKey(w)))
        {
            return ResidentCommand.None;
        }

        foreach (var (phrase, command) in Phrases)
        {
            if (TypedWords.IndexOf(words, phrase) >= 0)
            {
                return command;
            }
        }

        return words.Select(w => WordToCommand.GetValueOrDefault(w, ResidentCommand.None))
            .Where(c => c != ResidentCommand.None)
            .OrderBy(c => Array.FindIndex(Keywords, k => k.Command == c))
            .FirstOrDefault();
    }

    /// <summary>The command of a typed text (words are split and folded first).</summary>
    public static ResidentCommand Recognize(string? text) => Recognize(TypedWords.Of(text).Words);

    /// <summary>Whether the command leaves any step (stop, menu, help, a language), whatever was asked.</summary>
    public static bool LeavesAnyStep(ResidentCommand command) => LeaveAnyStepCommands.Contains(command);

    /// <summary>Whether the word is filler around a command ("ik", "wil", "graag", "the").</summary>
    internal static bool IsFiller(string word) => Filler.Contains(word);

    /// <summary>Whether the word is one of the command words.</summary>
    internal static bool IsCommandWord(string word) => WordToCommand.ContainsKey(word);

    private static Dictionary<string, ResidentCommand> BuildWordIndex()
    {
        var index = new Dictionary<string, ResidentCommand>(StringComparer.Ordinal);
        foreach (var (command, words) in Keywords)
        {
            foreach (var word in words)
            {
                index.TryAdd(word, command);
            }
        }

        return index;
    }
}
