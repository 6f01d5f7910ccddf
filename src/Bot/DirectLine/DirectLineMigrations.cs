using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>Tables of the local Direct Line: conversations and their transcripts, in the shared database.</summary>
internal sealed class DirectLineMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("directline", 1, "local Direct Line conversations and transcripts", """
            CREATE TABLE directline_conversations (
                id         TEXT PRIMARY KEY,
                user_id    TEXT,
                locale     TEXT,
                created_at TEXT NOT NULL,
                started_at TEXT
            );
            CREATE TABLE directline_activities (
                seq                INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_id    TEXT NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
                client_activity_id TEXT,
                activity           TEXT NOT NULL,
                created_at         TEXT NOT NULL
            );
            CREATE INDEX ix_directline_activities_conversation ON directline_activities (conversation_id, seq);
            CREATE UNIQUE INDEX ux_directline_activities_client ON directline_activities (conversation_id, client_activity_id)
                WHERE client_activity_id IS NOT NULL;
            """),
    ];
}
