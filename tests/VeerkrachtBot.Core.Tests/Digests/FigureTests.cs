using VeerkrachtBot.Core.Digests;

namespace VeerkrachtBot.Core.Tests.Digests;

public sealed class FigureTests
{
    [Fact]
    public void BelowTheMinimum_HoldsNoNumber()
    {
        Assert.Null(Figure.Of(7, residents: 2, minimum: 3).Value);
        Assert.Equal(7, Figure.Of(7, residents: 3, minimum: 3).Value);
        Assert.Equal(0, Figure.Of(0, residents: 0, minimum: 3).Value);
    }

    [Fact]
    public void Split_HidesBothPartsWhenOneIsSmall()
    {
        Assert.Equal((Figure.Hidden, Figure.Hidden), Figure.Split(2, 10, 3));
        var (a, b) = Figure.Split(4, 10, 3);
        Assert.Equal((4, 10), (a.Value, b.Value));
    }

    [Fact]
    public void ChangeFrom_NeedsBothShown()
    {
        Assert.Equal(5, Figure.Of(12, 12, 3).ChangeFrom(Figure.Of(7, 7, 3)));
        Assert.Null(Figure.Of(12, 12, 3).ChangeFrom(Figure.Of(2, 2, 3)));
    }
}
