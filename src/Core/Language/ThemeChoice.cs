namespace VeerkrachtBot.Core.Language;

/// <summary>Which themes a message gets from the model's probabilities: the decision rule shared by analysis and evaluation.</summary>
public static class ThemeChoice
{
    /// <summary>
    /// Indices of the chosen themes, most probable first: every allowed theme at or above its threshold, or else the
    /// best one if it reaches half its threshold (nearly every message is about something).
    /// </summary>
    public static IReadOnlyList<int> Choose(IReadOnlyList<float> probabilities, IReadOnlyList<float> thresholds, Func<int, bool>? allowed = null)
    {
        var candidates = Enumerable.Range(0, probabilities.Count)
            .Where(t => allowed?.Invoke(t) ?? true)
            .OrderByDescending(t => probabilities[t])
            .ToList();
        var chosen = candidates.Where(t => probabilities[t] >= thresholds[t]).ToList();
        if (chosen.Count == 0 && candidates.Count > 0 && probabilities[candidates[0]] >= thresholds[candidates[0]] / 2)
        {
            chosen.Add(candidates[0]);
        }

        return chosen;
    }
}
