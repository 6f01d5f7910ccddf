using System.Data.Common;
using Dapper;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Notifications;

/// <summary>
/// <see cref="INotificationOutbox"/> on the shared database. Stores that cause a notification write it with
/// <see cref="EnqueueAsync(IDatabase, DbConnection, DbTransaction, NewNotification, DateTimeOffset)"/> inside their own
/// unit of work, so the change and its notification commit together or not at all. It is also the resident data part
/// <c>notifications</c>: a resident's notifications are in their export and go with their erasure.
/// </summary>
public sealed class SqlNotificationOutbox(IDatabase database, TimeProvider clock) : INotificationOutbox, IResidentDataPart
{
    private const string Columns = """
        id AS Id, dedupe_key AS DedupeKey, recipient_kind AS RecipientKind, recipient_id AS RecipientId, kind AS Kind, payload AS Payload,
        state AS State, attempts AS Attempts, next_attempt_at AS NextAttemptAt, lease_owner AS LeaseOwner, lease_until AS LeaseUntil,
        last_status AS LastStatus, last_error AS LastError, created_at AS CreatedAt, completed_at AS CompletedAt
        """;

    private const string Open = "state IN ('Pending', 'Throttled')";

    internal const string SqliteInsert = """
        INSERT INTO notification_outbox (id, dedupe_key, recipient_kind, recipient_id, kind, payload, state, attempts, next_attempt_at, created_at)
        VALUES (@Id, @DedupeKey, @RecipientKind, @RecipientId, @Kind, @Payload, 'Pending', 0, @DueAt, @Now)
        ON CONFLICT (dedupe_key) DO NOTHING
        """;

    // The key-range lock makes a second, simultaneous enqueue of the same key wait and then find the first one's row:
    // a no-op, where a bare NOT EXISTS under read committed lets both insert and the second fail on the unique constraint.
    internal const string SqlServerInsert = """
        INSERT INTO notification_outbox (id, dedupe_key, recipient_kind, recipient_id, kind, payload, state, attempts, next_attempt_at, created_at)
        SELECT @Id, @DedupeKey, @RecipientKind, @RecipientId, @Kind, @Payload, 'Pending', 0, @DueAt, @Now
        WHERE NOT EXISTS (SELECT 1 FROM notification_outbox WITH (UPDLOCK, HOLDLOCK) WHERE dedupe_key = @DedupeKey)
        """;

    // One statement for every resident of the neighbourhoods who asked for news (an active News consent), one row
    // each, keyed by item and resident: the same item is never announced twice to one resident.
    internal const string SqliteAnnounce = """
        INSERT INTO notification_outbox (id, dedupe_key, recipient_kind, recipient_id, kind, payload, state, attempts, next_attempt_at, created_at)
        SELECT lower(hex(randomblob(16))), @Prefix || r.id, 'Resident', r.id, 'Announcement', @Payload, 'Pending', 0, @DueAt, @Now
        FROM residents r JOIN resident_consents c ON c.resident_id = r.id AND c.kind = 'News' AND c.withdrawn_at IS NULL
        WHERE r.neighbourhood_id IN (SELECT value FROM json_each(@Neighbourhoods))
        ON CONFLICT (dedupe_key) DO NOTHING
        """;

    internal const string SqlServerAnnounce = """
        INSERT INTO notification_outbox (id, dedupe_key, recipient_kind, recipient_id, kind, payload, state, attempts, next_attempt_at, created_at)
        SELECT LOWER(REPLACE(CONVERT(NVARCHAR(36), NEWID()), '-', '')), @Prefix + r.id, 'Resident', r.id, 'Announcement', @Payload, 'Pending', 0, @DueAt, @Now
        FROM residents r JOIN resident_consents c ON c.resident_id = r.id AND c.kind = 'News' AND c.withdrawn_at IS NULL
        WHERE r.neighbourhood_id IN (SELECT value FROM OPENJSON(@Neighbourhoods) WITH (value NVARCHAR(64) '$'))
          AND NOT EXISTS (SELECT 1 FROM notification_outbox o WITH (UPDLOCK, HOLDLOCK) WHERE o.dedupe_key = @Prefix + r.id)
        """;

    internal const string SelectById = "SELECT " + Columns + " FROM notification_outbox WHERE id = @id";

    internal const string SelectByDedupeKey = "SELECT " + Columns + " FROM notification_outbox WHERE dedupe_key = @dedupeKey";

    internal const string SelectByRecipient = "SELECT " + Columns + " FROM notification_outbox WHERE recipient_kind = @kind AND recipient_id = @id ORDER BY created_at, id";

    private const string Due = Open + " AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)";

    internal const string SqliteAnyDue = "SELECT EXISTS (SELECT 1 FROM notification_outbox WHERE " + Due + ")";

    internal const string SqlServerAnyDue = "SELECT CASE WHEN EXISTS (SELECT 1 FROM notification_outbox WHERE " + Due + ") THEN 1 ELSE 0 END";

    // Claims of all instances take turns (SQLite: BEGIN IMMEDIATE; SQL Server: this lock, held to the commit). A claim is
    // a few short statements, so waiting is brief; sending happens outside the transaction.
    internal const string SqlServerClaimLock = """
        DECLARE @lock INT;
        EXEC @lock = sp_getapplock @Resource = 'veerkracht-notification-claim', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 20000;
        IF @lock < 0 THROW 50001, 'Another instance held the outbox claim lock for too long.', 1;
        """;

    internal const string GiveUp = """
        UPDATE notification_outbox SET state = 'Failed', last_error = @reason, completed_at = @now, lease_owner = NULL, lease_until = NULL
        WHERE state IN ('Pending', 'Throttled') AND attempts >= @maxAttempts AND (lease_until IS NULL OR lease_until <= @now)
        """;

    // A recipient whose notifications another lease holds is skipped: one instance at a time sends to a conversation,
    // so its pace (Teams: 7 per second per conversation) holds across instances. A recipient's messages go in the order
    // they were enqueued: one waits while an earlier one to the same recipient is still to try again later, and the
    // selection is oldest first, so a batch never takes a later one without the earlier ones.
    private const string ClaimableWhere = """
        WHERE o.state IN ('Pending', 'Throttled') AND o.next_attempt_at <= @now AND (o.lease_until IS NULL OR o.lease_until <= @now)
          AND NOT EXISTS (SELECT 1 FROM notification_outbox b WHERE b.recipient_kind = o.recipient_kind AND b.recipient_id = o.recipient_id
                          AND b.state IN ('Pending', 'Throttled') AND b.lease_until > @now)
          AND NOT EXISTS (SELECT 1 FROM notification_outbox e WHERE e.recipient_kind = o.recipient_kind AND e.recipient_id = o.recipient_id
                          AND e.state IN ('Pending', 'Throttled') AND e.next_attempt_at > @now
                          AND (e.created_at < o.created_at OR (e.created_at = o.created_at AND e.id < o.id)))
        ORDER BY o.created_at, o.id
        """;

    internal const string SqliteSelectClaimable = "SELECT o.id FROM notification_outbox o " + ClaimableWhere + " LIMIT @max";

    internal const string SqlServerSelectClaimable = "SELECT TOP (@max) o.id FROM notification_outbox o " + ClaimableWhere;

    internal const string SqliteLease = """
        UPDATE notification_outbox SET lease_owner = @owner, lease_until = @until, attempts = attempts + 1
        WHERE id IN (SELECT value FROM json_each(@ids))
        """;

    internal const string SqlServerLease = """
        UPDATE notification_outbox SET lease_owner = @owner, lease_until = @until, attempts = attempts + 1
        WHERE id IN (SELECT value FROM OPENJSON(@ids) WITH (value NVARCHAR(64) '$'))
        """;

    internal const string SelectLeased = "SELECT " + Columns + " FROM notification_outbox WHERE lease_owner = @owner AND lease_until = @until AND " + Open + " ORDER BY created_at, id";

    internal const string CompleteFinal = """
        UPDATE notification_outbox SET state = @state, last_status = @status, last_error = @reason, completed_at = @now, lease_owner = NULL, lease_until = NULL
        WHERE id = @id AND lease_owner = @owner AND state IN ('Pending', 'Throttled')
        """;

    internal const string CompleteRetry = """
        UPDATE notification_outbox SET state = 'Throttled', next_attempt_at = @retryAt, last_status = @status, last_error = @reason, lease_owner = NULL, lease_until = NULL
        WHERE id = @id AND lease_owner = @owner AND state IN ('Pending', 'Throttled')
        """;

    internal const string Release = """
        UPDATE notification_outbox SET attempts = attempts - 1, lease_owner = NULL, lease_until = NULL
        WHERE id = @id AND lease_owner = @owner AND state IN ('Pending', 'Throttled')
        """;

    internal const string SelectStatistics = """
        SELECT kind AS Kind, state AS State, CAST(COUNT(*) AS BIGINT) AS Count,
               CAST(SUM(CASE WHEN lease_until > @now THEN 1 ELSE 0 END) AS BIGINT) AS Leased,
               MIN(CASE WHEN state IN ('Pending', 'Throttled') AND next_attempt_at <= @now THEN next_attempt_at END) AS OldestDue
        FROM notification_outbox GROUP BY kind, state
        """;

    internal const string Purge = "DELETE FROM notification_outbox WHERE completed_at IS NOT NULL AND completed_at < @before";

    internal const string DeleteOfResident = "DELETE FROM notification_outbox WHERE recipient_kind = 'Resident' AND recipient_id = @residentId";

    internal const string SelectOfResident = """
        SELECT kind AS Kind, payload AS Payload, state AS State, created_at AS CreatedAt, completed_at AS CompletedAt
        FROM notification_outbox WHERE recipient_kind = 'Resident' AND recipient_id = @residentId ORDER BY created_at, id
        """;

    internal const string SqliteMarkInactive = """
        INSERT INTO inactive_conversations (channel_id, conversation_id, since, reason) VALUES (@channelId, @conversationId, @now, @reason)
        ON CONFLICT (channel_id, conversation_id) DO UPDATE SET reason = excluded.reason
        """;

    internal const string SqlServerMarkInactive = """
        MERGE inactive_conversations WITH (HOLDLOCK) AS target
        USING (SELECT @channelId AS channel_id, @conversationId AS conversation_id) AS source
            ON target.channel_id = source.channel_id AND target.conversation_id = source.conversation_id
        WHEN MATCHED THEN UPDATE SET reason = @reason
        WHEN NOT MATCHED THEN INSERT (channel_id, conversation_id, since, reason) VALUES (@channelId, @conversationId, @now, @reason);
        """;

    internal const string SelectInactive = "SELECT reason AS Reason, since AS Since FROM inactive_conversations WHERE channel_id = @channelId AND conversation_id = @conversationId";

    internal const string DeleteInactive = "DELETE FROM inactive_conversations WHERE channel_id = @channelId AND conversation_id = @conversationId";

    /// <inheritdoc />
    public string Name => "notifications";

    /// <summary>
    /// Writes <paramref name="notification"/> inside the caller's transaction, so it commits with the change that causes
    /// it. False when one with the same dedupe key exists already.
    /// </summary>
    public static async Task<bool> EnqueueAsync(IDatabase database, DbConnection connection, DbTransaction transaction, NewNotification notification, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.DedupeKey);
        if (notification.DedupeKey.Length > NewNotification.MaxDedupeKeyLength)
        {
            throw new ArgumentException($"A dedupe key is at most {NewNotification.MaxDedupeKeyLength} characters.", nameof(notification));
        }

        return await connection.ExecuteAsync(database.Pick(SqliteInsert, SqlServerInsert), new
        {
            Id = Ids.New(),
            notification.DedupeKey,
            RecipientKind = notification.Recipient.Kind.ToString(),
            RecipientId = notification.Recipient.Id,
            Kind = notification.Kind.ToString(),
            notification.Payload,
            DueAt = (notification.DueAt ?? now).Ms(),
            Now = now.Ms(),
        }, transaction).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Inside the caller's transaction: an announcement of a new meeting or poll to every resident of
    /// <paramref name="neighbourhoodIds"/> with an active <see cref="Residents.ConsentKind.News"/> consent, at most once
    /// per resident and item. Returns how many were enqueued.
    /// </summary>
    public static Task<int> AnnounceAsync(IDatabase database, DbConnection connection, DbTransaction transaction, AnnouncementPayload announcement,
        IEnumerable<string> neighbourhoodIds, DateTimeOffset dueAt, DateTimeOffset now) =>
        connection.ExecuteAsync(database.Pick(SqliteAnnounce, SqlServerAnnounce), new
        {
            Prefix = AnnouncementKeyPrefix(announcement),
            Payload = NotificationPayloads.Write(announcement),
            Neighbourhoods = Sql.JsonList(neighbourhoodIds),
            DueAt = dueAt.Ms(),
            Now = now.Ms(),
        }, transaction);

    /// <summary>The dedupe key of an announcement to one resident.</summary>
    public static string AnnouncementKey(AnnouncementPayload announcement, string residentId) => AnnouncementKeyPrefix(announcement) + residentId;

    /// <inheritdoc />
    public Task<bool> EnqueueAsync(NewNotification notification, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => EnqueueAsync(database, connection, transaction, notification, clock.GetUtcNow()), cancellationToken);

    /// <inheritdoc />
    public async Task<Notification?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<NotificationRow>(SelectById, new { id }), cancellationToken).ConfigureAwait(false))?.ToRecord();

    /// <inheritdoc />
    public async Task<Notification?> FindAsync(string dedupeKey, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<NotificationRow>(SelectByDedupeKey, new { dedupeKey }), cancellationToken).ConfigureAwait(false))?.ToRecord();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Notification>> ForRecipientAsync(Recipient recipient, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QueryAsync<NotificationRow>(SelectByRecipient, new { kind = recipient.Kind.ToString(), id = recipient.Id }), cancellationToken)
            .ConfigureAwait(false)).Select(r => r.ToRecord()).ToList();

    /// <inheritdoc />
    public Task<bool> AnyDueAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<bool>(database.Pick(SqliteAnyDue, SqlServerAnyDue), new { now = clock.GetUtcNow().Ms() }), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Notification>> ClaimAsync(string owner, int max, TimeSpan lease, int maxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        return database.WriteAsync<IReadOnlyList<Notification>>(async (connection, transaction) =>
        {
            var now = clock.GetUtcNow();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                await connection.ExecuteAsync(SqlServerClaimLock, transaction: transaction).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(GiveUp, new
            {
                now = now.Ms(), maxAttempts,
                reason = $"Gave up after {maxAttempts} attempts; the last ones ended without a result (the sending instance stopped).",
            }, transaction).ConfigureAwait(false);
            var ids = (await connection.QueryAsync<string>(database.Pick(SqliteSelectClaimable, SqlServerSelectClaimable), new { now = now.Ms(), max }, transaction).ConfigureAwait(false)).ToList();
            if (ids.Count == 0)
            {
                return [];
            }

            var until = (now + lease).Ms();
            await connection.ExecuteAsync(database.Pick(SqliteLease, SqlServerLease), new { owner, until, ids = Sql.JsonList(ids) }, transaction).ConfigureAwait(false);
            return (await connection.QueryAsync<NotificationRow>(SelectLeased, new { owner, until }, transaction).ConfigureAwait(false)).Select(r => r.ToRecord()).ToList();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(string id, string owner, DeliveryOutcome outcome, CancellationToken cancellationToken = default)
    {
        var reason = outcome.Reason is { Length: > 1000 } full ? full[..1000] : outcome.Reason;
        var now = clock.GetUtcNow();
        if (outcome.State is DeliveryState.Pending)
        {
            throw new ArgumentException("An attempt ends in Throttled (try again) or in a final state.", nameof(outcome));
        }

        var changed = await database.WriteAsync((connection, transaction) => outcome.State == DeliveryState.Throttled
            ? connection.ExecuteAsync(CompleteRetry, new { id, owner, retryAt = (outcome.RetryAt ?? now).Ms(), status = outcome.Status, reason }, transaction)
            : connection.ExecuteAsync(CompleteFinal, new { id, owner, state = outcome.State.ToString(), status = outcome.Status, reason, now = now.Ms() }, transaction), cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(string id, string owner, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(Release, new { id, owner }, transaction), cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task<OutboxStatistics> StatisticsAsync(CancellationToken cancellationToken = default)
    {
        var rows = (await database.ReadAsync(connection => connection.QueryAsync<(string Kind, string State, long Count, long Leased, long? OldestDue)>(
            SelectStatistics, new { now = clock.GetUtcNow().Ms() }), cancellationToken).ConfigureAwait(false)).ToList();
        var open = rows.Where(r => r.State is nameof(DeliveryState.Pending) or nameof(DeliveryState.Throttled))
            .GroupBy(r => Enum.Parse<NotificationKind>(r.Kind)).ToDictionary(g => g.Key, g => (int)g.Sum(r => r.Count));
        var results = rows.GroupBy(r => Enum.Parse<DeliveryState>(r.State)).ToDictionary(g => g.Key, g => (int)g.Sum(r => r.Count));
        var oldest = rows.Where(r => r.OldestDue is not null).Select(r => r.OldestDue!.Value).DefaultIfEmpty().Min();
        return new OutboxStatistics(open, results, (int)rows.Sum(r => r.Leased), rows.Any(r => r.OldestDue is not null) ? UnixTime.At(oldest) : null);
    }

    /// <inheritdoc />
    public Task<int> PurgeCompletedAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(Purge, new { before = before.Ms() }, transaction), cancellationToken);

    /// <inheritdoc />
    public Task MarkInactiveAsync(string channelId, string conversationId, string reason, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(database.Pick(SqliteMarkInactive, SqlServerMarkInactive),
            new { channelId, conversationId, reason = reason.Length > 200 ? reason[..200] : reason, now = clock.GetUtcNow().Ms() }, transaction), cancellationToken);

    /// <inheritdoc />
    public async Task<InactiveConversation?> InactiveAsync(string channelId, string conversationId, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(string Reason, long Since)>(SelectInactive, new { channelId, conversationId }), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new InactiveConversation(r.Reason, UnixTime.At(r.Since))).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<bool> ReactivateAsync(string channelId, string conversationId, CancellationToken cancellationToken = default)
    {
        // A read first: every incoming activity asks, and almost always nothing is marked; a write would cost a commit per turn.
        if (await InactiveAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        return await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(DeleteInactive, new { channelId, conversationId }, transaction), cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<object?> ExportAsync(DbConnection connection, string residentId, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(string Kind, string Payload, string State, long CreatedAt, long? CompletedAt)>(SelectOfResident, new { residentId }).ConfigureAwait(false)).ToList();
        return rows.Count == 0 ? null : rows.Select(r => new ExportedNotification(Enum.Parse<NotificationKind>(r.Kind), System.Text.Json.Nodes.JsonNode.Parse(r.Payload),
            Enum.Parse<DeliveryState>(r.State), UnixTime.At(r.CreatedAt), UnixTime.At(r.CompletedAt))).ToList();
    }

    /// <inheritdoc />
    public Task<int> EraseAsync(DbConnection connection, DbTransaction transaction, string residentId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(DeleteOfResident, new { residentId }, transaction);

    private static string AnnouncementKeyPrefix(AnnouncementPayload announcement) => $"announcement:{announcement.Item.ToString().ToLowerInvariant()}:{announcement.Id}:";

    /// <summary>A resident's notification as their export shows it.</summary>
    public sealed record ExportedNotification(NotificationKind Kind, System.Text.Json.Nodes.JsonNode? Content, DeliveryState State, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

    private sealed class NotificationRow
    {
        public string Id { get; set; } = "";
        public string DedupeKey { get; set; } = "";
        public string RecipientKind { get; set; } = "";
        public string RecipientId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Payload { get; set; } = "";
        public string State { get; set; } = "";
        public int Attempts { get; set; }
        public long NextAttemptAt { get; set; }
        public string? LeaseOwner { get; set; }
        public long? LeaseUntil { get; set; }
        public int? LastStatus { get; set; }
        public string? LastError { get; set; }
        public long CreatedAt { get; set; }
        public long? CompletedAt { get; set; }

        public Notification ToRecord() => new(Id, new Recipient(Enum.Parse<RecipientKind>(RecipientKind), RecipientId), Enum.Parse<NotificationKind>(Kind), Payload, DedupeKey,
            Enum.Parse<DeliveryState>(State), Attempts, UnixTime.At(NextAttemptAt), LeaseOwner, UnixTime.At(LeaseUntil), LastStatus, LastError, UnixTime.At(CreatedAt), UnixTime.At(CompletedAt));
    }
}
