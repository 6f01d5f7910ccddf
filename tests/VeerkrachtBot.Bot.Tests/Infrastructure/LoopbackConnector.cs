using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>
/// A stand-in Bot Connector service on loopback: activities sent to <c>/api/messages</c> carry its URL as
/// serviceUrl, and it records every activity the bot POSTs back, with the path it used.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string? Authorization, Activity Activity)> _received = new();

    private LoopbackConnector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = null!;

    public static async Task<LoopbackConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LoopbackConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var activity = JsonConvert.DeserializeObject<Activity>(await reader.ReadToEndAsync())!;
            connector._received.Enqueue((context.Request.Path, context.Request.Headers.Authorization.ToString(), activity));
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>What the bot sent into one conversation, in order.</summary>
    public IReadOnlyList<Activity> SentTo(string conversationId) =>
        _received.Where(r => r.Activity.Conversation?.Id == conversationId).Select(r => r.Activity).ToList();

    public IReadOnlyList<(string Path, string? Authorization, Activity Activity)> All => _received.ToList();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
