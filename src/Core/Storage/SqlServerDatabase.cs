using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace VeerkrachtBot.Core.Storage;

/// <summary>SQL Server / Azure SQL, for production. Same schema and stores as SQLite.</summary>
public sealed class SqlServerDatabase(string connectionString) : IDatabase
{
    /// <inheritdoc />
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
