namespace VeerkrachtBot.Core.Storage;

/// <summary>One versioned schema change, written for both engines. Never edited once released.</summary>
/// <param name="Module">The feature that owns the tables, e.g. <c>core</c> or <c>directline</c>.</param>
/// <param name="Version">Ascending number within the module.</param>
/// <param name="Name">Short description, stored for humans reading the database.</param>
/// <param name="Sqlite">The statements for SQLite.</param>
/// <param name="SqlServer">The same change in T-SQL (one batch, no GO).</param>
public sealed record Migration(string Module, int Version, string Name, string Sqlite, string SqlServer);

/// <summary>Something that contributes migrations to the one shared schema (Core and the Bot host both do).</summary>
public interface IMigrationSource
{
    /// <summary>The migrations of this source, in any order.</summary>
    IEnumerable<Migration> Migrations { get; }
}
