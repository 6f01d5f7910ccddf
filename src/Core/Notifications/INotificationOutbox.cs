namespace VeerkrachtBot.Core.Notifications;

/// <summary>A conversation that refused or lost the bot; nothing is sent to it until it talks to the bot again.</summary>
/// <param name="Reason">The channel's error code or status, e.g. <c>ConversationBlockedByUser</c>.</param>
/// <param name="Since">When it was marked.</param>
public sealed record InactiveConversation(string Reason, DateTimeOffset Since);

/// <summary>
/// The outbox every message the bot starts goes through. Rows are written in the transaction of the change that
/// causes them (stores call the outbox's writer inside their unit of work); a worker claims due rows with a lease,
/// sends them and records a result per recipient. Several bot instances share it: a lease (owner and time) keeps
/// two instances from sending one row, and one recipient's rows are only ever leased by one instance at a time.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>Enqueues a notification in a transaction of its own. False when one with the same dedupe key exists (nothing changes).</summary>
    Task<bool> EnqueueAsync(NewNotification notification, CancellationToken cancellationToken = default);

    /// <summary>The notification, or null.</summary>
    Task<Notification?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The notification with this dedupe key, or null.</summary>
    Task<Notification?> FindAsync(string dedupeKey, CancellationToken cancellationToken = default);

    /// <summary>A recipient's notifications, oldest first.</summary>
    Task<IReadOnlyList<Notification>> ForRecipientAsync(Recipient recipient, CancellationToken cancellationToken = default);

    /// <summary>Whether any notification is due and free to claim: a cheap read before a claim, which writes.</summary>
    Task<bool> AnyDueAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases up to <paramref name="max"/> due notifications for <paramref name="owner"/> until now + <paramref name="lease"/>,
    /// counting an attempt for each; skips recipients another lease holds. Open notifications that were claimed
    /// <paramref name="maxAttempts"/> times already (the sender stopped during the last attempts) are failed instead.
    /// </summary>
    Task<IReadOnlyList<Notification>> ClaimAsync(string owner, int max, TimeSpan lease, int maxAttempts, CancellationToken cancellationToken = default);

    /// <summary>Records the outcome of an attempt. False when <paramref name="owner"/> no longer holds the lease (nothing changes).</summary>
    Task<bool> CompleteAsync(string id, string owner, DeliveryOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>Gives a leased notification back untried (the instance is stopping, or the lease is too short to send): the attempt does not count.</summary>
    Task<bool> ReleaseAsync(string id, string owner, CancellationToken cancellationToken = default);

    /// <summary>Depth and results, for monitoring.</summary>
    Task<OutboxStatistics> StatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes notifications that reached a final state before <paramref name="before"/>; returns how many.</summary>
    Task<int> PurgeCompletedAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Marks a channel conversation inactive (the bot was removed, blocked, or the conversation is gone).</summary>
    Task MarkInactiveAsync(string channelId, string conversationId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Whether the conversation is marked inactive, and why; null when it is not.</summary>
    Task<InactiveConversation?> InactiveAsync(string channelId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>The conversation talked to the bot again: it takes messages again. True when it was marked.</summary>
    Task<bool> ReactivateAsync(string channelId, string conversationId, CancellationToken cancellationToken = default);
}
