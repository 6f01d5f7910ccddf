using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>Tables of the local Direct Line: conversations and their transcripts, in the shared database.</summary>
internal sealed class DirectLineMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("directline", 1, "local Direct Line conversations and transcripts",
            Sqlite: """
                CREATE TABLE directline_conversations (
                    id         TEXT PRIMARY KEY,
                    user_id    TEXT,
                    locale     TEXT,
                    created_at INTEGER NOT NULL,
                    started_at INTEGER
                );
                CREATE TABLE directline_activities (
                    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversation_id    TEXT NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
                    client_activity_id TEXT,
                    activity           TEXT NOT NULL,
                    created_at         INTEGER NOT NULL
                );
                CREATE INDEX ix_directline_activities_conversation ON directline_activities (conversation_id, seq);
                CREATE UNIQUE INDEX ux_directline_activities_client ON directline_activities (conversation_id, client_activity_id)
                    WHERE client_activity_id IS NOT NULL;
                """,
            SqlServer: """
                CREATE TABLE directline_conversations (
                    id         NVARCHAR(64) NOT NULL CONSTRAINT pk_directline_conversations PRIMARY KEY,
                    user_id    NVARCHAR(64) NULL,
                    locale     NVARCHAR(32) NULL,
                    created_at BIGINT       NOT NULL,
                    started_at BIGINT       NULL
                );
                CREATE TABLE directline_activities (
                    seq                BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_directline_activities PRIMARY KEY,
                    conversation_id    NVARCHAR(64)  NOT NULL CONSTRAINT fk_directline_activities_conversation REFERENCES directline_conversations (id) ON DELETE CASCADE,
                    client_activity_id NVARCHAR(200) NULL,
                    activity           NVARCHAR(MAX) NOT NULL,
                    created_at         BIGINT        NOT NULL
                );
                CREATE INDEX ix_directline_activities_conversation ON directline_activities (conversation_id, seq);
                CREATE UNIQUE INDEX ux_directline_activities_client ON directline_activities (conversation_id, client_activity_id)
                    WHERE client_activity_id IS NOT NULL;
                """),
        new("directline", 2, "find a user's conversations, to erase their transcripts",
            Sqlite: "CREATE INDEX ix_directline_conversations_user ON directline_conversations (user_id);",
            SqlServer: "CREATE INDEX ix_directline_conversations_user ON directline_conversations (user_id);"),
    ];
}
