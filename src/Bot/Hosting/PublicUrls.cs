using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// Absolute links to this bot's own pages (calendar files, data exports) for cards and texts. Uses
/// <c>Bot:PublicUrl</c> when set (behind a proxy, in Azure); otherwise the address the host listens on, which
/// is what a browser on this machine opens. Never taken from a request's Host header.
/// </summary>
public sealed class PublicUrls(IServer server, IOptions<BotOptions> options)
{
    private Uri? _base;

    public Uri Base => _base ??= Resolve();

    public Uri For(string relativePath) => new(Base, relativePath.TrimStart('/'));

    /// <summary>The WebSocket form (ws, or wss for https) of a link to this bot.</summary>
    public Uri WebSocketFor(string relativePath) =>
        new UriBuilder(For(relativePath)) { Scheme = Base.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Port = Base.IsDefaultPort ? -1 : Base.Port }.Uri;

    /// <summary>The origin of this bot (scheme, host and port), e.g. http://localhost:3978.</summary>
    public string Origin => Base.GetLeftPart(UriPartial.Authority);

    /// <summary>The WebSocket form of <see cref="Origin"/>.</summary>
    public string WebSocketOrigin => WebSocketFor("").GetLeftPart(UriPartial.Authority);

    private Uri Resolve()
    {
        if (options.Value.PublicUrl is { } configured)
        {
            return new Uri(configured.ToString().TrimEnd('/') + "/");
        }

        return ListeningAddress.Of(server, "https", anyInterfaceHost: "localhost", "The server has no address yet; set Bot:PublicUrl.").Uri;
    }
}
