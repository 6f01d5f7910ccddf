using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Professionals;

/// <summary>
/// Tables of the professionals' side (Teams): programme managers made in the bot, submitted forms (so a double
/// submit creates one poll or meeting), theme corrections kept as labelled examples, and the team a stored Teams
/// conversation belongs to (an uninstall from a team removes all its channels).
/// </summary>
public sealed class ProfessionalMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("professionals", 1, "programme managers, submitted forms, theme corrections, the team of a conversation",
            // A correction keeps no text of its own: the idea's redacted text is read when the examples are exported,
            // so a resident's erasure (which empties that text) also takes the example out of every later export.
            Sqlite: """
                CREATE TABLE programme_managers (
                    aad_object_id TEXT PRIMARY KEY,
                    label         TEXT NOT NULL,
                    added_by      TEXT NOT NULL,
                    added_at      INTEGER NOT NULL
                );
                CREATE TABLE professional_forms (
                    form_id      TEXT PRIMARY KEY,
                    kind         TEXT NOT NULL,
                    result_id    TEXT,
                    submitted_by TEXT NOT NULL,
                    submitted_at INTEGER NOT NULL
                );
                CREATE TABLE theme_corrections (
                    id           TEXT PRIMARY KEY,
                    idea_id      TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
                    themes       TEXT NOT NULL,
                    corrected_by TEXT NOT NULL,
                    corrected_at INTEGER NOT NULL
                );
                CREATE INDEX ix_theme_corrections_idea ON theme_corrections (idea_id, corrected_at);
                ALTER TABLE conversation_references ADD COLUMN team_id TEXT;
                """,
            SqlServer: """
                CREATE TABLE programme_managers (
                    aad_object_id NVARCHAR(64)  NOT NULL CONSTRAINT pk_programme_managers PRIMARY KEY,
                    label         NVARCHAR(200) NOT NULL,
                    added_by      NVARCHAR(200) NOT NULL,
                    added_at      BIGINT        NOT NULL
                );
                CREATE TABLE professional_forms (
                    form_id      NVARCHAR(64)  NOT NULL CONSTRAINT pk_professional_forms PRIMARY KEY,
                    kind         NVARCHAR(32)  NOT NULL,
                    result_id    NVARCHAR(64)  NULL,
                    submitted_by NVARCHAR(200) NOT NULL,
                    submitted_at BIGINT        NOT NULL
                );
                CREATE TABLE theme_corrections (
                    id           NVARCHAR(64)  NOT NULL CONSTRAINT pk_theme_corrections PRIMARY KEY,
                    idea_id      NVARCHAR(64)  NOT NULL CONSTRAINT fk_theme_corrections_idea REFERENCES ideas (id) ON DELETE CASCADE,
                    themes       NVARCHAR(800) NOT NULL,
                    corrected_by NVARCHAR(200) NOT NULL,
                    corrected_at BIGINT        NOT NULL
                );
                CREATE INDEX ix_theme_corrections_idea ON theme_corrections (idea_id, corrected_at);
                ALTER TABLE conversation_references ADD team_id NVARCHAR(400) NULL;
                """),
    ];
}
