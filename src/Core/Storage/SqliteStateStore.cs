using Dapper;

namespace VeerkrachtBot.Core.Storage;

/// <summary><see cref="IStateStore"/> on the shared SQLite database.</summary>
public sealed class SqliteStateStore(SqliteDatabase database, TimeProvider clock) : IStateStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, StateDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, StateDocument>();
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Key, string Document, string ETag)>(
            "SELECT key, document, etag FROM state_documents WHERE key IN @keys", new { keys }).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => new StateDocument(r.Key, r.Document, r.ETag), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var etag = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow().ToString("O");
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (expectedETag is null or "*")
        {
            await connection.ExecuteAsync("""
                INSERT INTO state_documents (key, etag, document, updated_at) VALUES (@key, @etag, @json, @now)
                ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
                """, new { key, etag, json, now }).ConfigureAwait(false);
            return etag;
        }

        // A conditional write of a key that does not exist yet is a create: another writer may still win the
        // race, and then the INSERT fails on the primary key and we report the conflict.
        var changed = await connection.ExecuteAsync("""
            UPDATE state_documents SET etag = @etag, document = @json, updated_at = @now WHERE key = @key AND etag = @expectedETag
            """, new { key, etag, json, now, expectedETag }).ConfigureAwait(false);
        if (changed == 1)
        {
            return etag;
        }

        var inserted = await connection.ExecuteAsync("""
            INSERT INTO state_documents (key, etag, document, updated_at) VALUES (@key, @etag, @json, @now)
            ON CONFLICT (key) DO NOTHING
            """, new { key, etag, json, now }).ConfigureAwait(false);
        return inserted == 1 ? etag : throw new StateConflictException(key);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM state_documents WHERE key IN @keys", new { keys }).ConfigureAwait(false);
    }
}
