using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Bot;

/// <summary>Limits and identity of the bot host. Bound from the <c>Bot</c> section.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>Largest request body accepted on <c>/api/messages</c> and the Direct Line endpoints.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Longest message text the bot reads; longer messages get a friendly reply.</summary>
    [Range(100, 100_000)]
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>Where residents reach this host (for links in cards: calendar files, data exports); the listening address when empty.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>Messages one conversation may send per minute; more get one friendly "wait a minute" and are not handled.</summary>
    [Range(1, 10_000)]
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>
    /// Service URL prefixes the bot may reply to when Bot Framework authentication is off (empty
    /// <c>MicrosoftAppId</c>): a loopback test connector, the Bot Framework Emulator. Matched exactly on scheme,
    /// host, port and path prefix after normalising. Empty: without authentication <c>/api/messages</c> is off.
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>New conversations one client address may open per minute on <c>/api/messages</c> without authentication.</summary>
    [Range(1, 1_000_000)]
    public int NewConversationsPerMinutePerClient { get; set; } = 30;

    /// <summary>
    /// Users the bot does not know yet (each becomes a resident) that one client address may bring to <c>/api/messages</c>
    /// per minute without authentication, in new conversations or existing ones.
    /// </summary>
    [Range(1, 1_000_000)]
    public int NewUsersPerMinutePerClient { get; set; } = 30;

    /// <summary>
    /// Turns (posts to <c>/api/messages</c> and the local Direct Line) handled at once; more wait in a short queue.
    /// Beyond what the machine can do, more at once only makes every turn slower (they share the cores and the database).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentTurns { get; set; } = 8;

    /// <summary>Turns that may wait for a free place; beyond it the answer is 503 with Retry-After at once.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedTurns { get; set; } = 32;

    /// <summary>Longest a turn waits in the queue before it gets 503 with Retry-After.</summary>
    [Range(1, 60_000)]
    public int MaxTurnQueueMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How many instances of the bot share its database, for hosts other than App Service (containers, VMs). With more
    /// than one, or on SQL Server (which App Service can scale out at any time), a turn takes a lease on its
    /// conversation in the database; one instance on SQLite holds it in memory and saves a commit per turn.
    /// </summary>
    [Range(1, 1_000)]
    public int Instances { get; set; } = 1;

    /// <summary>The bot's display name in conversations.</summary>
    [Required]
    public string Name { get; set; } = "VeerkrachtBot";
}
