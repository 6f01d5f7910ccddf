using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VeerkrachtBot.Tools.Load;

/// <summary>A stand-in the load run hosts itself: a Kestrel minimal API on loopback, without logging, cheap enough not to be what is measured.</summary>
internal static class LoopbackApp
{
    /// <summary>The app, to map its endpoints on; <paramref name="port"/> 0 takes any free port.</summary>
    public static WebApplication Create(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Starts the app and gives its base address, e.g. http://127.0.0.1:41234/.</summary>
    public static async Task<string> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
    }
}
