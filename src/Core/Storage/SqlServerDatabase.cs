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

    /// <summary>
    /// Seconds to open a connection when the connection string does not say (SqlClient's default is 15): a turn's unit
    /// of work has <see cref="DatabaseRetryOptions.InteractiveDeadline"/> for all of its attempts.
    /// </summary>
    public const int InteractiveConnectTimeoutSeconds = 5;

    /// <summary>
    /// Seconds a statement may run when the connection string does not say (SqlClient's default is 30). Every
    /// statement of the bot is small; migrations give their own statements longer.
    /// </summary>
    public const int InteractiveCommandTimeoutSeconds = 8;

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
        _connectionString = WithInteractiveTimeouts(connectionString);
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

    /// <summary>The connection string with short connect and command time-outs, where it does not set them itself.</summary>
    internal static string WithInteractiveTimeouts(string connectionString)
    {
        // A plain builder sees exactly the keywords that were written (SqlConnectionStringBuilder reports defaults).
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (!written.ContainsKey("Connect Timeout") && !written.ContainsKey("Connection Timeout") && !written.ContainsKey("Timeout"))
        {
            builder.ConnectTimeout = InteractiveConnectTimeoutSeconds;
        }

        if (!written.ContainsKey("Command Timeout"))
        {
            builder.CommandTimeout = InteractiveCommandTimeoutSeconds;
        }

        return builder.ConnectionString;
    }
}
