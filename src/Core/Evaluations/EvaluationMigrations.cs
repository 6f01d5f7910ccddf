using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Evaluations;

/// <summary>
/// Residents evaluating along: their scores of meetings, closed polls and what happened with their ideas; who was at
/// a meeting (the meeting model only knew RSVPs); and the meetings and closed polls whose evaluation questions are enqueued.
/// </summary>
public sealed class EvaluationMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("evaluations", 1, "evaluations, meeting attendance, meetings whose evaluation questions went out",
            Sqlite: """
                CREATE TABLE evaluations (
                    id               TEXT PRIMARY KEY,
                    resident_id      TEXT,
                    subject_kind     TEXT NOT NULL,
                    subject_id       TEXT NOT NULL,
                    neighbourhood_id TEXT,
                    score            INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
                    comment          TEXT,
                    answered_at      INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX ux_evaluations_resident ON evaluations (resident_id, subject_kind, subject_id) WHERE resident_id IS NOT NULL;
                CREATE INDEX ix_evaluations_subject ON evaluations (subject_kind, subject_id);
                CREATE INDEX ix_evaluations_report ON evaluations (neighbourhood_id, answered_at);
                CREATE TABLE meeting_attendance (
                    meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
                    resident_id TEXT NOT NULL,
                    source      TEXT NOT NULL,
                    marked_by   TEXT NOT NULL,
                    marked_at   INTEGER NOT NULL,
                    PRIMARY KEY (meeting_id, resident_id)
                );
                CREATE INDEX ix_meeting_attendance_resident ON meeting_attendance (resident_id);
                CREATE TABLE meeting_evaluation_runs (
                    meeting_id  TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
                    invited     INTEGER NOT NULL,
                    enqueued_at INTEGER NOT NULL
                );
                """,
            SqlServer: """
                CREATE TABLE evaluations (
                    id               NVARCHAR(64)  NOT NULL CONSTRAINT pk_evaluations PRIMARY KEY,
                    resident_id      NVARCHAR(80)  NULL,
                    subject_kind     NVARCHAR(16)  NOT NULL,
                    subject_id       NVARCHAR(100) NOT NULL,
                    neighbourhood_id NVARCHAR(64)  NULL,
                    score            INT           NOT NULL CONSTRAINT ck_evaluations_score CHECK (score BETWEEN 1 AND 5),
                    comment          NVARCHAR(500) NULL,
                    answered_at      BIGINT        NOT NULL
                );
                CREATE UNIQUE INDEX ux_evaluations_resident ON evaluations (resident_id, subject_kind, subject_id) WHERE resident_id IS NOT NULL;
                CREATE INDEX ix_evaluations_subject ON evaluations (subject_kind, subject_id);
                CREATE INDEX ix_evaluations_report ON evaluations (neighbourhood_id, answered_at);
                CREATE TABLE meeting_attendance (
                    meeting_id  NVARCHAR(64)  NOT NULL CONSTRAINT fk_meeting_attendance_meeting REFERENCES meetings (id) ON DELETE CASCADE,
                    resident_id NVARCHAR(80)  NOT NULL,
                    source      NVARCHAR(16)  NOT NULL,
                    marked_by   NVARCHAR(200) NOT NULL,
                    marked_at   BIGINT        NOT NULL,
                    CONSTRAINT pk_meeting_attendance PRIMARY KEY (meeting_id, resident_id)
                );
                CREATE INDEX ix_meeting_attendance_resident ON meeting_attendance (resident_id);
                CREATE TABLE meeting_evaluation_runs (
                    meeting_id  NVARCHAR(64) NOT NULL CONSTRAINT pk_meeting_evaluation_runs PRIMARY KEY
                        CONSTRAINT fk_meeting_evaluation_runs_meeting REFERENCES meetings (id) ON DELETE CASCADE,
                    invited     INT          NOT NULL,
                    enqueued_at BIGINT       NOT NULL
                );
                """),
        new("evaluations", 2, "closed polls whose respondents were sent the outcome and the evaluation question",
            Sqlite: """
                CREATE TABLE poll_evaluation_runs (
                    poll_id     TEXT PRIMARY KEY REFERENCES polls (id) ON DELETE CASCADE,
                    invited     INTEGER NOT NULL,
                    enqueued_at INTEGER NOT NULL
                );
                """,
            SqlServer: """
                CREATE TABLE poll_evaluation_runs (
                    poll_id     NVARCHAR(64) NOT NULL CONSTRAINT pk_poll_evaluation_runs PRIMARY KEY
                        CONSTRAINT fk_poll_evaluation_runs_poll REFERENCES polls (id) ON DELETE CASCADE,
                    invited     INT          NOT NULL,
                    enqueued_at BIGINT       NOT NULL
                );
                """),
    ];
}
