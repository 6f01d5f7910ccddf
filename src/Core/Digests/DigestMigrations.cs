using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Digests;

/// <summary>
/// Indexes the digest reads need beyond Core's own: status changes by time (the history is otherwise only indexed per
/// idea) and the ideas still waiting for a first status, per neighbourhood and age; the scheduled runs that are done.
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
    ];
}
