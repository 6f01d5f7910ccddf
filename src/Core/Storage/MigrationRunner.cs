using Dapper;
using Microsoft.Extensions.Logging;

namespace VeerkrachtBot.Core.Storage;

/// <summary>
/// Applies pending migrations of every <see cref="IMigrationSource"/>. Safe to run from several instances at
/// once: the check-and-apply happens inside one transaction that first takes a database-wide lock
/// (SQLite <c>BEGIN IMMEDIATE</c>; SQL Server <c>sp_getapplock</c>), so a second instance waits for the first and
/// then finds nothing left to do. A failing migration rolls back with its bookkeeping.
/// </summary>
/// <param name="database">The database to migrate.</param>
/// <param name="sources">Every module's migrations.</param>
/// <param name="logger">Logs each applied migration and each retry.</param>
/// <param name="retry">How a transient failure at start-up is retried; <see cref="DatabaseRetryOptions.Startup"/> when null.</param>
public sealed partial class MigrationRunner(IDatabase database, IEnumerable<IMigrationSource> sources, ILogger<MigrationRunner> logger, DatabaseRetryOptions? retry = null)
{
    private readonly Polly.ResiliencePipeline _startupRetry = DatabaseRetry.Create(retry ?? DatabaseRetryOptions.Startup, logger);

    internal const string SqliteBookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            module     TEXT NOT NULL,
            version    INTEGER NOT NULL,
            name       TEXT NOT NULL,
            applied_at INTEGER NOT NULL,
            PRIMARY KEY (module, version)
        );
        """;

    internal const string SqlServerBookkeeping = """
        DECLARE @lock INT;
        EXEC @lock = sp_getapplock @Resource = 'veerkracht-schema-migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 120000;
        IF @lock < 0 THROW 50000, 'Another instance holds the migration lock for too long; not migrating without it.', 1;
        IF OBJECT_ID(N'dbo.schema_migrations', N'U') IS NULL
            CREATE TABLE dbo.schema_migrations (
                module     NVARCHAR(64)  NOT NULL,
                version    INT           NOT NULL,
                name       NVARCHAR(200) NOT NULL,
                applied_at BIGINT        NOT NULL,
                CONSTRAINT pk_schema_migrations PRIMARY KEY (module, version)
            );
        """;

    /// <summary>
    /// Seconds a migration statement may run: far longer than a turn's statements (an index on a large table, a
    /// backfill), and within what <c>sp_getapplock</c> and the instances waiting at start-up allow.
    /// </summary>
    public const int CommandTimeoutSeconds = 600;

    internal const string SelectApplied = "SELECT module AS Module, version AS Version FROM schema_migrations";

    internal const string InsertApplied = "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@Module, @Version, @Name, @At)";

    /// <summary>Every migration of every source, ordered.</summary>
    public IReadOnlyList<Migration> All => sources.SelectMany(s => s.Migrations)
        .OrderBy(m => m.Module, StringComparer.Ordinal).ThenBy(m => m.Version).ToList();

    /// <summary>Applies what is missing and returns the migrations that this call applied.</summary>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var all = All;
        var duplicate = all.GroupBy(m => (m.Module, m.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share module '{duplicate.Key.Module}' version {duplicate.Key.Version}.");
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await database.ReadAsync(c => c.ExecuteAsync("PRAGMA journal_mode = WAL;"), _startupRetry, cancellationToken).ConfigureAwait(false);
        }

        // At start-up the database may be a paused serverless one that needs about a minute to resume, or be in a
        // failover: the whole check-and-apply is retried, longer than a resident's turn would be.
        return await database.WriteAsync<IReadOnlyList<Migration>>(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(database.Pick(SqliteBookkeeping, SqlServerBookkeeping), transaction: transaction, commandTimeout: CommandTimeoutSeconds).ConfigureAwait(false);
            var applied = (await connection.QueryAsync<(string Module, long Version)>(SelectApplied, transaction: transaction, commandTimeout: CommandTimeoutSeconds).ConfigureAwait(false))
                .Select(r => (r.Module, (int)r.Version)).ToHashSet();

            var pending = all.Where(m => !applied.Contains((m.Module, m.Version))).ToList();
            foreach (var migration in pending)
            {
                LogApplying(migration.Module, migration.Version, migration.Name);
                await connection.ExecuteAsync(database.Pick(migration.Sqlite, migration.SqlServer), transaction: transaction, commandTimeout: CommandTimeoutSeconds).ConfigureAwait(false);
                await connection.ExecuteAsync(InsertApplied,
                    new { migration.Module, migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
                    transaction, commandTimeout: CommandTimeoutSeconds).ConfigureAwait(false);
            }

            return pending;
        }, _startupRetry, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying migration {Module} {Version}: {Name}")]
    private partial void LogApplying(string module, int version, string name);
}
