using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Core.Storage;

/// <summary>The database engine behind every store.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, on one machine.</summary>
    Sqlite,

    /// <summary>SQL Server or Azure SQL: production.</summary>
    SqlServer,
}

/// <summary>Which database the bot uses. Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Database";

    /// <summary>SQLite (default) or SQL Server.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// A full connection string. Required for SQL Server; for SQLite, when empty, <see cref="Path"/> is used.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>File path of the SQLite database, relative to the application's content root.</summary>
    [Required]
    public string Path { get; set; } = "data/veerkracht.db";
}
