using System.Security.Cryptography;
using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>Rendered chart PNGs in the shared database, so every bot instance can serve a chart another one drew.</summary>
public sealed class ChartStore(IDatabase database, TimeProvider clock)
{
    internal const string Insert = "INSERT INTO digest_charts (id, png, created_at, expires_at) VALUES (@Id, @Png, @Now, @ExpiresAt)";

    internal const string DeleteExpired = "DELETE FROM digest_charts WHERE expires_at <= @Now";

    internal const string Select = "SELECT png FROM digest_charts WHERE id = @id AND expires_at > @now";

    /// <summary>Stores a PNG until <paramref name="expiresAt"/> and returns its random 128-bit id; expired charts go at the same time.</summary>
    public async Task<byte[]> SaveAsync(byte[] png, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var id = RandomNumberGenerator.GetBytes(16);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(DeleteExpired, new { Now = now }, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(Insert, new { Id = Convert.ToHexStringLower(id), Png = png, Now = now, ExpiresAt = expiresAt.ToUnixTimeMilliseconds() }, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>The PNG, or null when there is none or it expired.</summary>
    public async Task<byte[]?> FindAsync(byte[] id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<byte[]?>(Select, new { id = Convert.ToHexStringLower(id), now = clock.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
    }
}

/// <summary>The chart table, owned by the digest cards of the bot layer.</summary>
internal sealed class ChartMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("digest-charts", 1, "chart images of digests and poll results, served by signed links until they expire",
            Sqlite: """
                CREATE TABLE digest_charts (
                    id         TEXT PRIMARY KEY,
                    png        BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX ix_digest_charts_expires ON digest_charts (expires_at);
                """,
            SqlServer: """
                CREATE TABLE digest_charts (
                    id         NVARCHAR(32)   NOT NULL CONSTRAINT pk_digest_charts PRIMARY KEY,
                    png        VARBINARY(MAX) NOT NULL,
                    created_at BIGINT         NOT NULL,
                    expires_at BIGINT         NOT NULL
                );
                CREATE INDEX ix_digest_charts_expires ON digest_charts (expires_at);
                """),
    ];
}
