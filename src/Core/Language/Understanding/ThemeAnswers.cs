namespace VeerkrachtBot.Core.Language.Understanding;

/// <summary>
/// Themes typed at the theme list: their numbers as the text version lists them ("1 7", "3 en 4") or their names
/// ("wonen en veiligheid", "geld", "public space"). Only when the text is nothing but themes: "het gaat over de
/// speeltuin" is something else.
/// </summary>
public sealed class ThemeAnswers(ThemeCatalog catalog)
{
    private static readonly HashSet<string> Joiners = ["en", "and", "of", "or", "het", "de", "over", "gaat", "is", "allebei", "both", "nummer", "number", "thema", "onderwerp", "topic"];

    private readonly Dictionary<string, string> _byWord = BuildIndex(catalog);

    /// <summary>The theme ids the text names, in the order typed; null when the text is not (only) themes or names a number that is not on the list.</summary>
    public IReadOnlyList<string>? Read(TypedWords typed)
    {
        var chosen = new List<string>();
        foreach (var word in typed.Words)
        {
            if (TypedWords.Number(word) is { } number)
            {
                if (number < 1 || number > catalog.All.Count)
                {
                    return null;
                }

                chosen.Add(catalog.All[number - 1].Id);
            }
            else if (_byWord.TryGetValue(word, out var theme))
            {
                chosen.Add(theme);
            }
            else if (!Joiners.Contains(word))
            {
                return null;
            }
        }

        return chosen.Count == 0 ? null : chosen.Distinct(StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, string> BuildIndex(ThemeCatalog catalog)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var theme in catalog.All)
        {
            foreach (var word in TypedWords.FoldedWords(theme.LabelNl + " " + theme.LabelEn).Where(w => w.Length >= 3 && !Joiners.Contains(w)))
            {
                index.TryAdd(word, theme.Id);
            }
        }

        return index;
    }
}
