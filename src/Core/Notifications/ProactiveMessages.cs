namespace VeerkrachtBot.Core.Notifications;

/// <summary>
/// The public way for a feature to have the bot start a message (a digest, a notice to a Teams chat): enqueue it in
/// the outbox with a dedupe key that is unique per intended message, and the worker sends it. A second enqueue with the
/// same key changes nothing, so a feature can enqueue again after a crash or from another instance without sending twice.
/// Inside a store's own transaction use <see cref="SqlNotificationOutbox.EnqueueAsync(Storage.IDatabase, System.Data.Common.DbConnection, System.Data.Common.DbTransaction, NewNotification, DateTimeOffset)"/>.
/// </summary>
public sealed class ProactiveMessages(INotificationOutbox outbox)
{
    /// <summary>
    /// A message for a stored conversation (a Teams channel, group chat or personal chat, by the id of its stored
    /// reference), with a channel-neutral <paramref name="payload"/> that the Bot renders for <paramref name="kind"/>.
    /// True when enqueued; false when a message with this <paramref name="dedupeKey"/> was enqueued before.
    /// </summary>
    public Task<bool> EnqueueForConversationAsync(string conversationReferenceId, NotificationKind kind, string payload, string dedupeKey,
        DateTimeOffset? dueAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationReferenceId);
        return outbox.EnqueueAsync(new NewNotification(Recipient.Conversation(conversationReferenceId), kind, payload, dedupeKey, dueAt), cancellationToken);
    }

    /// <summary>
    /// A message for a Teams user's personal chat with the bot (by Entra object id); the bot creates that chat with the
    /// tenant of a stored conversation of the user when there is none yet.
    /// </summary>
    public Task<bool> EnqueueForTeamsUserAsync(string aadObjectId, NotificationKind kind, string payload, string dedupeKey,
        DateTimeOffset? dueAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        return outbox.EnqueueAsync(new NewNotification(Recipient.TeamsUser(aadObjectId), kind, payload, dedupeKey, dueAt), cancellationToken);
    }

    /// <summary>A short text for a stored conversation, sent as written.</summary>
    public Task<bool> EnqueueTextForConversationAsync(string conversationReferenceId, string text, string dedupeKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return EnqueueForConversationAsync(conversationReferenceId, NotificationKind.Text, NotificationPayloads.Write(new TextPayload(text)), dedupeKey, cancellationToken: cancellationToken);
    }

    /// <summary>Whether, and how, the message with this dedupe key was sent (null: never enqueued).</summary>
    public Task<Notification?> FindAsync(string dedupeKey, CancellationToken cancellationToken = default) => outbox.FindAsync(dedupeKey, cancellationToken);

    /// <summary>Outbox depth and results, for monitoring.</summary>
    public Task<OutboxStatistics> StatisticsAsync(CancellationToken cancellationToken = default) => outbox.StatisticsAsync(cancellationToken);
}
