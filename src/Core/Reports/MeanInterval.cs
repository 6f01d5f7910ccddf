using MathNet.Numerics.Distributions;

namespace VeerkrachtBot.Core.Reports;

/// <summary>A mean score with its 95 % confidence interval.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="Low">Lower bound of the interval.</param>
/// <param name="High">Upper bound of the interval.</param>
/// <param name="N">Scores behind it.</param>
public sealed record MeanInterval(double Mean, double Low, double High, int N)
{
    /// <summary>
    /// The mean of <paramref name="scores"/> with the 95 % interval mean ± t(0.975, n−1)·s/√n, s the sample standard
    /// deviation. The t-distribution (not 1.96) because the groups are small: with n = 10 the interval is 15 % wider.
    /// Null for fewer than two scores (no spread to estimate).
    /// </summary>
    public static MeanInterval? Of(IReadOnlyCollection<int> scores)
    {
        var n = scores.Count;
        if (n < 2)
        {
            return null;
        }

        var mean = scores.Average();
        var variance = scores.Sum(s => (s - mean) * (s - mean)) / (n - 1);
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * Math.Sqrt(variance / n);
        return new MeanInterval(mean, mean - half, mean + half, n);
    }
}
