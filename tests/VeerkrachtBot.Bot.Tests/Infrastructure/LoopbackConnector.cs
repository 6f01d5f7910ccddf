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
/// serviceUrl, and it records every activity the bot POSTs back, with the path it used (relative to its
/// serviceUrl). All connectors of the test process live under one server at <see cref="AllowedPrefix"/>, each
/// under a path of its own, so a bot host can allow that one prefix in <c>Bot:AllowedServiceUrls</c> before any
/// test has started its connector.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static readonly ConcurrentDictionary<string, LoopbackConnector> Connectors = new(StringComparer.Ordinal);
    private static string? _prefix;

    private readonly ConcurrentQueue<(string Path, string? Authorization, Activity Activity)> _received = new();
    private readonly ConcurrentQueue<(string Path, Activity Activity)> _updates = new();
    private readonly string _id = Guid.NewGuid().ToString("N");

    private LoopbackConnector() => ServiceUrl = AllowedPrefix + _id + "/";

    /// <summary>The URL prefix under which every loopback connector of this test process lives.</summary>
    public static string AllowedPrefix => _prefix ?? throw new InvalidOperationException("Call LoopbackConnector.EnsureServerAsync first.");

    public string ServiceUrl { get; }

    /// <summary>Starts the shared connector server once per test process.</summary>
    public static async Task<string> EnsureServerAsync()
    {
        await Starting.WaitAsync();
        try
        {
            if (_prefix is not null)
            {
                return _prefix;
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o =>
            {
                o.Listen(System.Net.IPAddress.Loopback, 0);
                o.Limits.MaxRequestBodySize = null;
            });
            builder.Logging.ClearProviders();
            var app = builder.Build();
            // Any path under a connector: Teams service URLs are tenant-specific (".../emea/<tenant>/"), and the bot must
            // reply under exactly the URL it was given. POST sends or replies; PUT replaces a card (UpdateActivityAsync).
            app.MapMethods("/connectors/{connectorId}/{**rest}", ["POST", "PUT"], async (string connectorId, HttpContext context) =>
            {
                if (!Connectors.TryGetValue(connectorId, out var connector) || !context.Request.Path.Value!.Contains("/v3/conversations/", StringComparison.Ordinal))
                {
                    return Results.NotFound();
                }

                using var reader = new StreamReader(context.Request.Body);
                var activity = JsonConvert.DeserializeObject<Activity>(await reader.ReadToEndAsync())!;
                var path = context.Request.Path.Value![("/connectors/" + connectorId).Length..];
                if (context.Request.Method == "PUT")
                {
                    connector._updates.Enqueue((path, activity));
                    return Results.Json(new { id = activity.Id });
                }

                // The id the channel gives the message: a test answers a card "as Teams does" with it as replyToId.
                activity.Id ??= Guid.NewGuid().ToString("N");
                connector._received.Enqueue((path, context.Request.Headers.Authorization.ToString(), activity));
                return Results.Json(new { id = activity.Id });
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            _prefix = address.TrimEnd('/') + "/connectors/";
            return _prefix;
        }
        finally
        {
            Starting.Release();
        }
    }

    public static async Task<LoopbackConnector> StartAsync()
    {
        await EnsureServerAsync();
        var connector = new LoopbackConnector();
        Connectors[connector._id] = connector;
        return connector;
    }

    /// <summary>What the bot sent into one conversation, in order.</summary>
    public IReadOnlyList<Activity> SentTo(string conversationId) =>
        _received.Where(r => r.Activity.Conversation?.Id == conversationId).Select(r => r.Activity).ToList();

    public IReadOnlyList<(string Path, string? Authorization, Activity Activity)> All => _received.ToList();

    /// <summary>Activities the bot replaced (PUT), with the path it used, in order.</summary>
    public IReadOnlyList<(string Path, Activity Activity)> Updates => _updates.ToList();

    public ValueTask DisposeAsync()
    {
        Connectors.TryRemove(_id, out _);
        return ValueTask.CompletedTask;
    }
}
