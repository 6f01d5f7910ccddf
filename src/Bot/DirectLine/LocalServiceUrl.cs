using Microsoft.AspNetCore.Hosting.Server;
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

        var uri = Hosting.ListeningAddress.Of(server, "http", anyInterfaceHost: "127.0.0.1",
            "The server has no address yet; the local Direct Line needs one to receive the bot's replies.");
        uri.Path = PathPrefix + "/";
        return uri.Uri.ToString();
    }
}
