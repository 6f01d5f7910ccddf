using VeerkrachtBot.Core.Reports;

namespace VeerkrachtBot.Core.Tests.Reports;

public sealed class DisclosureTests
{
    [Fact]
    public void OneSmallPart_TakesTheSmallestOtherPartWithIt()
    {
        var figures = Disclosure.Parts([(0, 0), (3, 3), (20, 20), (12, 12), (30, 30)], 10);

        Assert.Equal([0, null, 20, null, 30], figures.Select(f => f.Value));
    }

    [Fact]
    public void TwoSmallParts_OrNone_StayAsTheyAre()
    {
        Assert.Equal([null, null, 20], Disclosure.Parts([(3, 3), (4, 4), (20, 20)], 10).Select(f => f.Value));
        Assert.Equal([10, 20], Disclosure.Parts([(10, 10), (20, 20)], 10).Select(f => f.Value));
    }
}
