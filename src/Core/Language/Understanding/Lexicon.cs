namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>
/// Which words carry content. A short text is something to share when it holds a content word that signals a
/// concern ("hondenpoep!", "kapotte lamp"): a theme keyword, also inside a compound, or a word for something
/// broken, dirty or dangerous. Function words, yes/no, greetings and command words are no content.
/// </summary>
internal static class Lexicon
{
    private static readonly HashSet<string> FunctionWords = new("""
        de het een en of van in op aan bij met voor naar om uit te tot door over onder tussen na als dan dat die dit deze daar hier er
        ik je jij u hij zij ze we wij jullie mij me mijn m'n mn zn z'n jou jouw uw ons onze hun hen haar zijn zich zelf
        is ben bent was waren wordt worden word zijn heb hebt heeft hebben had kan kun kunt kunnen wil wilt willen moet moeten mag zal zou
        niet geen wel ook nog al weer maar want omdat toch nu even echt heel erg zo veel meer wat wie waar wanneer hoe waarom welke
        iets niks niets alles iemand niemand weet weten denk denken vind vinden gaat gaan doe doet doen komt komen zeg zeggen
        ok oke hmm hm huh eh uh lol haha test testen chat ff effe misschien later ergens anders nou dus hoor he hey joh
        the a an and or of in on at to for with by from about as is am are was were be been it its this that these those there here
        i you he she we they me my your our their us them not no yes do does did have has had can could will would should may might
        what who where when how why which just really very so too also only some any all more much many maybe something nothing
        """.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    // Words for what is wrong; with one of these, one or two words are a concern ("kapotte lamp", "vies!").
    private static readonly string[] ConcernStems =
    [
        "kapot", "stuk", "vies", "smerig", "gevaarlijk", "gevaar", "onveilig", "overlast", "lawaai", "herrie", "stank", "stinkt", "schimmel",
        "troep", "rommel", "afval", "vuil", "poep", "kots", "glas", "drempel", "donker", "te hard", "broken", "dirty", "dangerous", "unsafe", "noise",
        "smell", "stinks", "rubbish", "trash", "litter", "mess", "leak", "mould", "mold", "rats", "ratten",
    ];

    /// <summary>Whether the word is only function, filler, yes/no or command: it says nothing of its own.</summary>
    public static bool IsFunction(string word) =>
        FunctionWords.Contains(word) || CommandWords.IsFiller(word) || CommandWords.IsCommandWord(word) || YesNo.Words.Contains(word) || TypedWords.Number(word) is not null;

    /// <summary>Whether the word says nothing of its own, but may name a flow ("meemakers" is a command word and a meeting's title).</summary>
    public static bool IsStopword(string word) =>
        FunctionWords.Contains(word) || CommandWords.IsFiller(word) || YesNo.Words.Contains(word) || TypedWords.Number(word) is not null;

    /// <summary>The words of a text that carry content.</summary>
    public static List<string> ContentWords(IReadOnlyList<string> words) => words.Where(w => !IsFunction(w)).ToList();

    /// <summary>Whether a content word signals a concern: a theme keyword (also inside a compound) or a word for something wrong.</summary>
    public static bool SignalsConcern(IReadOnlyList<string> contentWords) =>
        contentWords.Any(w => ConcernStems.Any(s => w.StartsWith(s, StringComparison.Ordinal) || (s.Length >= 4 && w.Contains(s, StringComparison.Ordinal))))
        || ThemeKeywords.Counts(contentWords).Any(c => c > 0);
}
