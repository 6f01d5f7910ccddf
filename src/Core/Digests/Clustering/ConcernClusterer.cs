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
        Run(items, [], settings ?? new ClusteringSettings()).Groups;

    /// <summary>
    /// Groups <paramref name="items"/>; <paramref name="context"/> (the previous period) shares the vector space (words
    /// weighted over both) but is not grouped, so it can be compared with the groups afterwards.
    /// </summary>
    internal static (IReadOnlyList<IReadOnlyList<int>> Groups, SparseVector[] Vectors, SparseVector[] ContextVectors) Run(
        IReadOnlyList<ClusterItem> items, IReadOnlyList<ClusterItem> context, ClusteringSettings settings)
    {
        var order = Enumerable.Range(0, items.Count).OrderBy(i => items[i].Id, StringComparer.Ordinal).ToArray();
        var contextOrder = Enumerable.Range(0, context.Count).OrderBy(i => context[i].Id, StringComparer.Ordinal).ToArray();
        var all = Vectorize([.. order.Select(i => items[i]), .. contextOrder.Select(i => context[i])], settings);
        var vectors = all.Take(order.Length).ToList();
        var labels = AverageLinkage.Cluster(vectors, settings.Threshold);
        var byItem = new SparseVector[items.Count];
        for (var k = 0; k < order.Length; k++)
        {
            byItem[order[k]] = vectors[k];
        }

        var byContext = new SparseVector[context.Count];
        for (var k = 0; k < contextOrder.Length; k++)
        {
            byContext[contextOrder[k]] = all[order.Length + k];
        }

        var groups = Enumerable.Range(0, order.Length)
            .GroupBy(i => labels[i])
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<int>)g.Select(i => order[i]).ToList())
            .ToList();
        return (groups, byItem, byContext);
    }

    /// <summary>The sum of a group's vectors: its mean similarity to a unit vector v is v · sum / size.</summary>
    internal static SparseVector Sum(SparseVector[] vectors, IReadOnlyList<int> group) => group.Select(i => vectors[i]).Aggregate((a, b) => a.Plus(b));

    /// <summary>
    /// Of <paramref name="candidates"/>, the item closest to the centre of <paramref name="group"/> (highest mean
    /// similarity to its members); ties go to the lower id.
    /// </summary>
    internal static int Representative(IReadOnlyList<ClusterItem> items, SparseVector[] vectors, IReadOnlyList<int> group, IReadOnlyList<int> candidates)
    {
        var centre = Sum(vectors, group);
        return candidates
            .OrderByDescending(i => Math.Round(vectors[i].Dot(centre), 9))
            .ThenBy(i => items[i].Id, StringComparer.Ordinal)
            .First();
    }

    /// <summary>The unit vectors of a batch, in the batch's order (IDF is the batch's own).</summary>
    internal static List<SparseVector> Vectorize(IReadOnlyList<ClusterItem> items, ClusteringSettings settings)
    {
        // Features are numbered per batch; what a word yields (stem, character n-grams, concepts) is worked out once per
        // distinct word, since a week's messages repeat most of their words.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var kinds = new List<FeatureKind>();
        var documentFrequency = new List<int>();
        int Index(string feature, FeatureKind kind)
        {
            if (!vocabulary.TryGetValue(feature, out var index))
            {
                vocabulary[feature] = index = vocabulary.Count;
                kinds.Add(kind);
                documentFrequency.Add(0);
            }

            return index;
        }

        // The same message (text, language and themes) has the same features: it is read once and shares its vector,
        // while each copy still counts in the document frequencies.
        var words = new Dictionary<(string Word, bool English), int[]>();
        var messages = new Dictionary<(string Text, bool English, string Themes), int>();
        var counts = new List<(int[] Features, int[] Counts)>();
        var messageOf = new int[items.Count];
        for (var item = 0; item < items.Count; item++)
        {
            var english = items[item].Language == "en";
            var key = (items[item].Text, english, string.Join('\n', items[item].ThemeIds));
            if (!messages.TryGetValue(key, out var message))
            {
                messages[key] = message = counts.Count;
                counts.Add(Count(items[item], english));
            }

            messageOf[item] = message;
            foreach (var feature in counts[message].Features)
            {
                if (kinds[feature] != FeatureKind.Theme)
                {
                    documentFrequency[feature]++;
                }
            }
        }

        var n = items.Count;
        var inverse = new double[vocabulary.Count];
        for (var feature = 0; feature < inverse.Length; feature++)
        {
            inverse[feature] = Math.Log((1.0 + n) / (1.0 + documentFrequency[feature])) + 1;
        }

        var shared = counts.Select(c => Vector(c.Features, c.Counts)).ToArray();
        return [.. messageOf.Select(message => shared[message])];

        (int[] Features, int[] Counts) Count(ClusterItem item, bool english)
        {
            var count = new Dictionary<int, int>();
            foreach (var word in Words(item.Text))
            {
                if (!words.TryGetValue((word, english), out var features))
                {
                    features = WordFeatures(word, english, settings, Index);
                    words[(word, english)] = features;
                }

                foreach (var feature in features)
                {
                    count[feature] = count.GetValueOrDefault(feature) + 1;
                }
            }

            if (count.Count > 0)
            {
                // Themes only join a message that has words: an empty text should not merge on its themes alone.
                foreach (var theme in item.ThemeIds.Distinct(StringComparer.Ordinal))
                {
                    count[Index("t:" + theme, FeatureKind.Theme)] = 1;
                }
            }

            var indices = count.Keys.ToArray();
            Array.Sort(indices);
            return (indices, [.. indices.Select(i => count[i])]);
        }

        SparseVector Vector(int[] indices, int[] count)
        {
            // Three blocks, each scaled to its weight: words with concepts (1), character n-grams, themes.
            var blocks = new double[3];
            var scale = new[] { 1.0, settings.CharGramWeight, settings.ThemeWeight };
            var values = new double[indices.Length];
            for (var k = 0; k < indices.Length; k++)
            {
                var kind = kinds[indices[k]];
                var weight = kind == FeatureKind.Theme ? 1.0 : (1 + Math.Log(count[k])) * inverse[indices[k]];
                if (kind == FeatureKind.Concept)
                {
                    weight *= settings.ConceptWeight;
                }

                blocks[Block(kind)] += weight * weight;
                values[k] = weight;
            }

            for (var k = 0; k < indices.Length; k++)
            {
                var block = Block(kinds[indices[k]]);
                values[k] = scale[block] * values[k] / Math.Sqrt(blocks[block]);
            }

            return new SparseVector(indices, values).Normalized();
        }
    }

    private enum FeatureKind
    {
        Word,
        Concept,
        Gram,
        Theme,
    }

    // Concepts share the words' block: one concept word among many other words weighs like one word, not like half the message.
    private static int Block(FeatureKind kind) => kind switch
    {
        FeatureKind.Word or FeatureKind.Concept => 0,
        FeatureKind.Gram => 1,
        _ => 2,
    };

    private static int[] WordFeatures(string word, bool english, ClusteringSettings settings, Func<string, FeatureKind, int> index)
    {
        if (word.Length <= 2 || KeyPhrases.IsStopWord(word) || word.All(char.IsDigit))
        {
            return [];
        }

        var folded = TextTokens.Fold(word);
        var features = new List<int> { index("w:" + TextTokens.Stem(folded, english ? "en" : "nl"), FeatureKind.Word) };
        features.AddRange(ConcernWords.Of(folded).Select(c => index("c:" + c, FeatureKind.Concept)));
        if (folded.Length > settings.CharGramLength + 1)
        {
            for (var i = 0; i + settings.CharGramLength <= folded.Length; i++)
            {
                features.Add(index(string.Concat("g:", folded.AsSpan(i, settings.CharGramLength)), FeatureKind.Gram));
            }
        }

        return [.. features];
    }

    /// <summary>Lower-case words (letters, digits, apostrophes inside a word); everything else separates them.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] == '\'' && start >= 0));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i].TrimEnd('\'').ToLowerInvariant();
                start = -1;
                if (word.Length > 0)
                {
                    yield return word;
                }
            }
        }
    }
}
