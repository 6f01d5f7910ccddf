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

/// <summary>How the bot signs in to SQL Server.</summary>
public enum DatabaseAuthentication
{
    /// <summary>Whatever the connection string says (SQL login, or none for SQLite).</summary>
    ConnectionString,

    /// <summary>An Entra ID token of the App Service's managed identity (see <c>Azure:ManagedIdentityClientId</c>).</summary>
    ManagedIdentity,

    /// <summary>An Entra ID token from Azure.Identity's DefaultAzureCredential chain.</summary>
    DefaultAzureCredential,
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

    /// <summary>
    /// How to sign in to SQL Server: the connection string (default), or an Entra ID token through
    /// <c>SqlConnection.AccessTokenCallback</c> (the connection string then holds no user, password or Authentication).
    /// </summary>
    public DatabaseAuthentication Authentication { get; set; } = DatabaseAuthentication.ConnectionString;

    /// <summary>File path of the SQLite database, relative to the application's content root.</summary>
    [Required]
    public string Path { get; set; } = "data/veerkracht.db";
}
