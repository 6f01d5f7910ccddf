using VeerkrachtBot.Core.Language.Understanding;

namespace VeerkrachtBot.Core.Neighbourhoods;

/// <summary>
/// Finds the neighbourhood a typed text names: its name (also with a typo: "potteberg", "nazaret") or one of its
/// streets ("ik woon op de Chamottestraat", "terra cotta laan"). When a text names two neighbourhoods, the one
/// where the resident says they live wins ("pottenberg maar ik werk in nazareth"); otherwise nothing is found.
/// </summary>
public sealed class NeighbourhoodFinder(NeighbourhoodCatalog catalog)
{
    private static readonly HashSet<string> LiveCues = ["woon", "wonen", "woont", "woonachtig", "live", "living", "lives"];
    private static readonly HashSet<string> ElsewhereCues = ["werk", "werken", "werkt", "work", "working", "school", "familie", "family", "vroeger", "used", "niet", "not"];
    private static readonly string[] StreetSuffixes = ["straat", "laan", "plein", "weg", "pad", "hof", "singel", "park"];

    private readonly List<(string Key, string NeighbourhoodId)> _names = catalog.All.Select(n => (Key(n.Name), n.Id)).ToList();
    private readonly List<(string Key, string NeighbourhoodId)> _streets = catalog.All.SelectMany(n => n.Streets.Select(s => (Key(s), n.Id))).ToList();

    /// <summary>The neighbourhood the text names, or null (none, or more than one without a word saying where the resident lives).</summary>
    public Neighbourhood? Find(string? text) => Find(TypedWords.Of(text));

    /// <summary>The neighbourhood the typed words name, or null.</summary>
    public Neighbourhood? Find(TypedWords typed)
    {
        var found = Mentions(typed.Words);
        var ids = found.Select(f => f.NeighbourhoodId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count <= 1)
        {
            return catalog.Find(ids.FirstOrDefault());
        }

        var lived = found.Where(f => Preceded(typed.Words, f.Position, LiveCues)).Select(f => f.NeighbourhoodId).Distinct(StringComparer.Ordinal).ToList();
        if (lived.Count == 1)
        {
            return catalog.Find(lived[0]);
        }

        var notElsewhere = found.Where(f => !Preceded(typed.Words, f.Position, ElsewhereCues)).Select(f => f.NeighbourhoodId).Distinct(StringComparer.Ordinal).ToList();
        return notElsewhere.Count == 1 && found.Any(f => Preceded(typed.Words, f.Position, ElsewhereCues)) ? catalog.Find(notElsewhere[0]) : null;
    }

    /// <summary>
    /// The positions of the words that name a neighbourhood or street, and how many words they take: what is left
    /// of the text is what else the resident said.
    /// </summary>
    public List<(string NeighbourhoodId, int Position, int Length)> Mentions(IReadOnlyList<string> words)
    {
        var found = new List<(string, int, int)>();
        for (var i = 0; i < words.Count; i++)
        {
            // Streets are often typed in parts ("terra cotta laan", "kasteel petersheimstraat"): try up to four words joined.
            var matched = false;
            for (var length = Math.Min(4, words.Count - i); length >= 1 && !matched; length--)
            {
                var joined = string.Concat(words.Skip(i).Take(length));
                if (Match(_streets, joined, street: true) is { } street)
                {
                    found.Add((street, i, length));
                    i += length - 1;
                    matched = true;
                }
                else if (length == 1 && Match(_names, joined, street: false) is { } name)
                {
                    found.Add((name, i, 1));
                    matched = true;
                }
            }
        }

        return found;
    }

    private static string? Match(List<(string Key, string NeighbourhoodId)> candidates, string word, bool street)
    {
        if (word.Length < 5)
        {
            return null;
        }

        // A typo is allowed in longer names; a street must end like a street, so "email" is not the Emailstraat.
        var allowed = word.Length >= 9 ? 2 : word.Length >= 6 ? 1 : 0;
        foreach (var (key, id) in candidates)
        {
            if (street && !StreetSuffixes.Any(s => word.EndsWith(s, StringComparison.Ordinal)))
            {
                continue;
            }

            if (TypedWords.Distance(key, word, allowed) <= allowed)
            {
                return id;
            }
        }

        return null;
    }

    private static bool Preceded(IReadOnlyList<string> words, int position, HashSet<string> cues) =>
        Enumerable.Range(Math.Max(0, position - 4), position - Math.Max(0, position - 4)).Any(i => cues.Contains(words[i]));

    private static string Key(string name) => string.Concat(TypedWords.FoldedWords(name));
}
