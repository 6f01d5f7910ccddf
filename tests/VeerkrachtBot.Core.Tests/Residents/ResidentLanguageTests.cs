using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Core.Tests.Residents;

public sealed class ResidentLanguageTests
{
    [Theory]
    [InlineData("en-US", ResidentLanguage.English)]
    [InlineData("EN", ResidentLanguage.English)]
    [InlineData("en-GB", ResidentLanguage.English)]
    [InlineData("nl-NL", ResidentLanguage.Dutch)]
    [InlineData("nl-BE", ResidentLanguage.Dutch)]
    [InlineData("ar-MA", ResidentLanguage.Dutch)]
    [InlineData("eng", ResidentLanguage.Dutch)]
    [InlineData(null, ResidentLanguage.Dutch)]
    [InlineData("", ResidentLanguage.Dutch)]
    public void FromLocale_EnglishOnlyForEnLocales(string? locale, ResidentLanguage expected) =>
        Assert.Equal(expected, ResidentLanguages.FromLocale(locale));
}
