using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Ideas;

/// <summary>
/// Ideas about an emergency, violence at home or self-harm are flagged (kind and the detector's certainty), so
/// professionals can see them first; the index serves "flagged ideas of a neighbourhood, newest first".
/// </summary>
public sealed class UrgentIdeaMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("ideas-urgent", 1, "ideas flagged as urgent",
            Sqlite: """
                ALTER TABLE ideas ADD COLUMN urgent_kind TEXT NULL;
                ALTER TABLE ideas ADD COLUMN urgent_score REAL NULL;
                CREATE INDEX ix_ideas_urgent ON ideas (neighbourhood_id, urgent_kind, received_at);
                """,
            SqlServer: """
                ALTER TABLE ideas ADD urgent_kind NVARCHAR(20) NULL, urgent_score FLOAT NULL;
                CREATE INDEX ix_ideas_urgent ON ideas (neighbourhood_id, urgent_kind, received_at);
                """),
    ];
}
