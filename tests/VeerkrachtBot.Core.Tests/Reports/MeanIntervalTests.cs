using VeerkrachtBot.Core.Reports;

namespace VeerkrachtBot.Core.Tests.Reports;

public sealed class MeanIntervalTests
{
    [Fact]
    public void TenScores_UseTheTDistribution_AsWorkedByHand()
    {
        // Mean 3.1; squared deviations sum to 12.9, s² = 12.9 / 9, s = 1.197219, se = s / √10 = 0.378594;
        // t(0.975; 9) = 2.262157 (every t table), half width 0.856439.
        var interval = MeanInterval.Of([1, 2, 3, 4, 5, 3, 4, 4, 2, 3])!;

        Assert.Equal(3.1, interval.Mean, 9);
        Assert.Equal(2.243561, interval.Low, 5);
        Assert.Equal(3.956439, interval.High, 5);
        Assert.Equal(10, interval.N);
    }

    [Fact]
    public void TwoScores_GetTheWideSmallSampleInterval()
    {
        // [2, 4]: mean 3, s = √2, se = 1, t(0.975; 1) = 12.7062047.
        var interval = MeanInterval.Of([2, 4])!;

        Assert.Equal(3 - 12.7062047, interval.Low, 5);
        Assert.Equal(3 + 12.7062047, interval.High, 5);
    }

    [Fact]
    public void ThirtyScores_ApproachTheNormalInterval_AndEqualScoresHaveNoWidth()
    {
        // Fifteen 2s and fifteen 4s: mean 3, s² = 30 / 29, se = √(30/29/30); t(0.975; 29) = 2.045230.
        var interval = MeanInterval.Of([.. Enumerable.Repeat(2, 15), .. Enumerable.Repeat(4, 15)])!;
        var equal = MeanInterval.Of([4, 4, 4])!;

        Assert.Equal(3 + (2.045230 * Math.Sqrt(1.0 / 29)), interval.High, 5);
        Assert.Equal((4.0, 4.0), (equal.Low, equal.High));
        Assert.Null(MeanInterval.Of([5]));
    }
}
