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
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentQueue<ConversationParameters> _created = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Reply>> _replies = new(StringComparer.Ordinal);
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

                var conversationId = path.Split("/v3/conversations/", 2)[1].Split('/')[0];

                // The id the channel gives the message: a test answers a card "as Teams does" with it as replyToId.
                activity.Id ??= Guid.NewGuid().ToString("N");
                var received = (path, context.Request.Headers.Authorization.ToString(), activity);
                var reply = connector._replies.TryGetValue(conversationId, out var queue) && queue.TryDequeue(out var next) ? next : Reply.Ok;
                connector._attempts.Enqueue(new Attempt(DateTimeOffset.UtcNow, conversationId, activity, reply.Hold is null ? reply.Status : null));
                if (reply.Hold is { } hold)
                {
                    if (hold.ProcessFirst)
                    {
                        connector._received.Enqueue(received);
                    }

                    hold.Arrived.TrySetResult(activity);
                    try
                    {
                        await hold.Released.Task.WaitAsync(context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        // The sender went away before the answer: only what was processed before counts.
                        hold.Aborted.TrySetResult();
                        return Results.Empty;
                    }

                    if (!hold.ProcessFirst)
                    {
                        connector._received.Enqueue(received);
                    }

                    return Results.Json(new { id = activity.Id });
                }

                if (reply.Delay is { } slow)
                {
                    await Task.Delay(slow);
                }

                if (reply.Status >= 300)
                {
                    if (reply.RetryAfter is { } wait)
                    {
                        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    return Results.Json(new { error = new { code = reply.ErrorCode ?? "ServiceError", message = "Scripted by the test." } }, statusCode: reply.Status);
                }

                connector._received.Enqueue(received);
                return Results.Json(new { id = activity.Id });
            });

            // Teams: a bot creates a personal chat with a user before it writes to them the first time.
            app.MapPost("/connectors/{connectorId}/v3/conversations", async (string connectorId, HttpContext context) =>
            {
                if (!Connectors.TryGetValue(connectorId, out var connector))
                {
                    return Results.NotFound();
                }

                using var reader = new StreamReader(context.Request.Body);
                connector._created.Enqueue(JsonConvert.DeserializeObject<ConversationParameters>(await reader.ReadToEndAsync())!);
                return Results.Json(new { id = "a:created-" + Guid.NewGuid().ToString("N"), activityId = (string?)null });
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

    /// <summary>Every POST of an activity, with the status the connector answered (null: held), delivered or not.</summary>
    public IReadOnlyList<Attempt> Attempts => _attempts.ToList();

    /// <summary>The parameters of every conversation the bot created (Teams personal chats).</summary>
    public IReadOnlyList<ConversationParameters> Created => _created.ToList();

    /// <summary>The next POSTs into the conversation get these answers, in order; after them, 200 again.</summary>
    public void Answer(string conversationId, params Reply[] replies)
    {
        var queue = _replies.GetOrAdd(conversationId, _ => new ConcurrentQueue<Reply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    /// <summary>
    /// The next POST into the conversation waits for <see cref="Hold.Release"/> before the connector answers. With
    /// <paramref name="processFirst"/> the activity counts as delivered when it arrives (a receiver that processed it and
    /// then lost the sender); without, only once released (a sender that went away before that delivered nothing).
    /// </summary>
    public Hold HoldNext(string conversationId, bool processFirst)
    {
        var hold = new Hold(processFirst);
        Answer(conversationId, new Reply(200, Hold: hold));
        return hold;
    }

    /// <summary>One POST of an activity as the connector saw it.</summary>
    public sealed record Attempt(DateTimeOffset At, string ConversationId, Activity Activity, int? Status);

    /// <summary>How the connector answers one POST: a status (with a Teams error code and Retry-After), after a delay, or held.</summary>
    public sealed record Reply(int Status, string? ErrorCode = null, TimeSpan? RetryAfter = null, Hold? Hold = null, TimeSpan? Delay = null)
    {
        public static Reply Ok { get; } = new(200);
    }

    /// <summary>A POST the connector holds until the test releases it (or the sender goes away).</summary>
    public sealed class Hold(bool processFirst)
    {
        public bool ProcessFirst { get; } = processFirst;

        public TaskCompletionSource<Activity> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }

    public ValueTask DisposeAsync()
    {
        Connectors.TryRemove(_id, out _);
        return ValueTask.CompletedTask;
    }
}
