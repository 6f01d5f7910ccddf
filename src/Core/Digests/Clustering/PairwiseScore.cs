namespace VeerkrachtBot.Core.Digests.Clustering;

/// <summary>
/// Pairwise precision and recall of a clustering against labelled concerns: over every pair of messages in a batch,
/// "same group" is a true positive when both have the same concern, a false positive when not, and a pair of the same
/// concern in different groups is a false negative.
/// </summary>
public readonly record struct PairwiseScore(long TruePositives, long FalsePositives, long FalseNegatives)
{
    /// <summary>Share of grouped pairs that are the same concern (1 when nothing was grouped).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : TruePositives / (double)(TruePositives + FalsePositives);

    /// <summary>Share of same-concern pairs that were grouped (1 when there are none).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : TruePositives / (double)(TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Both counts added.</summary>
    public static PairwiseScore operator +(PairwiseScore a, PairwiseScore b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);

    /// <summary>Scores one batch: <paramref name="groups"/> holds the predicted group of each message, <paramref name="concerns"/> its labelled concern.</summary>
    public static PairwiseScore Of(IReadOnlyList<int> groups, IReadOnlyList<string> concerns)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(groups.Count, concerns.Count);
        long tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            for (var j = i + 1; j < groups.Count; j++)
            {
                var predicted = groups[i] == groups[j];
                var actual = string.Equals(concerns[i], concerns[j], StringComparison.Ordinal);
                if (predicted && actual)
                {
                    tp++;
                }
                else if (predicted)
                {
                    fp++;
                }
                else if (actual)
                {
                    fn++;
                }
            }
        }

        return new PairwiseScore(tp, fp, fn);
    }
}
