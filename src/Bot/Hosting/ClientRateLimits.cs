using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.DirectLine;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// Per-client-address limits of the requests that make the bot store something: new conversations and new users
/// (each becomes a resident) on <c>/api/messages</c> without authentication, and activities posted to the local
/// Direct Line. Each instance
/// counts its own clients (a fixed window per minute): a limit on how fast one address can make the database
/// grow, not a count that must agree across instances.
/// </summary>
public sealed class ClientRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _newConversations;
    private readonly PartitionedRateLimiter<string> _newUsers;
    private readonly PartitionedRateLimiter<string> _directLineActivities;

    public ClientRateLimits(IOptions<BotOptions> bot, IOptions<DirectLineOptions> directLine)
    {
        _newConversations = PerMinute(bot.Value.NewConversationsPerMinutePerClient);
        _newUsers = PerMinute(bot.Value.NewUsersPerMinutePerClient);
        _directLineActivities = PerMinute(directLine.Value.ActivitiesPerMinutePerClient);
    }

    /// <summary>Null when the client may open another conversation; otherwise how long it should wait.</summary>
    public TimeSpan? NewConversation(HttpContext context) => Acquire(_newConversations, context);

    /// <summary>Null when the client may bring <paramref name="count"/> more users the bot does not know yet; otherwise how long it should wait.</summary>
    public TimeSpan? NewUsers(HttpContext context, int count) => Acquire(_newUsers, context, count);

    /// <summary>Null when the client may post another Direct Line activity; otherwise how long it should wait.</summary>
    public TimeSpan? DirectLineActivity(HttpContext context) => Acquire(_directLineActivities, context);

    public void Dispose()
    {
        _newConversations.Dispose();
        _newUsers.Dispose();
        _directLineActivities.Dispose();
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    private static TimeSpan? Acquire(PartitionedRateLimiter<string> limiter, HttpContext context, int permits = 1)
    {
        if (permits <= 0)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", permits);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : RetryAfter.TooManyRequestsDefault;
    }
}
