namespace VeerkrachtBot.Core.Notifications;

/// <summary>Who a notification is for.</summary>
public enum RecipientKind
{
    /// <summary>A resident, by pseudonym: sent in the conversation the bot remembered for them.</summary>
    Resident,

    /// <summary>A stored conversation reference (a Teams channel, group chat or personal chat), by its id.</summary>
    Conversation,

    /// <summary>A Teams user, by Entra object id: their personal chat with the bot, created when there is none yet.</summary>
    TeamsUser,
}

/// <summary>The recipient of a notification.</summary>
/// <param name="Kind">What <paramref name="Id"/> names.</param>
/// <param name="Id">A resident's pseudonym, a conversation reference id or an Entra object id.</param>
public sealed record Recipient(RecipientKind Kind, string Id)
{
    /// <summary>A resident, by pseudonym.</summary>
    public static Recipient Resident(string residentId) => new(RecipientKind.Resident, residentId);

    /// <summary>A stored conversation reference (Teams chat or channel).</summary>
    public static Recipient Conversation(string conversationReferenceId) => new(RecipientKind.Conversation, conversationReferenceId);

    /// <summary>A Teams user's personal chat with the bot.</summary>
    public static Recipient TeamsUser(string aadObjectId) => new(RecipientKind.TeamsUser, aadObjectId);
}

/// <summary>What a notification says; the Bot renders each kind in the recipient's language when it sends it.</summary>
public enum NotificationKind
{
    /// <summary>A professional moved the resident's idea on (<see cref="IdeaStatusPayload"/>).</summary>
    IdeaStatus,

    /// <summary>The resident moved up from a waiting list and has a place now (<see cref="PromotionPayload"/>).</summary>
    WaitingListPromotion,

    /// <summary>A new meeting or poll in the resident's neighbourhood, for residents who asked for news (<see cref="AnnouncementPayload"/>).</summary>
    Announcement,

    /// <summary>A digest for a Teams conversation (rendered by the digests feature).</summary>
    Digest,

    /// <summary>A closed poll's results for a programme manager or a subscribed Teams conversation (rendered by the digests feature).</summary>
    PollResults,

    /// <summary>A short text as written (<see cref="TextPayload"/>), e.g. a notice to a Teams conversation.</summary>
    Text,

    /// <summary>A short evaluation question to a resident, e.g. after a meeting they went to (<see cref="Evaluations.EvaluationPayload"/>).</summary>
    Evaluation,
}

/// <summary>Where a notification stands; the result per recipient once it is final.</summary>
public enum DeliveryState
{
    /// <summary>Not tried yet.</summary>
    Pending,

    /// <summary>The channel was busy or unreachable (429, 412, 5xx, network): it will be tried again.</summary>
    Throttled,

    /// <summary>Delivered.</summary>
    Succeeded,

    /// <summary>Given up, with the reason (too large, refused, too many attempts).</summary>
    Failed,

    /// <summary>The recipient cannot be reached: the bot was removed or blocked, the conversation is gone, or the resident erased their data.</summary>
    RecipientGone,

    /// <summary>Not sent on purpose, with the reason: the channel takes no proactive messages, consent was withdrawn, the item is over.</summary>
    Skipped,
}

/// <summary>A notification to enqueue.</summary>
/// <param name="Recipient">Who it is for.</param>
/// <param name="Kind">What it says.</param>
/// <param name="Payload">Channel-neutral JSON the Bot renders when it sends it.</param>
/// <param name="DedupeKey">Unique per intended message: a second enqueue with the same key is a no-op (e.g. <c>digest:{subscription}:{period}</c>).</param>
/// <param name="DueAt">Not sent before this time (null: at once).</param>
public sealed record NewNotification(Recipient Recipient, NotificationKind Kind, string Payload, string DedupeKey, DateTimeOffset? DueAt = null)
{
    /// <summary>Longest dedupe key.</summary>
    public const int MaxDedupeKeyLength = 256;
}

/// <summary>A notification in the outbox.</summary>
/// <param name="Id">Its id; also the id of the activity the bot sends for it, so a receiver can recognise a repeat.</param>
/// <param name="Recipient">Who it is for.</param>
/// <param name="Kind">What it says.</param>
/// <param name="Payload">Channel-neutral JSON.</param>
/// <param name="DedupeKey">Unique per intended message.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">Times it was claimed for sending.</param>
/// <param name="NextAttemptAt">Not sent before this time.</param>
/// <param name="LeaseOwner">The bot instance that is sending it, while it does.</param>
/// <param name="LeaseUntil">Until when that instance holds it; after that another may take it.</param>
/// <param name="LastStatus">The HTTP status of the last attempt, when there was a response.</param>
/// <param name="LastError">Why the last attempt did not succeed, or why it was given up.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="CompletedAt">When it reached its final state.</param>
public sealed record Notification(
    string Id,
    Recipient Recipient,
    NotificationKind Kind,
    string Payload,
    string DedupeKey,
    DeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil,
    int? LastStatus,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Whether it will still be sent (pending or throttled).</summary>
    public bool IsOpen => State is DeliveryState.Pending or DeliveryState.Throttled;
}

/// <summary>What one attempt to send came to.</summary>
/// <param name="State">The new state: <see cref="DeliveryState.Throttled"/> to try again, or a final one.</param>
/// <param name="RetryAt">With <see cref="DeliveryState.Throttled"/>: not before this time.</param>
/// <param name="Status">The HTTP status of the response, when there was one.</param>
/// <param name="Reason">Why it did not succeed.</param>
public sealed record DeliveryOutcome(DeliveryState State, DateTimeOffset? RetryAt = null, int? Status = null, string? Reason = null)
{
    /// <summary>Delivered.</summary>
    public static DeliveryOutcome Delivered(int? status = null) => new(DeliveryState.Succeeded, Status: status);
}

/// <summary>Outbox figures for monitoring.</summary>
/// <param name="Open">Notifications still to send (pending or throttled), per kind.</param>
/// <param name="Results">Notifications per final or current state, per kind.</param>
/// <param name="Leased">Notifications an instance is sending right now.</param>
/// <param name="OldestDueAt">When the longest-waiting open notification became due (null: nothing due).</param>
public sealed record OutboxStatistics(
    IReadOnlyDictionary<NotificationKind, int> Open,
    IReadOnlyDictionary<DeliveryState, int> Results,
    int Leased,
    DateTimeOffset? OldestDueAt)
{
    /// <summary>All notifications still to send.</summary>
    public int Depth => Open.Values.Sum();
}
