using System.Data.Common;
using Azure.Core;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Polly;

namespace VeerkrachtBot.Core.Storage;

/// <summary>SQL Server / Azure SQL, for production. Same schema and stores as SQLite.</summary>
public sealed class SqlServerDatabase : IDatabase
{
    /// <summary>The Entra ID scope of Azure SQL.</summary>
    public const string TokenScope = "https://database.windows.net/.default";

    private readonly string _connectionString;

    // One delegate for the life of the database: SqlClient pools connections per callback instance, and the
    // credential caches its token until shortly before it expires, so a token is not fetched per connection.
    private readonly Func<SqlAuthenticationParameters, CancellationToken, Task<SqlAuthenticationToken>>? _accessToken;

    /// <summary>
    /// Creates the database handle. With a <paramref name="credential"/> (a managed identity), every connection
    /// gets an Entra ID access token for Azure SQL through <see cref="SqlConnection.AccessTokenCallback"/>; the
    /// connection string then names no user, password or <c>Authentication</c> keyword.
    /// </summary>
    public SqlServerDatabase(string connectionString, TokenCredential? credential = null, DatabaseRetryOptions? retry = null, ILogger? logger = null)
    {
        _connectionString = connectionString;
        Retry = DatabaseRetry.Create(retry ?? DatabaseRetryOptions.Interactive, logger);
        if (credential is not null)
        {
            _accessToken = async (_, cancellationToken) =>
            {
                var token = await credential.GetTokenAsync(new TokenRequestContext([TokenScope]), cancellationToken).ConfigureAwait(false);
                return new SqlAuthenticationToken(token.Token, token.ExpiresOn);
            };
        }
    }

    /// <inheritdoc />
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    /// <inheritdoc />
    public ResiliencePipeline Retry { get; }

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>A new, unopened connection with the token callback set (when a credential is configured).</summary>
    public SqlConnection CreateConnection() => new(_connectionString) { AccessTokenCallback = _accessToken };
}
