using Microsoft.Data.Sqlite;

namespace VeerkrachtBot.Core.Storage;

/// <summary>Opens connections to the embedded SQLite database with the settings every store relies on.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    /// <summary>Creates the database handle; the folder of the file is created when missing.</summary>
    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout: this is what lets two
            // processes (or two bot instances) share one file without failing on a short lock.
            DefaultTimeout = 30,
        };
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = builder.ToString();
    }

    /// <summary>The effective connection string.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>Opens a pooled connection with foreign keys on.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
