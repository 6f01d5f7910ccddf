using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;

namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>
/// How many people: "2", "twee", "met z'n tweeën", "two of us", "alleen ik", "ik en mijn man", "ik met mijn 2
/// kinderen". Number words come from Microsoft.Recognizers.Text (Dutch and English); the Dutch collective numerals
/// ("met z'n drieën") and "me and my wife" are ours.
/// </summary>
public static class PartySizes
{
    private static readonly Dictionary<string, int> Collective = new(StringComparer.Ordinal)
    {
        ["tweeen"] = 2, ["drieen"] = 3, ["vieren"] = 4, ["vijven"] = 5, ["zessen"] = 6, ["zevenen"] = 7, ["achten"] = 8, ["negenen"] = 9, ["tienen"] = 10,
    };

    private static readonly HashSet<string> Self = ["ik", "me", "mij", "i", "i'll", "ill", "i'm", "im", "myself", "mezelf"];
    private static readonly HashSet<string> Alone = ["alleen", "alone", "only", "just", "solo", "myself", "mezelf"];
    private static readonly HashSet<string> Everyone = ["personen", "persoon", "mensen", "people", "persons", "man", "in", "totaal", "total"];
    private static readonly HashSet<string> Together = ["en", "met", "and", "with", "plus", "+"];
    private static readonly HashSet<string> Companions = new(StringComparer.Ordinal)
    {
        "man", "vrouw", "partner", "vriend", "vriendin", "moeder", "vader", "mama", "papa", "zoon", "dochter", "kind", "buurman", "buurvrouw",
        "broer", "zus", "oma", "opa", "wife", "husband", "friend", "mother", "father", "mum", "mom", "dad", "son", "daughter", "child", "kid",
        "neighbour", "neighbor", "brother", "sister", "grandma", "grandpa", "baby",
    };

    private static readonly Lazy<IModel> DutchNumbers = new(() => new NumberRecognizer(Culture.Dutch).GetNumberModel());
    private static readonly Lazy<IModel> EnglishNumbers = new(() => new NumberRecognizer(Culture.English).GetNumberModel());

    /// <summary>The number of people the text says, or null.</summary>
    public static int? Read(TypedWords typed)
    {
        var words = typed.Words;
        if (words.Count == 0 || words.Count > 10)
        {
            return null;
        }

        // "met z'n tweeën", "met zn tweeen", "met ons vieren"
        foreach (var word in words)
        {
            if (Collective.TryGetValue(word, out var together))
            {
                return together;
            }
        }

        var at = words.ToList().FindIndex(w => TypedWords.Number(w) is not null);
        var number = at >= 0 ? TypedWords.Number(words[at]) : Recognized(typed.Text);
        var self = words.Any(Self.Contains);
        var withOthers = words.Any(Together.Contains);
        if (number is { } n)
        {
            // "ik met mijn 2 kinderen", "me and 2 kids": the others plus the resident; "ik kom met 3 personen" is all of them.
            var selfAt = words.ToList().FindIndex(Self.Contains);
            var others = at > 0 && selfAt >= 0 && selfAt < at && words.Skip(selfAt).Take(at - selfAt).Any(Together.Contains)
                && !(at + 1 < words.Count && Everyone.Contains(words[at + 1]));
            return others ? n + 1 : n;
        }

        if (self && withOthers && words.Any(Companions.Contains))
        {
            return 2;
        }

        return words.Any(Alone.Contains) && (self || words.Count == 1 || words.Contains("me")) ? 1 : null;
    }

    private static int? Recognized(string text)
    {
        foreach (var model in new[] { DutchNumbers.Value, EnglishNumbers.Value })
        {
            foreach (var result in model.Parse(text))
            {
                if (result.Resolution?.TryGetValue("value", out var value) == true
                    && double.TryParse(value?.ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    && n >= 1 && n <= 999 && n == Math.Floor(n))
                {
                    return (int)n;
                }
            }
        }

        return null;
    }
}
