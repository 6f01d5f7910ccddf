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

    private Uri Resolve()
    {
        if (options.Value.PublicUrl is { } configured)
        {
            return new Uri(configured.ToString().TrimEnd('/') + "/");
        }

        return ListeningAddress.Of(server, "https", anyInterfaceHost: "localhost", "The server has no address yet; set Bot:PublicUrl.").Uri;
    }
}
