using System.Data.Common;
using Polly;

namespace VeerkrachtBot.Core.Storage;

/// <summary>
/// A connection factory for the one shared schema. Stores write their SQL once and pick the few statements
/// that differ between SQLite and SQL Server (upserts, locks, limits) with <see cref="Sql"/>.
/// </summary>
public interface IDatabase
{
    /// <summary>The engine, for the statements that differ.</summary>
    DatabaseProvider Provider { get; }

    /// <summary>Opens a pooled connection, ready for use. Stores use <see cref="DatabaseWork"/>, which also retries.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>How <see cref="DatabaseWork"/> retries a unit of work after a transient failure.</summary>
    ResiliencePipeline Retry { get; }
}

/// <summary>Helpers for provider-specific SQL.</summary>
public static class Sql
{
    /// <summary>Picks the statement for the database's engine.</summary>
    public static string Pick(this IDatabase database, string sqlite, string sqlServer) =>
        database.Provider == DatabaseProvider.SqlServer ? sqlServer : sqlite;

    /// <summary>
    /// A list of ids as one JSON parameter, for <c>IN (SELECT value FROM json_each(@ids))</c> on SQLite and
    /// <c>OPENJSON</c> on SQL Server: the statement text stays the same for any number of ids, so SQL Server keeps one
    /// plan per statement (Dapper's <c>IN @ids</c> writes one parameter per id, one plan per list length).
    /// </summary>
    public static string JsonList(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    /// <summary>
    /// Starts the transaction every write path uses. On SQLite it is <c>BEGIN IMMEDIATE</c>: writers queue up
    /// instead of failing later on a lock upgrade. On SQL Server, stores take row locks (UPDLOCK, HOLDLOCK)
    /// where they read-then-write.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(this DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(
            connection is Microsoft.Data.Sqlite.SqliteConnection ? System.Data.IsolationLevel.Serializable : System.Data.IsolationLevel.ReadCommitted,
            cancellationToken).ConfigureAwait(false);
}
