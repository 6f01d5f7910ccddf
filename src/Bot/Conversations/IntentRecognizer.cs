using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>
/// Recognises short commands ("menu", "stop", "English", a menu button's title) in Dutch and English. Buttons
/// send <c>{"action": "&lt;Intent&gt;"}</c>; typed text is a command only when it holds nothing but command
/// words and filler ("ik wil een idee delen"). Anything else is what the resident wants to tell us.
/// </summary>
public static class IntentRecognizer
{
    /// <summary>Commands are short; a message with more words than this is never read as one.</summary>
    public const int MaxCommandWords = 6;

    // Order matters: the first intent with a matching word wins ("stop, menu" is a stop).
    private static readonly (Intent Intent, string[] Words)[] Keywords =
    [
        (Intent.English, ["english", "engels"]),
        (Intent.Dutch, ["nederlands", "dutch", "nederlandse"]),
        (Intent.Stop, ["stop", "stoppen", "annuleer", "annuleren", "cancel", "quit"]),
        (Intent.Help, ["help", "hulp", "uitleg"]),
        (Intent.Menu, ["menu", "start", "begin", "opnieuw", "keuzes"]),
        (Intent.MyIdeas, ["status"]),
        (Intent.ShareIdea, ["idee", "ideeen", "ideetje", "zorg", "zorgen", "melding", "melden", "suggestie", "idea", "ideas", "concern", "concerns", "suggestion"]),
        (Intent.Meetings, ["bijeenkomst", "bijeenkomsten", "meemakers", "meeting", "meetings", "aanmelden", "rsvp"]),
        (Intent.Polls, ["vragen", "peiling", "poll", "polls", "stemmen", "questions", "survey", "vote"]),
        (Intent.MyData, ["gegevens", "privacy", "data", "mijngegevens"]),
        (Intent.Greeting, ["hoi", "hallo", "hey", "hi", "hello", "goedemorgen", "goedemiddag", "goedenavond", "dag", "moi", "hoe", "hiya"]),
    ];

    private static readonly Dictionary<string, Intent> WordToIntent = BuildWordIndex();

    // Two-word phrases that mean something else than their words alone ("mijn ideeën" is not "share an idea").
    private static readonly Dictionary<string, Intent> Phrases = new(StringComparer.Ordinal)
    {
        ["mijn ideeen"] = Intent.MyIdeas,
        ["mijn idee"] = Intent.MyIdeas,
        ["my ideas"] = Intent.MyIdeas,
        ["my idea"] = Intent.MyIdeas,
        ["mijn gegevens"] = Intent.MyData,
        ["my data"] = Intent.MyData,
    };

    // Commands that leave any step; "ik wil stoppen" or "back to menu" count, "hulp bij huiswerk" does not.
    private static readonly HashSet<Intent> LeaveAnyStep = [Intent.Stop, Intent.Menu, Intent.Help, Intent.English, Intent.Dutch];

    // Words that may surround a command without making it a message: "ik wil een idee delen", "back to the menu".
    // Any other word makes the text something the resident wants to tell us ("Stop het kappen van bomen").
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "ik", "wil", "graag", "naar", "het", "de", "een", "terug", "nu", "even", "alsjeblieft", "aub", "in", "praten", "spreken",
        "of", "en", "delen", "over", "buurt", "mijn", "zien", "bekijken", "doen", "kan", "je", "met",
        "i", "want", "to", "the", "a", "an", "or", "and", "back", "go", "please", "now", "speak", "talk", "share", "neighbourhood",
        "my", "see", "about", "with",
    };

    /// <summary>Recognises the intent of a button value or a typed text.</summary>
    public static Intent Recognize(string? text, object? value)
    {
        if (FromValue(value) is { } fromButton)
        {
            return fromButton;
        }

        var words = Words(text);
        if (words.Count == 0 || words.Count > MaxCommandWords || !words.All(w => Filler.Contains(w) || WordToIntent.ContainsKey(w)))
        {
            return Intent.None;
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (Phrases.TryGetValue(words[i] + " " + words[i + 1], out var phrase))
            {
                return phrase;
            }
        }

        return words.Select(w => WordToIntent.GetValueOrDefault(w, Intent.None))
            .Where(i => i != Intent.None)
            .OrderBy(i => Array.FindIndex(Keywords, k => k.Intent == i))
            .FirstOrDefault();
    }

    /// <summary>
    /// A command that leaves whatever the resident is doing (stop, menu, help, a language). Other intents ("idee")
    /// are not commands inside a step, so that a typed answer such as "een idee voor de speeltuin" stays an answer.
    /// </summary>
    public static Intent RecognizeCommand(string? text)
    {
        var intent = Recognize(text, value: null);
        return LeaveAnyStep.Contains(intent) ? intent : Intent.None;
    }

    private static Intent? FromValue(object? value)
    {
        var action = value switch
        {
            JObject obj => obj.Value<string>("action"),
            string s => s,
            _ => null,
        };
        return action is not null && Enum.TryParse<Intent>(action, ignoreCase: true, out var intent) && Enum.IsDefined(intent) && intent != Intent.None
            ? intent
            : null;
    }

    /// <summary>Lower-case words without accents or punctuation ("Ideeën!" becomes "ideeen").</summary>
    internal static List<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static Dictionary<string, Intent> BuildWordIndex()
    {
        var index = new Dictionary<string, Intent>(StringComparer.Ordinal);
        foreach (var (intent, words) in Keywords)
        {
            foreach (var word in words)
            {
                index.TryAdd(word, intent);
            }
        }

        return index;
    }
}
