namespace VeerkrachtBot.Core.Language;

/// <summary>
/// Domain knowledge for the theme model: words that signal each theme, in Dutch and English, from the
/// programme's theme descriptions and the annotation guidelines (<c>Resources/theme-keywords.txt</c>). The model
/// gets, per theme, how many of them a message holds; a word also counts inside a Dutch compound ("buurtkoor"
/// holds "koor"). The model still decides how much they weigh.
/// </summary>
internal static class ThemeKeywords
{
    // keyword → the themes it signals; looked up by span so compound search does not allocate.
    private static readonly Dictionary<string, int[]> Index = Load();

    private static readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Lookup = Index.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int LongestKeyword = Index.Keys.Max(k => k.Length);

    /// <summary>Number of themes in the table (one feature each).</summary>
    public const int Count = 10;

    /// <summary>Per theme, how many words of the message signal it (a word counts once per theme).</summary>
    public static float[] Counts(IReadOnlyList<string> words)
    {
        var counts = new float[Count];
        Span<bool> seen = stackalloc bool[Count];
        foreach (var word in words)
        {
            seen.Clear();
            if (Lookup.TryGetValue(word, out var exact))
            {
                // A keyword as a whole word says what it is about: "huiswerk" is school work, not a job ("werk").
                Mark(exact, seen);
            }
            else
            {
                // A keyword of 4+ letters also counts inside a longer (compound) word: "buurtkoor" holds "koor".
                for (var start = 0; start + 4 <= word.Length; start++)
                {
                    for (var length = 4; length <= LongestKeyword && start + length <= word.Length; length++)
                    {
                        if (length < word.Length && Lookup.TryGetValue(word.AsSpan(start, length), out var inside))
                        {
                            Mark(inside, seen);
                        }
                    }
                }
            }

            for (var t = 0; t < seen.Length; t++)
            {
                counts[t] += seen[t] ? 1 : 0;
            }
        }

        return counts;
    }

    private static void Mark(int[] themes, Span<bool> seen)
    {
        foreach (var theme in themes)
        {
            seen[theme] = true;
        }
    }

    private static Dictionary<string, int[]> Load()
    {
        using var stream = typeof(ThemeKeywords).Assembly.GetManifestResourceStream("VeerkrachtBot.Language.theme-keywords.txt")
            ?? throw new InvalidOperationException("The theme keywords are not embedded.");
        using var reader = new StreamReader(stream);
        var themes = new List<string>();
        var words = new List<(string Word, int Theme)>();
        while (reader.ReadLine() is { } line)
        {
            var colon = line.IndexOf(':');
            if (line.StartsWith('#') || colon < 0)
            {
                continue;
            }

            var theme = line[..colon].Trim();
            if (!themes.Contains(theme))
            {
                themes.Add(theme);
            }

            words.AddRange(line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (w, themes.IndexOf(theme))));
        }

        if (themes.Count != Count)
        {
            throw new InvalidDataException($"Expected keywords for {Count} themes, found {themes.Count}.");
        }

        return words.GroupBy(x => x.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Theme).Distinct().ToArray(), StringComparer.Ordinal);
    }
}
