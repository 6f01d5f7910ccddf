using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// Review finding 13: the local connector's key travels with every reply the bot posts to <c>DirectLine:ServiceUrl</c>.
/// It must not follow a redirect to another address, and it must not cross a network in plain http.
/// </summary>
public sealed class ConnectorKeyLeakTests
{
    private const string KeyHeader = "X-Veerkracht-Connector-Key";

    [Fact]
    public async Task AConnectorThatRedirects_DoesNotGetTheKeyFollowedElsewhere()
    {
        var elsewhere = new ConcurrentQueue<string?>();
        var (redirecting, address) = await StartAsync(app =>
        {
            app.MapPost("/directline-connector/{**rest}", (HttpContext context) =>
            {
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = "/elsewhere" + context.Request.Path;
            });
            app.MapPost("/elsewhere/{**rest}", (HttpContext context) =>
            {
                elsewhere.Enqueue(context.Request.Headers[KeyHeader].FirstOrDefault());
                return Results.Json(new { id = "1" });
            });
        });
        await using var _ = redirecting;
        await using var host = new BotHost().With("DirectLine:ServiceUrl", address + "/directline-connector/");
        await host.InitializeAsync();
        using var http = host.CreateHttpClient();

        // Starting a web chat makes the bot say welcome: its connector client posts to the service URL, which redirects.
        await new DirectLineClient(http).StartAsync();

        Assert.Empty(elsewhere);
        Assert.Contains(host.Log.Entries, e => e.Message.Contains("could not be delivered", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://bot.example/directline-connector/")]
    [InlineData("http://10.0.0.4:3978/directline-connector/")]
    [InlineData("ftp://127.0.0.1/directline-connector/")]
    [InlineData("https://someone:secret@bot.example/directline-connector/")]
    [InlineData("/directline-connector/")]
    public async Task AServiceUrlThatWouldSendTheKeyOverThePlainNetwork_StopsTheBotAtStart(string serviceUrl)
    {
        await using var host = new BotHost().With("DirectLine:ServiceUrl", serviceUrl);

        var error = await Assert.ThrowsAnyAsync<Exception>(host.InitializeAsync);

        Assert.Contains("DirectLine:ServiceUrl", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://bot.example/directline-connector/")]
    [InlineData("http://127.0.0.1:3978/directline-connector/")]
    [InlineData("http://localhost:3978/directline-connector/")]
    [InlineData("http://[::1]:3978/directline-connector/")]
    public void HttpsOrLoopback_IsAllowed(string serviceUrl) => Assert.True(DirectLineOptions.IsSafeServiceUrl(serviceUrl));

    private static async Task<(WebApplication App, string Address)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/'));
    }
}
