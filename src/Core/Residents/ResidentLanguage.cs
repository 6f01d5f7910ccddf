namespace VeerkrachtBot.Core.Residents;

/// <summary>The languages residents are served in. Dutch comes first; English is the second language.</summary>
public enum ResidentLanguage
{
    /// <summary>Dutch, the default.</summary>
    Dutch,

    /// <summary>English.</summary>
    English,
}

/// <summary>Conversions between locales and <see cref="ResidentLanguage"/>.</summary>
public static class ResidentLanguages
{
    /// <summary>English for an <c>en</c> locale, Dutch for everything else (including none).</summary>
    public static ResidentLanguage FromLocale(string? locale) =>
        locale is not null && (locale.Equals("en", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ? ResidentLanguage.English
            : ResidentLanguage.Dutch;

    /// <summary>The stored code: <c>nl</c> or <c>en</c>.</summary>
    public static string Code(this ResidentLanguage language) => language == ResidentLanguage.English ? "en" : "nl";

    /// <summary>The language for a stored code; null for none or an unknown code.</summary>
    public static ResidentLanguage? FromCode(string? code) => code switch
    {
        "en" => ResidentLanguage.English,
        "nl" => ResidentLanguage.Dutch,
        _ => null,
    };

    /// <summary>The BCP 47 locale we answer in.</summary>
    public static string Locale(this ResidentLanguage language) => language == ResidentLanguage.English ? "en-GB" : "nl-NL";
}
