namespace VeerkrachtBot.Bot.Messages;

/// <summary>
/// A service URL, or a prefix of allowed ones, in canonical form: scheme, host and port as the connection will
/// use them (so 127.1 and 2130706433 are 127.0.0.1, and a default port is explicit) and a path that ends in "/".
/// Matching is exact on scheme, host and port and by whole path segments on the path: being "on loopback" is
/// never enough.
/// </summary>
public sealed record ServiceUrlPrefix(string Scheme, string Host, int Port, string Path)
{
    /// <summary>The canonical form, or null when it is not an absolute http(s) URL without user info, query or fragment.</summary>
    public static ServiceUrlPrefix? Parse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.HostNameType == UriHostNameType.Unknown)
        {
            return null;
        }

        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return new ServiceUrlPrefix(uri.Scheme, uri.Host.ToLowerInvariant(), uri.Port, path);
    }

    /// <summary>Whether <paramref name="url"/> is this prefix or lies under it.</summary>
    public bool Covers(ServiceUrlPrefix url) =>
        url.Scheme == Scheme && url.Host == Host && url.Port == Port && url.Path.StartsWith(Path, StringComparison.Ordinal);
}
