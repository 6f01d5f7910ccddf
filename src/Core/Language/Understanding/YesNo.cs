namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>Yes and no the ways people say them in a chat, in Dutch and English ("is goed", "bel me maar", "liever niet", "no thanks", 👍).</summary>
public static class YesNo
{
    private static readonly string[][] YesPhrases = TypedWords.Phrases(
        "ja", "jaa", "jaaa", "jawel", "jazeker", "jahoor", "jep", "zeker", "graag", "prima", "goed", "oke", "okee", "ok", "okay", "okey", "oki", "akkoord",
        "natuurlijk", "tuurlijk", "uiteraard", "absoluut", "mag", "dat mag", "is goed", "doe maar", "bel maar", "bel me maar", "bel mij maar",
        "mail me maar", "mail maar", "app me maar", "app maar", "bel me", "mail me", "yes", "yeah", "yea", "yep", "yup", "sure", "fine", "of course",
        "ofcourse", "please call me", "please do", "please", "alright", "allright", "agreed", "that's fine", "thats fine", "definitely", "certainly");

    private static readonly string[][] NoPhrases = TypedWords.Phrases(
        "nee", "neen", "neee", "neeee", "neuh", "nope", "no", "nah", "nay", "liever niet", "hoeft niet", "niet nodig", "niet doen", "niet bellen",
        "toch niet", "laat maar", "geen contact", "no thanks", "no thank you", "rather not", "not needed", "no need", "not necessary", "don't", "dont",
        "i'd rather not", "id rather not");

    private static readonly HashSet<string> YesEmoji = ["👍", "👌", "✅", "🙂", "😊", "👍🏻", "👍🏼", "👍🏽", "👍🏾", "👍🏿"];
    private static readonly HashSet<string> NoEmoji = ["👎", "❌", "🙅", "👎🏻", "👎🏼", "👎🏽", "👎🏾", "👎🏿"];

    /// <summary>All words that say yes or no (so they are no content of a message).</summary>
    internal static HashSet<string> Words { get; } = YesPhrases.Concat(NoPhrases).SelectMany(p => p).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// True for yes, false for no, null when the text says neither. A text that starts with yes or no ("ja, mail naar
    /// ...", "nee, dat hoeft niet") is that answer; a longer text only when it says nothing else.
    /// </summary>
    public static bool? Read(TypedWords typed)
    {
        var words = typed.Words;
        if (words.Count == 0)
        {
            return typed.Emoji.Any(NoEmoji.Contains) ? false : typed.Emoji.Any(YesEmoji.Contains) ? true : null;
        }

        // The earliest yes or no wins; a "no" phrase that holds a yes word ("niet goed") is found at the same place and is longer.
        var best = (Position: int.MaxValue, Length: 0, Yes: (bool?)null);
        Find(NoPhrases, false);
        Find(YesPhrases, true);
        if (best.Yes is null)
        {
            return null;
        }

        // "ja" at the start, or a short text: the answer. Later in a long text it is part of something else said.
        return best.Position <= 1 || words.Count <= 5 ? best.Yes : null;

        void Find(string[][] phrases, bool yes)
        {
            foreach (var phrase in phrases)
            {
                var at = TypedWords.IndexOf(words, phrase);
                if (at >= 0 && (at < best.Position || (at == best.Position && phrase.Length > best.Length)))
                {
                    best = (at, phrase.Length, yes);
                }
            }
        }
    }

}
