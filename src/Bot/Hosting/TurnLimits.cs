using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// A bound on the turns the host works on at once and on those that wait: beyond it a turn is refused at once with
/// 503 and Retry-After, instead of queueing without end. Without it a burst makes every turn slow, memory grows with
/// the queue, channels give up after 15 s and deliver again, and the bot falls further behind. Only requests that
/// run a turn or store something are counted: posts to <c>/api/messages</c>, the local Direct Line and the web chat
/// token. The local connector (where the bot posts its own replies during a turn) is never counted: a turn waiting
/// for a place taken by itself would never end.
/// </summary>
public sealed class TurnLimits : IDisposable
{
    /// <summary>Seconds a refused client is asked to wait: a burst is over by then, or the client asks again.</summary>
    public const int RetryAfterSeconds = 1;

    private readonly ConcurrencyLimiter _limiter;

    public TurnLimits(IOptions<BotOptions> options)
    {
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MaxConcurrentTurns,
            QueueLimit = options.Value.MaxQueuedTurns,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        QueueTime = TimeSpan.FromMilliseconds(options.Value.MaxTurnQueueMilliseconds);
    }

    /// <summary>Longest a request waits for a place.</summary>
    public TimeSpan QueueTime { get; }

    /// <summary>Whether the request runs a turn or stores something (and so counts against the bound).</summary>
    public static bool Counts(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/api/messages", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/v3/directline", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/api/webchat", StringComparison.OrdinalIgnoreCase));

    /// <summary>A place for one turn, or a lease that is not acquired (the bound is reached, or the wait was too long).</summary>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(QueueTime);
        try
        {
            return await _limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refused.Lease;
        }
    }

    public void Dispose() => _limiter.Dispose();

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Lease = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

/// <summary>Puts <see cref="TurnLimits"/> in front of the endpoints it counts.</summary>
public static class TurnLimitsMiddleware
{
    public static IApplicationBuilder UseTurnLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!TurnLimits.Counts(context.Request))
            {
                await next(context);
                return;
            }

            using var lease = await context.RequestServices.GetRequiredService<TurnLimits>().EnterAsync(context.RequestAborted);
            if (lease.IsAcquired)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = TurnLimits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            const string Detail = "The bot is busy with many messages at once; send this again in a moment.";
            var refusal = context.Request.Path.StartsWithSegments("/v3/directline", StringComparison.OrdinalIgnoreCase)
                ? Results.Json(new { error = new { code = "ServiceUnavailable", message = Detail } }, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy", detail: Detail);
            await refusal.ExecuteAsync(context);
        });
}
