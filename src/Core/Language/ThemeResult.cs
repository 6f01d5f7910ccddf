namespace VeerkrachtBot.Core.Language;

/// <summary>How well one theme was recognised: counts, precision, recall and F1.</summary>
public sealed record ThemeResult(string Theme, int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>Share of predicted messages that carry the theme.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : TruePositives / (double)(TruePositives + FalsePositives);

    /// <summary>Share of messages with the theme that were found.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : TruePositives / (double)(TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => TruePositives == 0 ? 0 : 2.0 * TruePositives / (2 * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>Messages that carry the theme.</summary>
    public int Support => TruePositives + FalseNegatives;

    /// <summary>Compares predictions (by message index) with the labelled themes.</summary>
    public static ThemeResult Of(string theme, IReadOnlyList<LabelledMessage> messages, Func<int, bool> predicted)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var p = predicted(i);
            var actual = messages[i].Themes.Contains(theme);
            tp += p && actual ? 1 : 0;
            fp += p && !actual ? 1 : 0;
            fn += !p && actual ? 1 : 0;
        }

        return new ThemeResult(theme, tp, fp, fn);
    }
}
