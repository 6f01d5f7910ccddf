namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// Which websites may show the chat page in an iframe (the municipality's, a neighbourhood's). Bound from the
/// <c>Embedding</c> section; becomes the page's CSP <c>frame-ancestors</c>, so no other site can frame it (and
/// trick a resident into clicking in it).
/// </summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Embedding";

    /// <summary>Origins (scheme, host and optional port; https, or http on localhost) allowed to frame the page besides the bot's own.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Whether every entry is an origin the CSP can name: nothing that widens it (a wildcard, a path, a quote or space).</summary>
    public bool AreOrigins() => AllowedOrigins.TrueForAll(IsOrigin);

    /// <summary>The <c>frame-ancestors</c> directive: the bot's own origin and the configured ones.</summary>
    public string FrameAncestors() =>
        string.Join(' ', ["frame-ancestors 'self'", .. AllowedOrigins.Select(o => new Uri(o).GetLeftPart(UriPartial.Authority))]);

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
        && !origin.Contains('*', StringComparison.Ordinal) && origin.TrimEnd('/').Length == uri.GetLeftPart(UriPartial.Authority).Length;
}
