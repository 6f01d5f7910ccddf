using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Digests;

/// <summary>
/// Indexes the digest reads need beyond Core's own: status changes by time (the history is otherwise only indexed per
/// idea) and the ideas still waiting for a first status, per neighbourhood and age.
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
    ];
}
