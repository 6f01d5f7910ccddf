namespace VeerkrachtBot.Core.Language;

/// <summary>Which language analysis the bot uses. Bound from the <c>Language</c> section.</summary>
public sealed class LanguageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Language";

    /// <summary><c>Local</c> (default, offline) or <c>Azure</c> (Azure AI Language, with local fall-back).</summary>
    public string Provider { get; set; } = "Local";

    /// <summary>The Language resource endpoint, e.g. https://my-language.cognitiveservices.azure.com/.</summary>
    public Uri? AzureEndpoint { get; set; }

    /// <summary>The resource key.</summary>
    public string? AzureKey { get; set; }

    /// <summary>Seconds one request may take before it counts as failed (and is retried).</summary>
    public int AzureTimeoutSeconds { get; set; } = 10;
}
