using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Pulse;

/// <summary>
/// The neighbourhood pulse: its statements and settings (seeded, changed by the programme manager), the residents'
/// answers and offers, their voluntary background, and the population per neighbourhood and age band. None of these
/// tables refers to <c>residents</c>: a resident's erasure deletes the resident first and then runs the parts.
/// </summary>
public sealed class PulseMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("pulse", 1, "pulse statements and settings, answers, offers, residents' background, population per age band",
            // Answers are unique per resident, period and statement while they have an author; an erased resident's
            // answers keep their scores without author (like poll answers), so the unique index skips those.
            Sqlite: """
                CREATE TABLE pulse_items (
                    item_key   TEXT PRIMARY KEY,
                    text_nl    TEXT NOT NULL,
                    text_en    TEXT NOT NULL,
                    active     INTEGER NOT NULL,
                    sort_order INTEGER NOT NULL,
                    updated_by TEXT,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE pulse_settings (
                    setting_key   TEXT PRIMARY KEY,
                    period_length TEXT NOT NULL,
                    updated_by    TEXT,
                    updated_at    INTEGER NOT NULL
                );
                CREATE TABLE pulse_responses (
                    id               TEXT PRIMARY KEY,
                    resident_id      TEXT,
                    neighbourhood_id TEXT,
                    period           TEXT NOT NULL,
                    item_key         TEXT NOT NULL,
                    score            INTEGER CHECK (score IS NULL OR score BETWEEN 1 AND 5),
                    answered_at      INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX ux_pulse_responses_resident ON pulse_responses (resident_id, period, item_key) WHERE resident_id IS NOT NULL;
                CREATE INDEX ix_pulse_responses_report ON pulse_responses (neighbourhood_id, period, item_key);
                CREATE TABLE pulse_offers (
                    resident_id TEXT NOT NULL,
                    period      TEXT NOT NULL,
                    offered_at  INTEGER NOT NULL,
                    outcome     TEXT NOT NULL,
                    decided_at  INTEGER,
                    PRIMARY KEY (resident_id, period)
                );
                CREATE TABLE resident_background (
                    resident_id TEXT PRIMARY KEY,
                    age_band    TEXT,
                    years_band  TEXT,
                    household   TEXT,
                    offered_at  INTEGER,
                    updated_at  INTEGER NOT NULL
                );
                CREATE TABLE neighbourhood_population (
                    neighbourhood_id TEXT NOT NULL,
                    age_band         TEXT NOT NULL,
                    population       INTEGER NOT NULL CHECK (population >= 0),
                    source           TEXT NOT NULL,
                    entered_by       TEXT NOT NULL,
                    entered_at       INTEGER NOT NULL,
                    PRIMARY KEY (neighbourhood_id, age_band)
                );
                INSERT INTO pulse_settings (setting_key, period_length, updated_by, updated_at) VALUES ('pulse', 'Quarter', NULL, 0);
                INSERT INTO pulse_items (item_key, text_nl, text_en, active, sort_order, updated_by, updated_at) VALUES
                    ('agency', 'Ik heb invloed op wat er in mijn buurt gebeurt.', 'I have a say in what happens in my neighbourhood.', 1, 1, NULL, 0),
                    ('opportunities', 'In mijn buurt krijg ik kansen om verder te komen, zoals werk, leren of meedoen.', 'In my neighbourhood I get chances to move forward, like work, learning or taking part.', 1, 2, NULL, 0),
                    ('liveability', 'Ik woon graag in mijn buurt.', 'I like living in my neighbourhood.', 1, 3, NULL, 0),
                    ('nuisance', 'Ik heb weinig last van overlast in mijn buurt.', 'I am seldom bothered by nuisance in my neighbourhood.', 1, 4, NULL, 0),
                    ('health', 'Ik voel me gezond genoeg om te doen wat ik wil.', 'I feel healthy enough to do what I want.', 1, 5, NULL, 0),
                    ('community', 'Mensen in mijn buurt helpen elkaar.', 'People in my neighbourhood help each other.', 1, 6, NULL, 0);
                """,
            SqlServer: """
                CREATE TABLE pulse_items (
                    item_key   NVARCHAR(64)  NOT NULL CONSTRAINT pk_pulse_items PRIMARY KEY,
                    text_nl    NVARCHAR(300) NOT NULL,
                    text_en    NVARCHAR(300) NOT NULL,
                    active     BIT           NOT NULL,
                    sort_order INT           NOT NULL,
                    updated_by NVARCHAR(200) NULL,
                    updated_at BIGINT        NOT NULL
                );
                CREATE TABLE pulse_settings (
                    setting_key   NVARCHAR(16)  NOT NULL CONSTRAINT pk_pulse_settings PRIMARY KEY,
                    period_length NVARCHAR(16)  NOT NULL,
                    updated_by    NVARCHAR(200) NULL,
                    updated_at    BIGINT        NOT NULL
                );
                CREATE TABLE pulse_responses (
                    id               NVARCHAR(64) NOT NULL CONSTRAINT pk_pulse_responses PRIMARY KEY,
                    resident_id      NVARCHAR(80) NULL,
                    neighbourhood_id NVARCHAR(64) NULL,
                    period           NVARCHAR(16) NOT NULL,
                    item_key         NVARCHAR(64) NOT NULL,
                    score            INT          NULL CONSTRAINT ck_pulse_responses_score CHECK (score IS NULL OR score BETWEEN 1 AND 5),
                    answered_at      BIGINT       NOT NULL
                );
                CREATE UNIQUE INDEX ux_pulse_responses_resident ON pulse_responses (resident_id, period, item_key) WHERE resident_id IS NOT NULL;
                CREATE INDEX ix_pulse_responses_report ON pulse_responses (neighbourhood_id, period, item_key);
                CREATE TABLE pulse_offers (
                    resident_id NVARCHAR(80) NOT NULL,
                    period      NVARCHAR(16) NOT NULL,
                    offered_at  BIGINT       NOT NULL,
                    outcome     NVARCHAR(16) NOT NULL,
                    decided_at  BIGINT       NULL,
                    CONSTRAINT pk_pulse_offers PRIMARY KEY (resident_id, period)
                );
                CREATE TABLE resident_background (
                    resident_id NVARCHAR(80) NOT NULL CONSTRAINT pk_resident_background PRIMARY KEY,
                    age_band    NVARCHAR(16) NULL,
                    years_band  NVARCHAR(16) NULL,
                    household   NVARCHAR(32) NULL,
                    offered_at  BIGINT       NULL,
                    updated_at  BIGINT       NOT NULL
                );
                CREATE TABLE neighbourhood_population (
                    neighbourhood_id NVARCHAR(64)  NOT NULL,
                    age_band         NVARCHAR(16)  NOT NULL,
                    population       INT           NOT NULL CONSTRAINT ck_neighbourhood_population CHECK (population >= 0),
                    source           NVARCHAR(200) NOT NULL,
                    entered_by       NVARCHAR(200) NOT NULL,
                    entered_at       BIGINT        NOT NULL,
                    CONSTRAINT pk_neighbourhood_population PRIMARY KEY (neighbourhood_id, age_band)
                );
                INSERT INTO pulse_settings (setting_key, period_length, updated_by, updated_at) VALUES (N'pulse', N'Quarter', NULL, 0);
                INSERT INTO pulse_items (item_key, text_nl, text_en, active, sort_order, updated_by, updated_at) VALUES
                    (N'agency', N'Ik heb invloed op wat er in mijn buurt gebeurt.', N'I have a say in what happens in my neighbourhood.', 1, 1, NULL, 0),
                    (N'opportunities', N'In mijn buurt krijg ik kansen om verder te komen, zoals werk, leren of meedoen.', N'In my neighbourhood I get chances to move forward, like work, learning or taking part.', 1, 2, NULL, 0),
                    (N'liveability', N'Ik woon graag in mijn buurt.', N'I like living in my neighbourhood.', 1, 3, NULL, 0),
                    (N'nuisance', N'Ik heb weinig last van overlast in mijn buurt.', N'I am seldom bothered by nuisance in my neighbourhood.', 1, 4, NULL, 0),
                    (N'health', N'Ik voel me gezond genoeg om te doen wat ik wil.', N'I feel healthy enough to do what I want.', 1, 5, NULL, 0),
                    (N'community', N'Mensen in mijn buurt helpen elkaar.', N'People in my neighbourhood help each other.', 1, 6, NULL, 0);
                """),
    ];
}
