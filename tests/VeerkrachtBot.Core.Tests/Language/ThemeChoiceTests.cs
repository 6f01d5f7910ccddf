using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Core.Tests.Language;

public sealed class ThemeChoiceTests
{
    private static readonly float[] Thresholds = [0.5f, 0.4f, 0.6f];

    [Fact]
    public void Choose_TakesEveryThemeAtOrAboveItsThreshold_MostProbableFirst()
    {
        Assert.Equal([1, 0], ThemeChoice.Choose([0.5f, 0.7f, 0.59f], Thresholds));
    }

    [Fact]
    public void Choose_TakesTheBestThemeAloneWhenItReachesHalfItsThreshold()
    {
        Assert.Equal([2], ThemeChoice.Choose([0.2f, 0.1f, 0.3f], Thresholds));
    }

    [Fact]
    public void Choose_TakesNothingWhenNoThemeIsNearItsThreshold()
    {
        Assert.Empty(ThemeChoice.Choose([0.2f, 0.19f, 0.29f], Thresholds));
    }

    [Fact]
    public void Choose_SkipsThemesThatAreNotAllowed()
    {
        Assert.Equal([0], ThemeChoice.Choose([0.9f, 0.8f, 0.1f], Thresholds, t => t != 1));
    }
}
