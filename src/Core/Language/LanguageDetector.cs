namespace VeerkrachtBot.Core.Language;

/// <summary>
/// Tells Dutch from English (and from other languages) in short, informal messages: by frequent function
/// words first, then by letter combinations typical of each language. Dutch wins a tie: it is the
/// programme's first language.
/// </summary>
public static class LanguageDetector
{
    /// <summary>Dutch.</summary>
    public const string Dutch = "nl";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Any other language.</summary>
    public const string Other = "other";

    private static readonly HashSet<string> DutchWords = Set("""
        de het een en van ik je jij is dat die niet op te met voor er maar zijn wat ook als bij nog aan om dan wel geen wordt worden
        hebben heb heeft hadden had was waren door naar uit kan kun kunnen moet moeten wij ze zij hij mijn m'n onze ons hun deze dit
        daar hier nu hoe waarom wanneer waar graag veel meer alleen altijd nooit echt heel erg zo gaat gaan doen komen komt weer
        buurt wijk straat mensen kinderen even ff want omdat tot sinds jaar keer bedankt dank hoi hallo goed slecht mooi leuk jullie
        u uw zou zouden zeer vind vindt iets niks niets elke iedereen ben bent mag wil willen kunt weet dus toch zelf onze ja nee
        heeft hebt doet overlast huis gemeente vraag weken jaren dagen geen gewoon echt beetje lekker gezellig vaak soms nieuwe oude
        """);

    private static readonly HashSet<string> EnglishWords = Set("""
        the a an and of i you it not on to with for there but are what also if at still about then no be have has was were been by
        from out can must should they he she my our us their this these here all now how why when where please many more only always
        never really very going do does don't doesn't come again neighbourhood neighborhood street people children kids just because
        or until since year time thanks thank hi hello good bad nice would could will it's i'm any some too lot lots get got there's
        can't isn't aren't wasn't didn't your we're they're which who been being every everyone anything nothing something back
        """);

    private static readonly HashSet<string> OtherWords = Set("""
        le la les des est et suis du pas très une dans pour avec qui nous vous sont mais c'est
        der das und ist nicht ich sehr mit auf für eine einen wir sind aber auch
        ve bir bu çok için ile ama değil var yok ben sen
        el los las que muy para con por una pero como está
        """);

    private static readonly string[] DutchGrams = ["ij", "oe", "ui", "aa", "ee", "sch", "cht", "uu", "eu", "oo", "lijk", "heid", "tje"];
    private static readonly string[] EnglishGrams = ["th", "sh", "wh", "ing", "ould", "ght", "tion", "ck", "ea", "ly", "w"];

    /// <summary>The language of <paramref name="text"/>: <c>nl</c>, <c>en</c> or <c>other</c>.</summary>
    public static string Detect(string text) => Weigh(text).Language;

    /// <summary>
    /// Dutch or English only when the text's own function words say so; null when the guess rests on letter
    /// combinations alone (a text in Polish or Somali is "Dutch" by the tie rule) or the language is another one.
    /// For deciding what to tell a service that analyses the text in a language.
    /// </summary>
    public static string? DetectDutchOrEnglishByWords(string text) => Weigh(text) is { ByWords: true, Language: Dutch or English } weighed ? weighed.Language : null;

    private static (string Language, bool ByWords) Weigh(string text)
    {
        var letters = text.Take(TextTokens.MaxLength).Where(char.IsLetter).ToList();
        if (letters.Count > 0 && letters.Count(c => c > 'ʯ') * 10 > letters.Count * 6)
        {
            return (Other, false); // mostly non-Latin script: Arabic, Cyrillic, Chinese, ...
        }

        var words = TextTokens.Words(text).Where(w => !TextTokens.IsEmoji(w)).ToList();
        int nl = words.Count(DutchWords.Contains), en = words.Count(EnglishWords.Contains), other = words.Count(OtherWords.Contains);
        if (other > nl && other > en && other >= 2)
        {
            return (Other, true);
        }

        if (nl != en)
        {
            return (nl > en ? Dutch : English, true);
        }

        var joined = string.Join(' ', words);
        var dutchGrams = DutchGrams.Sum(g => Count(joined, g));
        var englishGrams = EnglishGrams.Sum(g => Count(joined, g));
        return (englishGrams > dutchGrams ? English : Dutch, false);
    }

    private static int Count(string text, string gram)
    {
        var count = 0;
        for (var i = text.IndexOf(gram, StringComparison.Ordinal); i >= 0; i = text.IndexOf(gram, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static HashSet<string> Set(string words) =>
        words.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
