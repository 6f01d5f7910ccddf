using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Digests;

/// <summary>
/// Indexes the digest reads need beyond Core's own: status changes by time (the history is otherwise only indexed per
/// idea) and the ideas still waiting for a first status, per neighbourhood and age; the scheduled runs that are done;
/// the closed polls whose results went out; how often a Teams subscription gets its digest.
/// </summary>
public sealed class DigestMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("digests", 1, "indexes for status changes in a period and ideas waiting longest",
            Sqlite: """
                CREATE INDEX ix_idea_status_history_changed ON idea_status_history (changed_at, changed_by, idea_id);
                CREATE INDEX ix_ideas_waiting ON ideas (neighbourhood_id, received_at) WHERE status = 'Received';
                """,
            SqlServer: """
                CREATE INDEX ix_idea_status_history_changed ON idea_status_history (changed_at, changed_by, idea_id);
                CREATE INDEX ix_ideas_waiting ON ideas (neighbourhood_id, received_at) WHERE status = 'Received';
                """),
        new("digests", 2, "scheduled digest runs that are done, so later checks of every instance skip them",
            Sqlite: """
                CREATE TABLE digest_runs (
                    kind TEXT NOT NULL,
                    occurrence_at INTEGER NOT NULL,
                    period_start INTEGER NOT NULL,
                    digests INTEGER NOT NULL,
                    done_at INTEGER NOT NULL,
                    PRIMARY KEY (kind, occurrence_at));
                """,
            SqlServer: """
                CREATE TABLE digest_runs (
                    kind NVARCHAR(10) NOT NULL,
                    occurrence_at BIGINT NOT NULL,
                    period_start BIGINT NOT NULL,
                    digests INT NOT NULL,
                    done_at BIGINT NOT NULL,
                    CONSTRAINT pk_digest_runs PRIMARY KEY (kind, occurrence_at));
                """),
            // Polls that closed before this migration are marked as announced: their results go out only for polls that close from now on.
        new("digests", 3, "closed polls whose results went to the programme managers and subscribers",
            Sqlite: """
                CREATE TABLE poll_results_sent (
                    poll_id TEXT NOT NULL PRIMARY KEY,
                    recipients INTEGER NOT NULL,
                    done_at INTEGER NOT NULL);
                INSERT INTO poll_results_sent (poll_id, recipients, done_at)
                SELECT id, 0, CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER) FROM polls
                WHERE status = 'Closed' OR closes_at <= CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER);
                """,
            SqlServer: """
                CREATE TABLE poll_results_sent (
                    poll_id NVARCHAR(64) NOT NULL CONSTRAINT pk_poll_results_sent PRIMARY KEY,
                    recipients INT NOT NULL,
                    done_at BIGINT NOT NULL);
                INSERT INTO poll_results_sent (poll_id, recipients, done_at)
                SELECT id, 0, DATEDIFF_BIG(MILLISECOND, '19700101', SYSUTCDATETIME()) FROM polls
                WHERE status = 'Closed' OR closes_at <= DATEDIFF_BIG(MILLISECOND, '19700101', SYSUTCDATETIME());
                """),
        new("digests", 4, "per subscription: weekly digest (default), monthly only, or both",
            Sqlite: """
                ALTER TABLE teams_subscriptions ADD COLUMN digest_frequency TEXT NOT NULL DEFAULT 'Weekly';
                """,
            SqlServer: """
                ALTER TABLE teams_subscriptions ADD digest_frequency NVARCHAR(10) NOT NULL CONSTRAINT df_teams_subscriptions_digest_frequency DEFAULT 'Weekly';
                """),
    ];
}
