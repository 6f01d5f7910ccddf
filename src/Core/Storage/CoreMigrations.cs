namespace VeerkrachtBot.Core.Storage;

/// <summary>
/// The schema that Core owns, for both engines. Times are UTC Unix milliseconds (BIGINT), ids are strings
/// made by the application (time-ordered GUIDs), so the same statements work on SQLite and SQL Server.
/// Resident foreign keys have no cascading action: erasure removes and anonymises rows explicitly, in one
/// transaction (and SQL Server forbids the multiple cascade paths that cascades would create).
/// </summary>
public sealed class CoreMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("core", 1, "bot state and application secrets",
            Sqlite: """
                CREATE TABLE state_documents (
                    state_key  TEXT PRIMARY KEY,
                    etag       TEXT NOT NULL,
                    document   TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE app_secrets (
                    name       TEXT PRIMARY KEY,
                    value      TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                """,
            SqlServer: """
                CREATE TABLE state_documents (
                    state_key  NVARCHAR(400) NOT NULL CONSTRAINT pk_state_documents PRIMARY KEY,
                    etag       NVARCHAR(64)  NOT NULL,
                    document   NVARCHAR(MAX) NOT NULL,
                    updated_at BIGINT        NOT NULL
                );
                CREATE TABLE app_secrets (
                    name       NVARCHAR(100) NOT NULL CONSTRAINT pk_app_secrets PRIMARY KEY,
                    value      NVARCHAR(400) NOT NULL,
                    created_at BIGINT        NOT NULL
                );
                """),
        new("core", 2, "residents, ideas, meetings, RSVPs, polls, Teams, audit",
            Sqlite: """
                CREATE TABLE residents (
                    id               TEXT PRIMARY KEY,
                    channel_id       TEXT NOT NULL,
                    language         TEXT,
                    neighbourhood_id TEXT,
                    created_at       INTEGER NOT NULL,
                    last_seen_at     INTEGER NOT NULL
                );
                CREATE TABLE resident_consents (
                    resident_id  TEXT NOT NULL REFERENCES residents (id),
                    kind         TEXT NOT NULL,
                    given_at     INTEGER NOT NULL,
                    withdrawn_at INTEGER,
                    PRIMARY KEY (resident_id, kind, given_at)
                );
                CREATE TABLE ideas (
                    id                 TEXT PRIMARY KEY,
                    source_key         TEXT NOT NULL UNIQUE,
                    resident_id        TEXT REFERENCES residents (id),
                    neighbourhood_id   TEXT,
                    language           TEXT NOT NULL,
                    original_text      TEXT,
                    redacted_text      TEXT NOT NULL,
                    sentiment_label    TEXT NOT NULL,
                    sentiment_score    REAL NOT NULL,
                    key_phrases        TEXT NOT NULL,
                    analysis_source    TEXT NOT NULL,
                    status             TEXT NOT NULL,
                    status_explanation TEXT,
                    contact_allowed    INTEGER NOT NULL,
                    contact_detail     TEXT,
                    received_at        INTEGER NOT NULL,
                    updated_at         INTEGER NOT NULL
                );
                CREATE INDEX ix_ideas_digest ON ideas (neighbourhood_id, received_at, sentiment_label, resident_id);
                CREATE INDEX ix_ideas_resident ON ideas (resident_id, received_at);
                CREATE TABLE idea_themes (
                    idea_id          TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
                    theme_id         TEXT NOT NULL,
                    score            REAL NOT NULL,
                    confirmed        INTEGER NOT NULL,
                    neighbourhood_id TEXT,
                    received_at      INTEGER NOT NULL,
                    PRIMARY KEY (idea_id, theme_id)
                );
                CREATE INDEX ix_idea_themes_digest ON idea_themes (neighbourhood_id, received_at, theme_id);
                CREATE TABLE idea_status_history (
                    id          TEXT PRIMARY KEY,
                    idea_id     TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
                    status      TEXT NOT NULL,
                    explanation TEXT,
                    changed_by  TEXT NOT NULL,
                    changed_at  INTEGER NOT NULL
                );
                CREATE INDEX ix_idea_status_history_idea ON idea_status_history (idea_id, changed_at);
                CREATE TABLE meetings (
                    id               TEXT PRIMARY KEY,
                    neighbourhood_id TEXT NOT NULL,
                    title            TEXT NOT NULL,
                    description      TEXT NOT NULL,
                    place            TEXT NOT NULL,
                    starts_at        INTEGER NOT NULL,
                    ends_at          INTEGER NOT NULL,
                    capacity         INTEGER NOT NULL,
                    organiser        TEXT NOT NULL,
                    is_example       INTEGER NOT NULL,
                    created_at       INTEGER NOT NULL
                );
                CREATE INDEX ix_meetings_neighbourhood ON meetings (neighbourhood_id, starts_at);
                CREATE TABLE rsvps (
                    meeting_id    TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
                    resident_id   TEXT NOT NULL REFERENCES residents (id),
                    neighbourhood_id TEXT NOT NULL,
                    response      TEXT NOT NULL,
                    party_size    INTEGER NOT NULL,
                    status        TEXT NOT NULL,
                    waiting_since INTEGER,
                    responded_at  INTEGER NOT NULL,
                    PRIMARY KEY (meeting_id, resident_id)
                );
                CREATE INDEX ix_rsvps_meeting_status ON rsvps (meeting_id, status, waiting_since);
                CREATE INDEX ix_rsvps_digest ON rsvps (neighbourhood_id, responded_at, status, resident_id);
                CREATE INDEX ix_rsvps_resident ON rsvps (resident_id);
                CREATE TABLE polls (
                    id            TEXT PRIMARY KEY,
                    agenda_item   TEXT NOT NULL,
                    question      TEXT NOT NULL,
                    allow_comment INTEGER NOT NULL,
                    opens_at      INTEGER NOT NULL,
                    closes_at     INTEGER NOT NULL,
                    status        TEXT NOT NULL,
                    is_example    INTEGER NOT NULL,
                    created_by    TEXT NOT NULL,
                    created_at    INTEGER NOT NULL
                );
                CREATE TABLE poll_neighbourhoods (
                    poll_id          TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
                    neighbourhood_id TEXT NOT NULL,
                    PRIMARY KEY (poll_id, neighbourhood_id)
                );
                CREATE TABLE poll_responses (
                    id               TEXT PRIMARY KEY,
                    poll_id          TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
                    resident_id      TEXT REFERENCES residents (id),
                    neighbourhood_id TEXT,
                    score            INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
                    comment          TEXT,
                    responded_at     INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX ux_poll_responses_resident ON poll_responses (poll_id, resident_id) WHERE resident_id IS NOT NULL;
                CREATE INDEX ix_poll_responses_responded ON poll_responses (responded_at, neighbourhood_id);
                CREATE INDEX ix_poll_responses_resident ON poll_responses (resident_id);
                CREATE TABLE conversation_references (
                    id                TEXT PRIMARY KEY,
                    channel_id        TEXT NOT NULL,
                    conversation_id   TEXT NOT NULL,
                    service_url       TEXT NOT NULL,
                    tenant_id         TEXT,
                    bot_id            TEXT NOT NULL,
                    user_id           TEXT,
                    aad_object_id     TEXT,
                    conversation_type TEXT,
                    created_at        INTEGER NOT NULL,
                    updated_at        INTEGER NOT NULL,
                    UNIQUE (channel_id, conversation_id)
                );
                CREATE TABLE teams_subscriptions (
                    id                        TEXT PRIMARY KEY,
                    conversation_reference_id TEXT NOT NULL REFERENCES conversation_references (id) ON DELETE CASCADE,
                    neighbourhood_id          TEXT NOT NULL,
                    theme_id                  TEXT NOT NULL,
                    created_by                TEXT NOT NULL,
                    created_at                INTEGER NOT NULL,
                    UNIQUE (conversation_reference_id, neighbourhood_id, theme_id)
                );
                CREATE TABLE audit_log (
                    id          TEXT PRIMARY KEY,
                    at          INTEGER NOT NULL,
                    actor       TEXT NOT NULL,
                    action      TEXT NOT NULL,
                    target_type TEXT NOT NULL,
                    target_id   TEXT NOT NULL,
                    details     TEXT
                );
                CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id, at);
                """,
            SqlServer: """
                CREATE TABLE residents (
                    id               NVARCHAR(64) NOT NULL CONSTRAINT pk_residents PRIMARY KEY,
                    channel_id       NVARCHAR(64) NOT NULL,
                    language         NVARCHAR(8)  NULL,
                    neighbourhood_id NVARCHAR(64) NULL,
                    created_at       BIGINT       NOT NULL,
                    last_seen_at     BIGINT       NOT NULL
                );
                CREATE TABLE resident_consents (
                    resident_id  NVARCHAR(64) NOT NULL CONSTRAINT fk_resident_consents_resident REFERENCES residents (id),
                    kind         NVARCHAR(64) NOT NULL,
                    given_at     BIGINT       NOT NULL,
                    withdrawn_at BIGINT       NULL,
                    CONSTRAINT pk_resident_consents PRIMARY KEY (resident_id, kind, given_at)
                );
                CREATE TABLE ideas (
                    id                 NVARCHAR(64)  NOT NULL CONSTRAINT pk_ideas PRIMARY KEY,
                    source_key         NVARCHAR(400) NOT NULL CONSTRAINT ux_ideas_source UNIQUE,
                    resident_id        NVARCHAR(64)  NULL CONSTRAINT fk_ideas_resident REFERENCES residents (id),
                    neighbourhood_id   NVARCHAR(64)  NULL,
                    language           NVARCHAR(8)   NOT NULL,
                    original_text      NVARCHAR(MAX) NULL,
                    redacted_text      NVARCHAR(MAX) NOT NULL,
                    sentiment_label    NVARCHAR(16)  NOT NULL,
                    sentiment_score    FLOAT         NOT NULL,
                    key_phrases        NVARCHAR(MAX) NOT NULL,
                    analysis_source    NVARCHAR(16)  NOT NULL,
                    status             NVARCHAR(32)  NOT NULL,
                    status_explanation NVARCHAR(MAX) NULL,
                    contact_allowed    BIT           NOT NULL,
                    contact_detail     NVARCHAR(400) NULL,
                    received_at        BIGINT        NOT NULL,
                    updated_at         BIGINT        NOT NULL
                );
                CREATE INDEX ix_ideas_digest ON ideas (neighbourhood_id, received_at, sentiment_label, resident_id);
                CREATE INDEX ix_ideas_resident ON ideas (resident_id, received_at);
                CREATE TABLE idea_themes (
                    idea_id          NVARCHAR(64) NOT NULL CONSTRAINT fk_idea_themes_idea REFERENCES ideas (id) ON DELETE CASCADE,
                    theme_id         NVARCHAR(64) NOT NULL,
                    score            FLOAT        NOT NULL,
                    confirmed        BIT          NOT NULL,
                    neighbourhood_id NVARCHAR(64) NULL,
                    received_at      BIGINT       NOT NULL,
                    CONSTRAINT pk_idea_themes PRIMARY KEY (idea_id, theme_id)
                );
                CREATE INDEX ix_idea_themes_digest ON idea_themes (neighbourhood_id, received_at, theme_id);
                CREATE TABLE idea_status_history (
                    id          NVARCHAR(64)  NOT NULL CONSTRAINT pk_idea_status_history PRIMARY KEY,
                    idea_id     NVARCHAR(64)  NOT NULL CONSTRAINT fk_idea_status_history_idea REFERENCES ideas (id) ON DELETE CASCADE,
                    status      NVARCHAR(32)  NOT NULL,
                    explanation NVARCHAR(MAX) NULL,
                    changed_by  NVARCHAR(200) NOT NULL,
                    changed_at  BIGINT        NOT NULL
                );
                CREATE INDEX ix_idea_status_history_idea ON idea_status_history (idea_id, changed_at);
                CREATE TABLE meetings (
                    id               NVARCHAR(64)   NOT NULL CONSTRAINT pk_meetings PRIMARY KEY,
                    neighbourhood_id NVARCHAR(64)   NOT NULL,
                    title            NVARCHAR(200)  NOT NULL,
                    description      NVARCHAR(MAX)  NOT NULL,
                    place            NVARCHAR(400)  NOT NULL,
                    starts_at        BIGINT         NOT NULL,
                    ends_at          BIGINT         NOT NULL,
                    capacity         INT            NOT NULL,
                    organiser        NVARCHAR(200)  NOT NULL,
                    is_example       BIT            NOT NULL,
                    created_at       BIGINT         NOT NULL
                );
                CREATE INDEX ix_meetings_neighbourhood ON meetings (neighbourhood_id, starts_at);
                CREATE TABLE rsvps (
                    meeting_id    NVARCHAR(64) NOT NULL CONSTRAINT fk_rsvps_meeting REFERENCES meetings (id) ON DELETE CASCADE,
                    resident_id   NVARCHAR(64) NOT NULL CONSTRAINT fk_rsvps_resident REFERENCES residents (id),
                    neighbourhood_id NVARCHAR(64) NOT NULL,
                    response      NVARCHAR(16) NOT NULL,
                    party_size    INT          NOT NULL,
                    status        NVARCHAR(16) NOT NULL,
                    waiting_since BIGINT       NULL,
                    responded_at  BIGINT       NOT NULL,
                    CONSTRAINT pk_rsvps PRIMARY KEY (meeting_id, resident_id)
                );
                CREATE INDEX ix_rsvps_meeting_status ON rsvps (meeting_id, status, waiting_since);
                CREATE INDEX ix_rsvps_digest ON rsvps (neighbourhood_id, responded_at, status, resident_id);
                CREATE INDEX ix_rsvps_resident ON rsvps (resident_id);
                CREATE TABLE polls (
                    id            NVARCHAR(64)  NOT NULL CONSTRAINT pk_polls PRIMARY KEY,
                    agenda_item   NVARCHAR(400) NOT NULL,
                    question      NVARCHAR(800) NOT NULL,
                    allow_comment BIT           NOT NULL,
                    opens_at      BIGINT        NOT NULL,
                    closes_at     BIGINT        NOT NULL,
                    status        NVARCHAR(16)  NOT NULL,
                    is_example    BIT           NOT NULL,
                    created_by    NVARCHAR(200) NOT NULL,
                    created_at    BIGINT        NOT NULL
                );
                CREATE TABLE poll_neighbourhoods (
                    poll_id          NVARCHAR(64) NOT NULL CONSTRAINT fk_poll_neighbourhoods_poll REFERENCES polls (id) ON DELETE CASCADE,
                    neighbourhood_id NVARCHAR(64) NOT NULL,
                    CONSTRAINT pk_poll_neighbourhoods PRIMARY KEY (poll_id, neighbourhood_id)
                );
                CREATE TABLE poll_responses (
                    id               NVARCHAR(64)   NOT NULL CONSTRAINT pk_poll_responses PRIMARY KEY,
                    poll_id          NVARCHAR(64)   NOT NULL CONSTRAINT fk_poll_responses_poll REFERENCES polls (id) ON DELETE CASCADE,
                    resident_id      NVARCHAR(64)   NULL CONSTRAINT fk_poll_responses_resident REFERENCES residents (id),
                    neighbourhood_id NVARCHAR(64)   NULL,
                    score            INT            NOT NULL CONSTRAINT ck_poll_responses_score CHECK (score BETWEEN 1 AND 5),
                    comment          NVARCHAR(2000) NULL,
                    responded_at     BIGINT         NOT NULL
                );
                CREATE UNIQUE INDEX ux_poll_responses_resident ON poll_responses (poll_id, resident_id) WHERE resident_id IS NOT NULL;
                CREATE INDEX ix_poll_responses_responded ON poll_responses (responded_at, neighbourhood_id);
                CREATE INDEX ix_poll_responses_resident ON poll_responses (resident_id);
                CREATE TABLE conversation_references (
                    id                NVARCHAR(64)  NOT NULL CONSTRAINT pk_conversation_references PRIMARY KEY,
                    channel_id        NVARCHAR(64)  NOT NULL,
                    conversation_id   NVARCHAR(400) NOT NULL,
                    service_url       NVARCHAR(400) NOT NULL,
                    tenant_id         NVARCHAR(64)  NULL,
                    bot_id            NVARCHAR(200) NOT NULL,
                    user_id           NVARCHAR(400) NULL,
                    aad_object_id     NVARCHAR(64)  NULL,
                    conversation_type NVARCHAR(32)  NULL,
                    created_at        BIGINT        NOT NULL,
                    updated_at        BIGINT        NOT NULL,
                    CONSTRAINT ux_conversation_references UNIQUE (channel_id, conversation_id)
                );
                CREATE TABLE teams_subscriptions (
                    id                        NVARCHAR(64)  NOT NULL CONSTRAINT pk_teams_subscriptions PRIMARY KEY,
                    conversation_reference_id NVARCHAR(64)  NOT NULL CONSTRAINT fk_teams_subscriptions_reference REFERENCES conversation_references (id) ON DELETE CASCADE,
                    neighbourhood_id          NVARCHAR(64)  NOT NULL,
                    theme_id                  NVARCHAR(64)  NOT NULL,
                    created_by                NVARCHAR(200) NOT NULL,
                    created_at                BIGINT        NOT NULL,
                    CONSTRAINT ux_teams_subscriptions UNIQUE (conversation_reference_id, neighbourhood_id, theme_id)
                );
                CREATE TABLE audit_log (
                    id          NVARCHAR(64)  NOT NULL CONSTRAINT pk_audit_log PRIMARY KEY,
                    at          BIGINT        NOT NULL,
                    actor       NVARCHAR(200) NOT NULL,
                    action      NVARCHAR(64)  NOT NULL,
                    target_type NVARCHAR(64)  NOT NULL,
                    target_id   NVARCHAR(64)  NOT NULL,
                    details     NVARCHAR(MAX) NULL
                );
                CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id, at);
                """),
        new("core", 3, "resident ids fit (r_ + 64 hex = 66 characters); one active consent per kind",
            // SQLite's TEXT has no width. The unique index makes a racing second "yes" to the same consent a no-op;
            // SQLite never had duplicates (its insert-if-absent runs under the one write lock).
            Sqlite: """
                CREATE UNIQUE INDEX ux_resident_consents_active ON resident_consents (resident_id, kind) WHERE withdrawn_at IS NULL;
                """,
            // SQL Server refuses ALTER COLUMN on a column in a primary or foreign key, so those are dropped and made again
            // with the same names; the indexes on the widened columns are rebuilt as well. NOT NULL is restated (ALTER
            // COLUMN would otherwise make the column nullable).
            SqlServer: """
                ALTER TABLE resident_consents DROP CONSTRAINT fk_resident_consents_resident;
                ALTER TABLE ideas DROP CONSTRAINT fk_ideas_resident;
                ALTER TABLE rsvps DROP CONSTRAINT fk_rsvps_resident;
                ALTER TABLE poll_responses DROP CONSTRAINT fk_poll_responses_resident;
                ALTER TABLE resident_consents DROP CONSTRAINT pk_resident_consents;
                ALTER TABLE rsvps DROP CONSTRAINT pk_rsvps;
                ALTER TABLE residents DROP CONSTRAINT pk_residents;
                DROP INDEX ix_ideas_digest ON ideas;
                DROP INDEX ix_ideas_resident ON ideas;
                DROP INDEX ix_rsvps_digest ON rsvps;
                DROP INDEX ix_rsvps_resident ON rsvps;
                DROP INDEX ux_poll_responses_resident ON poll_responses;
                DROP INDEX ix_poll_responses_resident ON poll_responses;

                ALTER TABLE residents ALTER COLUMN id NVARCHAR(80) NOT NULL;
                ALTER TABLE resident_consents ALTER COLUMN resident_id NVARCHAR(80) NOT NULL;
                ALTER TABLE ideas ALTER COLUMN resident_id NVARCHAR(80) NULL;
                ALTER TABLE rsvps ALTER COLUMN resident_id NVARCHAR(80) NOT NULL;
                ALTER TABLE poll_responses ALTER COLUMN resident_id NVARCHAR(80) NULL;

                ALTER TABLE residents ADD CONSTRAINT pk_residents PRIMARY KEY (id);
                ALTER TABLE resident_consents ADD CONSTRAINT pk_resident_consents PRIMARY KEY (resident_id, kind, given_at);
                ALTER TABLE rsvps ADD CONSTRAINT pk_rsvps PRIMARY KEY (meeting_id, resident_id);
                ALTER TABLE resident_consents ADD CONSTRAINT fk_resident_consents_resident FOREIGN KEY (resident_id) REFERENCES residents (id);
                ALTER TABLE ideas ADD CONSTRAINT fk_ideas_resident FOREIGN KEY (resident_id) REFERENCES residents (id);
                ALTER TABLE rsvps ADD CONSTRAINT fk_rsvps_resident FOREIGN KEY (resident_id) REFERENCES residents (id);
                ALTER TABLE poll_responses ADD CONSTRAINT fk_poll_responses_resident FOREIGN KEY (resident_id) REFERENCES residents (id);
                CREATE INDEX ix_ideas_digest ON ideas (neighbourhood_id, received_at, sentiment_label, resident_id);
                CREATE INDEX ix_ideas_resident ON ideas (resident_id, received_at);
                CREATE INDEX ix_rsvps_digest ON rsvps (neighbourhood_id, responded_at, status, resident_id);
                CREATE INDEX ix_rsvps_resident ON rsvps (resident_id);
                CREATE UNIQUE INDEX ux_poll_responses_resident ON poll_responses (poll_id, resident_id) WHERE resident_id IS NOT NULL;
                CREATE INDEX ix_poll_responses_resident ON poll_responses (resident_id);
                CREATE UNIQUE INDEX ux_resident_consents_active ON resident_consents (resident_id, kind) WHERE withdrawn_at IS NULL;
                """),
    ];
}
