using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Core.Tests.Language;

public sealed class IncomingTextTests
{
    [Theory]
    [InlineData("Het park is vies", "Het park is vies")]
    [InlineData("a\u0000b\u0007c\u001Bd\u007Fe\u0085f", "abcdef")]
    [InlineData("regel 1\nregel 2\ttab", "regel 1\nregel 2\ttab")]
    [InlineData("windows\r\nmac\rend", "windows\nmac\nend")]
    [InlineData("zero\u200Bwidth\u2060join\uFEFFbom\u00ADsoft", "zerowidthjoinbomsoft")]
    [InlineData("betaal \u202Egnp.exe\u202C nu", "betaal gnp.exe nu")]
    [InlineData("\u202Aa\u202Bb\u202Dc\u2066d\u2067e\u2068f\u2069", "abcdef")]
    [InlineData("d\u200Drugs en w\u200Ceed", "drugs en weed")]
    [InlineData("line\u2028separator\u2029paragraph", "line\nseparator\nparagraph")]
    [InlineData("cafe\u0301", "café")]
    [InlineData("e\u0301e\u0300", "éè")]
    [InlineData("", "")]
    public void Normalize_RemovesWhatIsInvisibleOrControlling_AndComposes(string input, string expected) =>
        Assert.Equal(expected, IncomingText.Normalize(input));

    [Theory]
    [InlineData("👨\u200D👩\u200D👧 gezin")]
    [InlineData("🏳️\u200D🌈 vlag")]
    [InlineData("👍🏽 top")]
    [InlineData("می\u200Cخواهم")]
    [InlineData("🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F Schotland")]
    [InlineData("Zeg het in het Arabisch: مرحبا")]
    public void Normalize_KeepsJoinersAndTagsThatAreAPartOfTheText(string text) =>
        Assert.Equal(text, IncomingText.Normalize(text));

    [Fact]
    public void Normalize_RemovesTagCharactersOutsideAFlag_TheyCanHideText() =>
        Assert.Equal("hallo", IncomingText.Normalize("hallo\U000E0069\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065"));

    [Fact]
    public void Normalize_RemovesLoneSurrogateHalves_WhichAreNotText() =>
        Assert.Equal("lone  surrogate  halves 😀", IncomingText.Normalize("lone \uD800 surrogate \uDC00 halves \uD83D\uDE00"));

    [Fact]
    public void Normalize_KeepsNull() => Assert.Null(IncomingText.Normalize(null));

    [Fact]
    public void Normalize_IsIdempotent()
    {
        var once = IncomingText.Normalize("a\u202Eb\u0000c\r\nd\u200B👨\u200D👩 e\u0301");
        Assert.Equal(once, IncomingText.Normalize(once));
    }
}
