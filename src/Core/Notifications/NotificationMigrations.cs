using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Notifications;

/// <summary>
/// The outbox of every message the bot starts itself, and the conversations that cannot take messages any more.
/// Rows are written in the transaction of the change that causes them; the Bot's worker sends them.
/// </summary>
public sealed class NotificationMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("notifications", 1, "outbox of proactive messages and inactive conversations",
            // Open rows (pending, throttled) are found through the partial index; a recipient's rows through the other.
            Sqlite: """
                CREATE TABLE notification_outbox (
                    id              TEXT PRIMARY KEY,
                    dedupe_key      TEXT NOT NULL UNIQUE,
                    recipient_kind  TEXT NOT NULL,
                    recipient_id    TEXT NOT NULL,
                    kind            TEXT NOT NULL,
                    payload         TEXT NOT NULL,
                    state           TEXT NOT NULL,
                    attempts        INTEGER NOT NULL,
                    next_attempt_at INTEGER NOT NULL,
                    lease_owner     TEXT,
                    lease_until     INTEGER,
                    last_status     INTEGER,
                    last_error      TEXT,
                    created_at      INTEGER NOT NULL,
                    completed_at    INTEGER
                );
                CREATE INDEX ix_notification_outbox_due ON notification_outbox (next_attempt_at) WHERE state IN ('Pending', 'Throttled');
                CREATE INDEX ix_notification_outbox_recipient ON notification_outbox (recipient_kind, recipient_id);
                CREATE INDEX ix_notification_outbox_completed ON notification_outbox (completed_at);
                CREATE TABLE inactive_conversations (
                    channel_id      TEXT NOT NULL,
                    conversation_id TEXT NOT NULL,
                    since           INTEGER NOT NULL,
                    reason          TEXT NOT NULL,
                    PRIMARY KEY (channel_id, conversation_id)
                );
                """,
            // The conversation key is wider than a clustered key may be (900 bytes): the primary key is nonclustered.
            SqlServer: """
                CREATE TABLE notification_outbox (
                    id              NVARCHAR(64)   NOT NULL CONSTRAINT pk_notification_outbox PRIMARY KEY,
                    dedupe_key      NVARCHAR(256)  NOT NULL CONSTRAINT ux_notification_outbox_dedupe UNIQUE,
                    recipient_kind  NVARCHAR(16)   NOT NULL,
                    recipient_id    NVARCHAR(80)   NOT NULL,
                    kind            NVARCHAR(32)   NOT NULL,
                    payload         NVARCHAR(MAX)  NOT NULL,
                    state           NVARCHAR(16)   NOT NULL,
                    attempts        INT            NOT NULL,
                    next_attempt_at BIGINT         NOT NULL,
                    lease_owner     NVARCHAR(200)  NULL,
                    lease_until     BIGINT         NULL,
                    last_status     INT            NULL,
                    last_error      NVARCHAR(1000) NULL,
                    created_at      BIGINT         NOT NULL,
                    completed_at    BIGINT         NULL
                );
                CREATE INDEX ix_notification_outbox_due ON notification_outbox (next_attempt_at) WHERE state IN ('Pending', 'Throttled');
                CREATE INDEX ix_notification_outbox_recipient ON notification_outbox (recipient_kind, recipient_id);
                CREATE INDEX ix_notification_outbox_completed ON notification_outbox (completed_at);
                CREATE TABLE inactive_conversations (
                    channel_id      NVARCHAR(64)  NOT NULL,
                    conversation_id NVARCHAR(400) NOT NULL,
                    since           BIGINT        NOT NULL,
                    reason          NVARCHAR(200) NOT NULL,
                    CONSTRAINT pk_inactive_conversations PRIMARY KEY NONCLUSTERED (channel_id, conversation_id)
                );
                """),
    ];
}
