using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Core.Storage;

/// <summary>Where the embedded SQLite database lives. Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Database";

    /// <summary>
    /// A full SQLite connection string. When empty, <see cref="Path"/> is used.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>File path of the SQLite database, relative to the application's content root.</summary>
    [Required]
    public string Path { get; set; } = "data/veerkracht.db";
}
