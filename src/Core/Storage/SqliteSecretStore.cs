using System.Security.Cryptography;
using Dapper;

namespace VeerkrachtBot.Core.Storage;

/// <summary>
/// Random keys that every bot instance sharing the database must agree on (for example the key that signs
/// local Direct Line tokens). The first instance to ask creates the key; the others read the same one.
/// </summary>
public sealed class SqliteSecretStore(SqliteDatabase database, TimeProvider clock)
{
    /// <summary>Returns the named key, creating <paramref name="length"/> random bytes the first time.</summary>
    public async Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var candidate = Convert.ToBase64String(RandomNumberGenerator.GetBytes(length));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO app_secrets (name, value, created_at) VALUES (@name, @candidate, @now) ON CONFLICT (name) DO NOTHING",
            new { name, candidate, now = clock.GetUtcNow().ToString("O") }).ConfigureAwait(false);
        var stored = await connection.ExecuteScalarAsync<string>("SELECT value FROM app_secrets WHERE name = @name", new { name }).ConfigureAwait(false);
        return Convert.FromBase64String(stored!);
    }
}
