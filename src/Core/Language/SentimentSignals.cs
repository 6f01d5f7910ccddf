using System.Globalization;

namespace VeerkrachtBot.Core.Language;

/// <summary>
/// Lexicon evidence of sentiment in a message: positive and negative weight after negation ("niet slecht")
/// and intensifiers ("echt super"), emoji, exclamation and question marks, shouting. The local analysis
/// feeds these to its model next to the words themselves, and uses them to recognise mixed messages.
/// </summary>
public static class SentimentSignals
{
    /// <summary>Number of values in <see cref="Compute(string, string)"/>'s result.</summary>
    public const int Count = 8;

    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "niet", "geen", "nooit", "niks", "niets", "zonder", "nergens", "not", "no", "never", "nothing", "without", "don't", "doesn't",
        "isn't", "aren't", "wasn't", "won't", "can't", "didn't", "nobody", "hardly", "nauwelijks",
    };

    private static readonly HashSet<string> Intensifiers = new(StringComparer.Ordinal)
    {
        "zeer", "erg", "heel", "echt", "super", "enorm", "ontzettend", "hartstikke", "extreem", "vreselijk", "totaal", "helemaal", "zo", "veel",
        "very", "really", "so", "extremely", "totally", "too", "super", "absolutely", "completely", "incredibly", "such",
    };

    // Words residents use all the time that the adjective lexicons do not hold, or hold with a sense we do not mean.
    private static readonly Dictionary<string, double> Domain = new(StringComparer.Ordinal)
    {
        ["kapot"] = -0.7, ["vies"] = -0.7, ["smerig"] = -0.8, ["gevaarlijk"] = -0.7, ["overlast"] = -0.7, ["schimmel"] = -0.6, ["lawaai"] = -0.6,
        ["herrie"] = -0.6, ["rommel"] = -0.5, ["troep"] = -0.6, ["eng"] = -0.6, ["onveilig"] = -0.8, ["boos"] = -0.7, ["klacht"] = -0.5,
        ["probleem"] = -0.5, ["problemen"] = -0.5, ["ramp"] = -0.8, ["stinkt"] = -0.7, ["helaas"] = -0.5, ["jammer"] = -0.5,
        ["teleurgesteld"] = -0.7, ["ontevreden"] = -0.7, ["zat"] = -0.4, ["klaar"] = -0.2, ["bang"] = -0.6, ["zorgen"] = -0.4,
        ["bedankt"] = 0.6, ["dank"] = 0.6, ["dankjewel"] = 0.7, ["blij"] = 0.8, ["tevreden"] = 0.7, ["fijn"] = 0.7, ["gezellig"] = 0.8,
        ["top"] = 0.8, ["toppie"] = 0.8, ["geweldig"] = 0.9, ["prima"] = 0.5, ["lekker"] = 0.6, ["mooi"] = 0.7, ["leuk"] = 0.7, ["sjoen"] = 0.7,
        ["broken"] = -0.7, ["dirty"] = -0.7, ["dangerous"] = -0.7, ["noise"] = -0.5, ["nuisance"] = -0.6, ["mould"] = -0.6, ["mold"] = -0.6,
        ["rubbish"] = -0.5, ["litter"] = -0.4, ["scary"] = -0.6, ["unsafe"] = -0.8, ["angry"] = -0.7, ["complaint"] = -0.5, ["problem"] = -0.5,
        ["disaster"] = -0.8, ["stinks"] = -0.7, ["unfortunately"] = -0.5, ["disappointed"] = -0.7, ["annoying"] = -0.6, ["terrible"] = -0.9,
        ["awful"] = -0.9, ["fed"] = -0.3, ["worried"] = -0.5, ["afraid"] = -0.6,
        ["thanks"] = 0.6, ["thank"] = 0.6, ["great"] = 0.8, ["happy"] = 0.8, ["love"] = 0.8, ["awesome"] = 0.9, ["lovely"] = 0.8, ["glad"] = 0.7,
        ["grateful"] = 0.8, ["nice"] = 0.6, ["fantastic"] = 0.9, ["amazing"] = 0.9, ["enjoy"] = 0.6, ["enjoyed"] = 0.6,
    };

    private static readonly HashSet<string> PositiveEmoji = ["👍", "🙏", "😊", "🙂", "😀", "😃", "😄", "😁", "❤", "❤️", "🥰", "😍", "🎉", "👏", "💪", "🌞", "☀️", "😎", "🤩", "✨", "💚", "💙"];
    private static readonly HashSet<string> NegativeEmoji = ["😡", "😠", "🤬", "😢", "😭", "😞", "😔", "😩", "😫", "👎", "💩", "😱", "😤", "🙁", "☹️", "😒", "🤮", "😨", "😰"];

    private static readonly Dictionary<string, Dictionary<string, (double Polarity, double Intensity)>> Lexicons = new()
    {
        ["nl"] = Load("nl"),
        ["en"] = Load("en"),
    };

    /// <summary>
    /// [0] positive weight, [1] negative weight, [2] negations, [3] exclamation marks, [4] question marks,
    /// [5] positive emoji, [6] negative emoji, [7] share of letters in capitals (shouting).
    /// </summary>
    public static float[] Compute(string text, string language) => Compute(text, TextTokens.Words(text), language);

    /// <summary>As <see cref="Compute(string, string)"/>, for a caller that already has the message's words.</summary>
    internal static float[] Compute(string text, IReadOnlyList<string> words, string language)
    {
        var signals = new float[Count];
        var lexicon = Lexicons[language == LanguageDetector.English ? "en" : "nl"];
        var other = Lexicons[language == LanguageDetector.English ? "nl" : "en"];
        var negateFor = 0;
        var boost = 1.0;
        foreach (var word in words)
        {
            if (PositiveEmoji.Contains(word))
            {
                signals[5]++;
                continue;
            }

            if (NegativeEmoji.Contains(word))
            {
                signals[6]++;
                continue;
            }

            if (Negators.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal))
            {
                signals[2]++;
                negateFor = 3;
                continue;
            }

            if (Intensifiers.Contains(word))
            {
                boost = 1.6;
                continue;
            }

            var polarity = Domain.TryGetValue(word, out var d) ? d
                : lexicon.TryGetValue(word, out var l) ? l.Polarity
                : other.TryGetValue(word, out var o) ? o.Polarity * 0.8
                : 0;
            if (polarity != 0)
            {
                // "niet slecht" is mildly positive, "niet goed" clearly negative: negation flips and dampens.
                polarity = (negateFor > 0 ? -polarity * (polarity < 0 ? 0.6 : 0.9) : polarity) * boost;
                signals[polarity > 0 ? 0 : 1] += (float)Math.Abs(polarity);
                boost = 1.0;
            }

            negateFor = Math.Max(0, negateFor - 1);
        }

        signals[3] = Math.Min(5, text.Count(c => c == '!'));
        signals[4] = Math.Min(5, text.Count(c => c == '?'));
        var letters = text.Where(char.IsLetter).ToList();
        signals[7] = letters.Count >= 8 ? letters.Count(char.IsUpper) / (float)letters.Count : 0;
        return signals;
    }

    private static Dictionary<string, (double, double)> Load(string language)
    {
        using var stream = typeof(SentimentSignals).Assembly.GetManifestResourceStream($"VeerkrachtBot.Language.sentiment-{language}.tsv")
            ?? throw new InvalidOperationException($"The sentiment table for '{language}' is not embedded.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (line.StartsWith('#') || parts.Length != 3 || Intensifiers.Contains(parts[0]))
            {
                continue;
            }

            table[parts[0]] = (double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        return table;
    }
}
