using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>The address this host listens on, made usable as a URL ("http://+:3978" becomes "http://localhost:3978/").</summary>
public static class ListeningAddress
{
    /// <summary>
    /// The first address with <paramref name="preferredScheme"/> (else the first one), with path "/". Wildcard
    /// hosts become localhost; an all-interfaces IP becomes <paramref name="anyInterfaceHost"/>.
    /// </summary>
    public static UriBuilder Of(IServer server, string preferredScheme, string anyInterfaceHost, string whenNone)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith(preferredScheme + "://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException(whenNone);
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)) { Path = "/" };
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = anyInterfaceHost;
        }

        return uri;
    }
}
