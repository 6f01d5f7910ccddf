namespace VeerkrachtBot.Core.Language;

/// <summary>How the bot signs in to Azure AI Language.</summary>
public enum LanguageAuthentication
{
    /// <summary>The resource key in <c>Language:AzureKey</c>.</summary>
    Key,

    /// <summary>An Entra ID token of the App Service's managed identity (role "Cognitive Services Language Reader").</summary>
    ManagedIdentity,

    /// <summary>An Entra ID token from Azure.Identity's DefaultAzureCredential chain.</summary>
    DefaultAzureCredential,
}

/// <summary>Which language analysis the bot uses. Bound from the <c>Language</c> section.</summary>
public sealed class LanguageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Language";

    /// <summary><c>Local</c> (default, offline) or <c>Azure</c> (Azure AI Language, with local fall-back).</summary>
    public string Provider { get; set; } = "Local";

    /// <summary>The Language resource endpoint, e.g. https://my-language.cognitiveservices.azure.com/.</summary>
    public Uri? AzureEndpoint { get; set; }

    /// <summary>How to sign in: the resource key (default) or an Entra ID token.</summary>
    public LanguageAuthentication Authentication { get; set; } = LanguageAuthentication.Key;

    /// <summary>The resource key (for <see cref="LanguageAuthentication.Key"/>).</summary>
    public string? AzureKey { get; set; }

    /// <summary>Seconds one request may take before it counts as failed (background use; a resident's turn has <see cref="AzureDeadlineMilliseconds"/>).</summary>
    public int AzureTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The whole Azure analysis of a resident's message (all calls, in parallel, retries included) must finish
    /// within this many milliseconds, or the message gets the local analysis: channels give up on a turn after 15 s.
    /// </summary>
    public int AzureDeadlineMilliseconds { get; set; } = 3000;

    /// <summary>
    /// Seconds Azure AI Language is skipped (messages analysed locally at once) after it failed for at least half of
    /// the last 30 seconds' messages, five or more; 0 turns the breaker off.
    /// </summary>
    public int AzureBreakSeconds { get; set; } = 30;
}
