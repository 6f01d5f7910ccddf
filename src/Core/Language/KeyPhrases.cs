namespace VeerkrachtBot.Core.Language;

/// <summary>
/// Key phrases for digests: runs of content words between stop words (RAKE), scored by how connected and
/// frequent their words are, one phrase per stem so "speeltuin" and "speeltuinen" do not both appear.
/// </summary>
public static partial class KeyPhrases
{
    private static readonly HashSet<string> StopWords = new("""
        de het een en van ik je jij is dat die niet op te met voor er maar zijn wat ook als bij nog aan om dan wel geen wordt worden
        hebben heb heeft had was waren door naar uit kan kun kunnen moet moeten we wij ze zij hij mijn m'n onze ons hun deze dit daar
        hier nu hoe waarom wanneer waar graag veel meer alleen altijd nooit echt heel erg zo gaat gaan doen komen komt weer even ff
        want omdat of tot sinds keer al jullie u uw zou zouden zeer vind vindt iets niks niets elke iedereen ben bent mag wil willen
        kunt weet dus toch zelf ja nee hoi hallo doet gewoon beetje vaak soms in over onder tussen na nou hé he oke ok oké super goed
        the a an and of i you it not on to with for there but are what also if at still about then no be have has was were been by
        from out can must should they he she my our us their this these here all now how why when where please many more only
        always never really very going do does don't come again just because or until since time thanks thank hi hello would could
        will it's i'm any some too lot get got there's can't isn't your we're they're which who every everyone anything nothing
        something back me him her them its am is into than like
        """.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Whether a lower-cased word carries no topic of its own (Dutch and English function words, greetings).</summary>
    internal static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>At most <paramref name="max"/> key phrases of the text, best first.</summary>
    public static IReadOnlyList<string> Extract(string text, string language, int max = 5)
    {
        var phrases = new List<List<string>>();
        var current = new List<string>();
        // The redaction's placeholders ("[naam]", "[e-mail]") are no topic: they end a phrase like a stop word.
        foreach (var word in TextTokens.Words(Placeholder().Replace(text, " ... ")))
        {
            var isContent = word.Length > 2 && !StopWords.Contains(word) && !TextTokens.IsEmoji(word) && !word.All(char.IsDigit) && !word.StartsWith('[');
            if (isContent && current.Count < 3)
            {
                current.Add(word);
                continue;
            }

            if (current.Count > 0)
            {
                phrases.Add(current);
            }

            current = isContent ? [word] : [];
        }

        if (current.Count > 0)
        {
            phrases.Add(current);
        }

        var frequency = phrases.SelectMany(p => p).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var degree = phrases.SelectMany(p => p.Select(w => (w, p.Count))).GroupBy(x => x.w).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        return phrases
            .Select(p => (Phrase: string.Join(' ', p), Score: p.Sum(w => degree[w] / (double)frequency[w]) + p.Sum(w => Math.Min(w.Length, 12)) / 20.0,
                Stem: string.Join(' ', p.Select(w => TextTokens.Stem(TextTokens.Fold(w), language)))))
            .OrderByDescending(p => p.Score)
            .DistinctBy(p => p.Stem)
            .Take(max)
            .Select(p => p.Phrase)
            .ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[[a-z-]+\]")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
