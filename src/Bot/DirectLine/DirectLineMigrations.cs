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

        // The backfill is dynamic SQL on SQL Server: a batch is compiled as a whole, before the new column exists.
        new("directline", 3, "a running count of each transcript's characters, checked and updated with every append",
            Sqlite: """
                ALTER TABLE directline_conversations ADD COLUMN transcript_chars INTEGER NOT NULL DEFAULT 0;
                UPDATE directline_conversations SET transcript_chars =
                    (SELECT COALESCE(SUM(LENGTH(a.activity)), 0) FROM directline_activities a WHERE a.conversation_id = directline_conversations.id);
                """,
            SqlServer: """
                ALTER TABLE directline_conversations ADD transcript_chars BIGINT NOT NULL
                    CONSTRAINT df_directline_conversations_transcript_chars DEFAULT 0;
                EXEC sp_executesql N'UPDATE c SET transcript_chars = COALESCE((SELECT SUM(CAST(LEN(a.activity) AS BIGINT)) FROM directline_activities a WHERE a.conversation_id = c.id), 0) FROM directline_conversations c;';
                """),
    ];
}
