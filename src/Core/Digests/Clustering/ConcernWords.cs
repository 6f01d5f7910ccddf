namespace VeerkrachtBot.Core.Digests.Clustering;

/// <summary>
/// Domain knowledge for grouping: words that name the same thing a resident raises, Dutch and English
/// (<c>Resources/concern-words.txt</c>), so "lantaarnpaal", "straatverlichting" and "street lights" count as one
/// thing. A word of six or more letters also counts inside a Dutch compound.
/// </summary>
internal static class ConcernWords
{
    private const int MinInside = 6;

    private static readonly Dictionary<string, string[]> Index = Load();

    private static readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> Lookup = Index.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int LongestWord = Index.Keys.Max(k => k.Length);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Beginnings =
        Index.Keys.Where(k => k.Length >= MinInside).Select(k => k[..MinInside]).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The concepts a folded, lower-case word names (none for most words).</summary>
    public static IEnumerable<string> Of(string word)
    {
        if (Lookup.TryGetValue(word, out var exact))
        {
            return exact;
        }

        HashSet<string>? found = null;
        for (var start = 0; start + MinInside <= word.Length; start++)
        {
            // Every listed word starts with one of the listed beginnings: most places in a word start none.
            if (!Beginnings.Contains(word.AsSpan(start, MinInside)))
            {
                continue;
            }

            for (var length = MinInside; length <= LongestWord && start + length <= word.Length; length++)
            {
                if (length < word.Length && Lookup.TryGetValue(word.AsSpan(start, length), out var inside))
                {
                    (found ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(inside);
                }
            }
        }

        return found is null ? [] : found.Order(StringComparer.Ordinal);
    }

    private static Dictionary<string, string[]> Load()
    {
        using var stream = typeof(ConcernWords).Assembly.GetManifestResourceStream("VeerkrachtBot.Digests.concern-words.txt")
            ?? throw new InvalidOperationException("The concern words are not embedded.");
        using var reader = new StreamReader(stream);
        var pairs = new List<(string Word, string Concept)>();
        while (reader.ReadLine() is { } line)
        {
            var colon = line.IndexOf(':');
            if (line.StartsWith('#') || colon < 0)
            {
                continue;
            }

            var concept = line[..colon].Trim();
            pairs.AddRange(line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (w, concept)));
        }

        return pairs.GroupBy(p => p.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Concept).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }
}
