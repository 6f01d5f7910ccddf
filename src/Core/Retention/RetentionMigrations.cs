using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Retention;

/// <summary>The daily retention runs that are done: one row per day in Amsterdam, whatever the number of instances.</summary>
public sealed class RetentionMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("retention", 1, "daily retention runs, so one instance runs each day's and later checks skip it",
            Sqlite: """
                CREATE TABLE retention_runs (
                    run_day TEXT NOT NULL PRIMARY KEY,
                    report  TEXT NOT NULL,
                    done_at INTEGER NOT NULL);
                CREATE INDEX ix_residents_last_seen ON residents (last_seen_at);
                CREATE INDEX ix_state_documents_updated ON state_documents (updated_at);
                """,
            SqlServer: """
                CREATE TABLE retention_runs (
                    run_day NVARCHAR(10)  NOT NULL CONSTRAINT pk_retention_runs PRIMARY KEY,
                    report  NVARCHAR(MAX) NOT NULL,
                    done_at BIGINT        NOT NULL);
                CREATE INDEX ix_residents_last_seen ON residents (last_seen_at);
                CREATE INDEX ix_state_documents_updated ON state_documents (updated_at);
                """),
    ];
}
