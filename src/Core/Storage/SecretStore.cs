using System.Security.Cryptography;
using Dapper;

namespace VeerkrachtBot.Core.Storage;

/// <summary>
/// Random keys that every bot instance sharing the database must agree on (the key that signs local Direct
/// Line tokens, the pseudonym key). The first instance to ask creates the key; the others read the same one.
/// </summary>
public sealed class SecretStore(IDatabase database, TimeProvider clock)
{
    internal const string SqliteInsertIfAbsent =
        "INSERT INTO app_secrets (name, value, created_at) VALUES (@name, @candidate, @now) ON CONFLICT (name) DO NOTHING";

    internal const string SqlServerInsertIfAbsent = """
        INSERT INTO app_secrets (name, value, created_at)
        SELECT @name, @candidate, @now
        WHERE NOT EXISTS (SELECT 1 FROM app_secrets WITH (UPDLOCK, HOLDLOCK) WHERE name = @name);
        """;

    internal const string Select = "SELECT value FROM app_secrets WHERE name = @name";

    /// <summary>Returns the named key, creating <paramref name="length"/> random bytes the first time.</summary>
    public async Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var candidate = Convert.ToBase64String(RandomNumberGenerator.GetBytes(length));
        var stored = await database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(database.Pick(SqliteInsertIfAbsent, SqlServerInsertIfAbsent),
                new { name, candidate, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, transaction).ConfigureAwait(false);
            return await connection.ExecuteScalarAsync<string>(Select, new { name }, transaction).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return Convert.FromBase64String(stored!);
    }
}
