using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>How the outbox worker sends the messages the bot starts. Bound from the <c>Proactive</c> section.</summary>
public sealed class ProactiveOptions
{
    public const string Section = "Proactive";

    /// <summary>Whether this instance sends from the outbox (rows are written either way; another instance can send them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the worker looks for due messages when it found none (a cheap read; claiming writes).</summary>
    [Range(0.05, 3600)]
    public double WorkerIntervalSeconds { get; set; } = 2;

    /// <summary>Messages claimed at once.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a claim holds its messages. A message is only sent while at least half of the lease is left, and a send
    /// times out after a quarter of it (at most a minute), so a send never outlives its lease.
    /// </summary>
    [Range(2, 3600)]
    public double LeaseSeconds { get; set; } = 300;

    /// <summary>Attempts before a message that keeps failing for a passing reason (429, 5xx, network) is given up as failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First back-off after a passing failure without Retry-After; it doubles per attempt, with jitter.</summary>
    [Range(0.01, 3600)]
    public double RetryBaseSeconds { get; set; } = 10;

    /// <summary>The longest back-off (and the longest Retry-After honoured as given).</summary>
    [Range(1, 1440)]
    public double RetryMaxMinutes { get; set; } = 60;

    /// <summary>
    /// Messages per second this instance sends into one tenant. Teams allows 50 per second per bot per tenant across all
    /// instances: each instance keeps its own count, so with N sending instances this is at most 50 / N (25 for two).
    /// </summary>
    [Range(1, 50)]
    public int TenantMessagesPerSecond { get; set; } = 25;

    /// <summary>Messages sent at the same time (to different conversations; one conversation's messages go one by one).</summary>
    [Range(1, 64)]
    public int MaxConcurrentSends { get; set; } = 4;

    /// <summary>Days a sent (or given up) message stays in the outbox, for monitoring and the resident's export.</summary>
    [Range(1, 3650)]
    public int KeepDays { get; set; } = 30;

    /// <summary>How often a sending instance logs the outbox figures (depth, results, the oldest waiting message).</summary>
    [Range(1, 86400)]
    public double MonitorSeconds { get; set; } = 300;

    /// <summary>A due message that waited longer than this is logged as a warning with the figures (the worker is behind or stopped).</summary>
    [Range(0, 1440)]
    public double BacklogWarningMinutes { get; set; } = 15;

    /// <summary>Channels whose conversations take no proactive messages (they only exist while a call or stream is open).</summary>
    public List<string> ChannelsWithoutProactive { get; set; } = ["directlinespeech", "telephony"];

    public TimeSpan Interval => TimeSpan.FromSeconds(WorkerIntervalSeconds);

    public TimeSpan MonitorEvery => TimeSpan.FromSeconds(MonitorSeconds);

    public TimeSpan BacklogWarning => TimeSpan.FromMinutes(BacklogWarningMinutes);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan SendTimeout => TimeSpan.FromSeconds(Math.Min(60, LeaseSeconds / 4));
}
