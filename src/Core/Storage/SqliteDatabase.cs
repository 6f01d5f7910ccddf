using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Polly;

namespace VeerkrachtBot.Core.Storage;

/// <summary>Opens connections to the embedded SQLite database with the settings every store relies on.</summary>
public sealed class SqliteDatabase : IDatabase
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WritersByFile = new(StringComparer.Ordinal);

    /// <summary>Creates the database handle; the folder of the file is created when missing.</summary>
    public SqliteDatabase(string connectionString, DatabaseRetryOptions? retry = null, ILogger? logger = null)
    {
        Retry = DatabaseRetry.Create(retry ?? DatabaseRetryOptions.Interactive, logger);
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout: this is what lets two
            // processes (or two bot instances) share one file without failing on a short lock.
            DefaultTimeout = 30,
        };
        if (builder.DataSource != ":memory:")
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        ConnectionString = builder.ToString();
        Path = builder.DataSource;
        Writers = WritersByFile.GetOrAdd(builder.DataSource == ":memory:" ? ConnectionString : System.IO.Path.GetFullPath(builder.DataSource), _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>
    /// One write transaction at a time per file in this process, waited for asynchronously. SQLite allows one writer
    /// anyway; without this, concurrent turns meet SQLITE_BUSY on BEGIN IMMEDIATE, and Microsoft.Data.Sqlite answers
    /// that by blocking a thread-pool thread in 150 ms sleeps until the lock is free: a turn then waits up to 150 ms
    /// longer than the commit it waits for, and under load the blocked threads starve everything else. Writers in
    /// other processes still meet the driver's retry.
    /// </summary>
    internal SemaphoreSlim Writers { get; }

    /// <summary>The effective connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <inheritdoc />
    public ResiliencePipeline Retry { get; }

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var pragma = connection.CreateCommand();
        // WAL lets readers work while one writer commits; synchronous=FULL makes every acknowledged commit
        // survive a killed process and a power cut.
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
