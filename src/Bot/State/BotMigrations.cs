using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.State;

/// <summary>Tables of the bot layer itself (channel details that Core must not know).</summary>
internal sealed class BotMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("bot", 1, "how to reach a resident who waits for a place (only while it matters; erased with their data)",
            Sqlite: """
                CREATE TABLE resident_conversations (
                    resident_id TEXT PRIMARY KEY,
                    reference   TEXT NOT NULL,
                    updated_at  INTEGER NOT NULL
                );
                """,
            SqlServer: """
                CREATE TABLE resident_conversations (
                    resident_id NVARCHAR(80)  NOT NULL CONSTRAINT pk_resident_conversations PRIMARY KEY,
                    reference   NVARCHAR(MAX) NOT NULL,
                    updated_at  BIGINT        NOT NULL
                );
                """),
    ];
}
