using Dapper;
using Microsoft.Extensions.Logging;

namespace VeerkrachtBot.Core.Storage;

/// <summary>
/// Applies pending migrations of every <see cref="IMigrationSource"/>. Safe to run from several processes at
/// once: the whole check-and-apply happens inside one write transaction (SQLite <c>BEGIN IMMEDIATE</c>), so a
/// second instance waits for the first and then finds nothing left to do.
/// </summary>
public sealed class MigrationRunner(SqliteDatabase database, IEnumerable<IMigrationSource> sources, ILogger<MigrationRunner> logger)
{
    /// <summary>Applies what is missing and returns the migrations that this call applied.</summary>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var all = sources.SelectMany(s => s.Migrations).OrderBy(m => m.Module, StringComparer.Ordinal).ThenBy(m => m.Version).ToList();
        var duplicate = all.GroupBy(m => (m.Module, m.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share module '{duplicate.Key.Module}' version {duplicate.Key.Version}.");
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;").ConfigureAwait(false);

        // Microsoft.Data.Sqlite starts IMMEDIATE transactions unless asked for deferred ones.
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                module     TEXT NOT NULL,
                version    INTEGER NOT NULL,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL,
                PRIMARY KEY (module, version)
            );
            """, transaction: transaction).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<(string Module, long Version)>(
            "SELECT module, version FROM schema_migrations", transaction: transaction).ConfigureAwait(false))
            .Select(r => (r.Module, (int)r.Version)).ToHashSet();

        var pending = all.Where(m => !applied.Contains((m.Module, m.Version))).ToList();
        foreach (var migration in pending)
        {
            logger.LogInformation("Applying migration {Module} {Version}: {Name}", migration.Module, migration.Version, migration.Name);
            await connection.ExecuteAsync(migration.Sql, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@Module, @Version, @Name, @At)",
                new { migration.Module, migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToString("O") },
                transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return pending;
    }
}
