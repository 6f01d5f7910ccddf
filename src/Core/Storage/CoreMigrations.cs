namespace VeerkrachtBot.Core.Storage;

/// <summary>The schema that Core itself owns.</summary>
internal sealed class CoreMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("core", 1, "bot state and application secrets", """
            CREATE TABLE state_documents (
                key        TEXT PRIMARY KEY,
                etag       TEXT NOT NULL,
                document   TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE app_secrets (
                name       TEXT PRIMARY KEY,
                value      TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            """),
    ];
}
