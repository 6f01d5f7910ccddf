using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Core.Tests.Language;

public sealed class UrgentMessagesTests
{
    [Theory]
    [InlineData("de brandweer kwam oefenen")]
    [InlineData("de gasrekening is veel te hoog")]
    [InlineData("doodmoe van de herrie")]
    [InlineData("levensgevaarlijk kruispunt bij de school")]
    [InlineData("the pharmacy changed my medicine brand")]
    [InlineData("vroeger was hier een brand in de fabriek")]
    [InlineData("De lamp bij de speeltuin is kapot")]
    public void EverydayWords_NeverFire(string text) => Assert.Null(UrgentMessages.Detect(text));

    [Theory]
    [InlineData("Er is brand in de flat naast ons!!", UrgentKind.Emergency)]
    [InlineData("ik ruik gas in het portiek", UrgentKind.Emergency)]
    [InlineData("er ligt een man bewusteloos op het plein", UrgentKind.Emergency)]
    [InlineData("mijn man slaat mij", UrgentKind.Domestic)]
    [InlineData("ik denk dat het kind van de buren mishandeld wordt", UrgentKind.Domestic)]
    [InlineData("ik wil niet meer leven", UrgentKind.SelfHarm)]
    [InlineData("I want to kill myself", UrgentKind.SelfHarm)]
    public void UrgentMessages_FireWithTheirKind(string text, UrgentKind kind)
    {
        var signal = UrgentMessages.Detect(text);

        Assert.NotNull(signal);
        Assert.Equal(kind, signal.Kind);
        Assert.InRange(signal.Score, 0.5, 1);
    }
}
