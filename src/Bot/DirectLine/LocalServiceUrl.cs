using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>
/// The serviceUrl that local Direct Line activities carry: the bot's replies are POSTed there over real HTTP,
/// to <see cref="LocalConnectorApi"/> in this same host, exactly as they would go to Azure's connector.
/// </summary>
public sealed class LocalServiceUrl(IServer server, IOptions<DirectLineOptions> options)
{
    public const string PathPrefix = "/directline-connector";
    private string? _value;

    public string Value => _value ??= Resolve();

    private string Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ServiceUrl))
        {
            return options.Value.ServiceUrl.TrimEnd('/') + "/";
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; the local Direct Line needs one to receive the bot's replies.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        uri.Path = PathPrefix + "/";
        return uri.Uri.ToString();
    }
}
