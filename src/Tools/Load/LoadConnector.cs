using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace VeerkrachtBot.Tools.Load;

/// <summary>
/// Stands in for the Bot Connector service on loopback: takes every activity a bot posts to the service URL of the
/// load run and keeps it per conversation until the simulated resident reads it (a Kestrel minimal API, cheap enough
/// not to be what is measured).
/// </summary>
internal sealed class LoadConnector : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _replies = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private long _received;
    private long _posts;
    private long _refused;
    private int _failEvery;
    private int _failStatus;

    private LoadConnector(WebApplication app) => _app = app;

    /// <summary>The service URL activities carry, e.g. http://127.0.0.1:41234/.</summary>
    public string ServiceUrl { get; private set; } = "";

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Replies answered with the fault status (<see cref="FailEvery"/>).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>From now on, answers every <paramref name="nth"/> reply with <paramref name="status"/> (and Retry-After: 1) instead of taking it.</summary>
    public void FailEvery(int nth, int status)
    {
        _failStatus = status;
        Volatile.Write(ref _failEvery, nth);
    }

    public static async Task<LoadConnector> StartAsync(int port = 0)
    {
        var app = LoopbackApp.Create(port);
        var connector = new LoadConnector(app);
        app.MapMethods("/v3/conversations/{conversationId}/activities/{**rest}", ["POST", "PUT"], connector.ReceiveAsync);
        connector.ServiceUrl = await LoopbackApp.StartAsync(app);
        return connector;
    }

    /// <summary>The messages the bot sent into a conversation since the last call (typing and other activities left out).</summary>
    public IReadOnlyList<JsonObject> Take(string conversationId)
    {
        if (!_replies.TryRemove(conversationId, out var queue))
        {
            return [];
        }

        return queue.Where(a => (string?)a["type"] == "message").ToList();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(string conversationId, HttpContext context)
    {
        var activity = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        if (Volatile.Read(ref _failEvery) is > 0 and var nth && Interlocked.Increment(ref _posts) % nth == 0)
        {
            Interlocked.Increment(ref _refused);
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(_failStatus);
        }

        Interlocked.Increment(ref _received);
        if (activity is not null)
        {
            _replies.GetOrAdd(conversationId, _ => new ConcurrentQueue<JsonObject>()).Enqueue(activity);
        }

        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }
}
