using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Core.Digests.Clustering;

/// <summary>One message to group: its redacted text, language and themes.</summary>
/// <param name="Id">A unique, stable id (the idea id): the order of ids, not of rows, decides ties.</param>
/// <param name="Text">The redacted text.</param>
/// <param name="Language"><c>nl</c> or <c>en</c> (other values are read as Dutch).</param>
/// <param name="ThemeIds">The message's themes.</param>
public sealed record ClusterItem(string Id, string Text, string Language, IReadOnlyList<string> ThemeIds);

/// <summary>How messages are compared and when two groups are one concern; the defaults were chosen on the development part of <c>corpus/clusters</c>.</summary>
public sealed record ClusteringSettings
{
    /// <summary>Mean cosine similarity at which two groups are the same concern.</summary>
    public double Threshold { get; init; } = 0.20;

    /// <summary>Weight of the shared-themes block against the words block (1).</summary>
    public double ThemeWeight { get; init; } = 0.2;

    /// <summary>Weight of the character n-grams of long words (parts of Dutch compounds, typos) against the words block.</summary>
    public double CharGramWeight { get; init; } = 0.5;

    /// <summary>Length of those character n-grams.</summary>
    public int CharGramLength { get; init; } = 5;

    /// <summary>Weight of a concept named (<c>Resources/concern-words.txt</c>: the same thing in other words or the other language) against one word, in the words block.</summary>
    public double ConceptWeight { get; init; } = 2.0;
}

/// <summary>
/// Groups messages that say the same thing, locally and deterministically: stemmed words weighted by TF-IDF over
/// the batch, character n-grams of long words (so "lantaarnpaal" meets "lantaarnpalen" and "straatlantaarn"), and
/// the themes, in one unit vector per message; then <see cref="AverageLinkage"/> at a threshold.
/// </summary>
public static class ConcernClusterer
{
    /// <summary>
    /// The groups, as lists of item indices: each group ordered by id, groups ordered by their first id. Empty texts
    /// stay alone. The same items give the same groups in any order.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<ClusterItem> items, ClusteringSettings? settings = null) =>
        Run(items, settings ?? new ClusteringSettings()).Groups;

    /// <summary>The groups and each item's unit vector (by item index), for choosing a representative.</summary>
    internal static (IReadOnlyList<IReadOnlyList<int>> Groups, SparseVector[] Vectors) Run(IReadOnlyList<ClusterItem> items, ClusteringSettings settings)
    {
        var order = Enumerable.Range(0, items.Count).OrderBy(i => items[i].Id, StringComparer.Ordinal).ToArray();
        var sorted = order.Select(i => items[i]).ToList();
        var vectors = Vectorize(sorted, settings);
        var labels = AverageLinkage.Cluster(vectors, settings.Threshold);
        var byItem = new SparseVector[items.Count];
        for (var k = 0; k < order.Length; k++)
        {
            byItem[order[k]] = vectors[k];
        }

        var groups = Enumerable.Range(0, sorted.Count)
            .GroupBy(i => labels[i])
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<int>)g.Select(i => order[i]).ToList())
            .ToList();
        return (groups, byItem);
    }

    /// <summary>
    /// Of <paramref name="candidates"/>, the item closest to the centre of <paramref name="group"/> (highest mean
    /// similarity to its members); ties go to the lower id.
    /// </summary>
    internal static int Representative(IReadOnlyList<ClusterItem> items, SparseVector[] vectors, IReadOnlyList<int> group, IReadOnlyList<int> candidates)
    {
        var centre = group.Select(i => vectors[i]).Aggregate((a, b) => a.Plus(b));
        return candidates
            .OrderByDescending(i => Math.Round(vectors[i].Dot(centre), 9))
            .ThenBy(i => items[i].Id, StringComparer.Ordinal)
            .First();
    }

    /// <summary>The unit vectors of a batch, in the batch's order (IDF is the batch's own).</summary>
    internal static List<SparseVector> Vectorize(IReadOnlyList<ClusterItem> items, ClusteringSettings settings)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var features = items.Select(item => Features(item, settings)).ToList();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in features.SelectMany(f => f.Words.Keys.Concat(f.Grams.Keys).Concat(f.Concepts.Keys)))
        {
            documentFrequency[feature] = documentFrequency.GetValueOrDefault(feature) + 1;
        }

        var n = items.Count;
        double Idf(string feature) => Math.Log((1.0 + n) / (1.0 + documentFrequency[feature])) + 1;
        int Index(string feature)
        {
            if (!vocabulary.TryGetValue(feature, out var index))
            {
                vocabulary[feature] = index = vocabulary.Count;
            }

            return index;
        }

        var vectors = new List<SparseVector>(n);
        foreach (var (words, grams, concepts, themes) in features)
        {
            var combined = new Dictionary<int, double>();
            void AddBlock(IEnumerable<(string Feature, double Weight)> block, double blockWeight)
            {
                var weighted = block.ToList();
                var norm = Math.Sqrt(weighted.Sum(w => w.Weight * w.Weight));
                if (norm == 0 || blockWeight == 0)
                {
                    return;
                }

                foreach (var (feature, weight) in weighted)
                {
                    var index = Index(feature);
                    combined[index] = combined.GetValueOrDefault(index) + blockWeight * weight / norm;
                }
            }

            // Concepts share the words' block: one concept word among many other words weighs like one word, not like half the message.
            AddBlock(words.Select(w => (w.Key, (1 + Math.Log(w.Value)) * Idf(w.Key)))
                .Concat(concepts.Select(c => (c.Key, settings.ConceptWeight * (1 + Math.Log(c.Value)) * Idf(c.Key)))), 1);
            AddBlock(grams.Select(g => (g.Key, (1 + Math.Log(g.Value)) * Idf(g.Key))), settings.CharGramWeight);
            if (words.Count > 0)
            {
                // Themes only join a message that has words: an empty text should not merge on its themes alone.
                AddBlock(themes.Select(t => (t, 1.0)), settings.ThemeWeight);
            }

            vectors.Add(SparseVector.From(combined).Normalized());
        }

        return vectors;
    }

    private static (Dictionary<string, int> Words, Dictionary<string, int> Grams, Dictionary<string, int> Concepts, List<string> Themes) Features(ClusterItem item, ClusteringSettings settings)
    {
        var language = item.Language == "en" ? "en" : "nl";
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        var concepts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in TextTokens.Words(item.Text))
        {
            if (word.Length <= 2 || KeyPhrases.IsStopWord(word) || TextTokens.IsEmoji(word) || word.All(char.IsDigit) || !word.Any(char.IsLetter))
            {
                continue;
            }

            var folded = TextTokens.Fold(word);
            var stem = "w:" + TextTokens.Stem(folded, language);
            words[stem] = words.GetValueOrDefault(stem) + 1;
            foreach (var concept in ConcernWords.Of(folded))
            {
                concepts["c:" + concept] = concepts.GetValueOrDefault("c:" + concept) + 1;
            }

            if (folded.Length > settings.CharGramLength + 1)
            {
                for (var i = 0; i + settings.CharGramLength <= folded.Length; i++)
                {
                    var gram = "g:" + folded.Substring(i, settings.CharGramLength);
                    grams[gram] = grams.GetValueOrDefault(gram) + 1;
                }
            }
        }

        return (words, grams, concepts, item.ThemeIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => "t:" + t).ToList());
    }
}
