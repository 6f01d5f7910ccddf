using System.Data.Common;
using Dapper;

namespace VeerkrachtBot.Core.Storage;

/// <summary><see cref="IStateStore"/> on the shared database (SQLite or SQL Server).</summary>
public sealed class StateStore(IDatabase database, TimeProvider clock) : IStateStore
{
    internal const string SqliteSelect = "SELECT state_key AS [Key], document AS Document, etag AS ETag FROM state_documents WHERE state_key IN (SELECT value FROM json_each(@keys))";

    internal const string SqlServerSelect = "SELECT state_key AS [Key], document AS Document, etag AS ETag FROM state_documents WHERE state_key IN (SELECT value FROM OPENJSON(@keys) WITH (value NVARCHAR(400) '$'))";

    internal const string SqliteUpsert = """
        INSERT INTO state_documents (state_key, etag, document, updated_at) VALUES (@key, @etag, @json, @now)
        ON CONFLICT (state_key) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
        """;

    internal const string SqlServerUpsert = """
        MERGE state_documents WITH (HOLDLOCK) AS target
        USING (SELECT @key AS state_key) AS source ON target.state_key = source.state_key
        WHEN MATCHED THEN UPDATE SET etag = @etag, document = @json, updated_at = @now
        WHEN NOT MATCHED THEN INSERT (state_key, etag, document, updated_at) VALUES (@key, @etag, @json, @now);
        """;

    internal const string ConditionalUpdate =
        "UPDATE state_documents SET etag = @etag, document = @json, updated_at = @now WHERE state_key = @key AND etag = @expectedETag";

    internal const string SqliteInsertIfAbsent = """
        INSERT INTO state_documents (state_key, etag, document, updated_at) VALUES (@key, @etag, @json, @now)
        ON CONFLICT (state_key) DO NOTHING
        """;

    internal const string SqlServerInsertIfAbsent = """
        INSERT INTO state_documents (state_key, etag, document, updated_at)
        SELECT @key, @etag, @json, @now
        WHERE NOT EXISTS (SELECT 1 FROM state_documents WITH (UPDLOCK, HOLDLOCK) WHERE state_key = @key);
        """;

    internal const string SqliteDelete = "DELETE FROM state_documents WHERE state_key IN (SELECT value FROM json_each(@keys))";

    internal const string SqlServerDelete = "DELETE FROM state_documents WHERE state_key IN (SELECT value FROM OPENJSON(@keys) WITH (value NVARCHAR(400) '$'))";

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, StateDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, StateDocument>();
        }

        var rows = await database.ReadAsync(connection => connection.QueryAsync<(string Key, string Document, string ETag)>(
            database.Pick(SqliteSelect, SqlServerSelect), new { keys = Sql.JsonList(keys) }), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => new StateDocument(r.Key, r.Document, r.ETag), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var write = new StateWrite(key, json, expectedETag, NewETag());
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await database.WriteAsync((connection, transaction) => WriteAsync(connection, transaction, write, now), cancellationToken).ConfigureAwait(false);
        return write.NewETag;
    }

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<StateWrite> writes, IReadOnlyList<Func<DbConnection, DbTransaction, Task>> alongside, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(alongside);
        foreach (var write in writes)
        {
            ArgumentException.ThrowIfNullOrEmpty(write.Key);
        }

        if (writes.Count == 0 && alongside.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await database.WriteAsync(async (connection, transaction) =>
        {
            await TurnWrites.RunAsync(alongside, connection, transaction).ConfigureAwait(false);
            foreach (var write in writes)
            {
                await WriteAsync(connection, transaction, write, now).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A fresh ETag for a write.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");

    private async Task WriteAsync(DbConnection connection, DbTransaction transaction, StateWrite write, long now)
    {
        var (key, json, expectedETag, etag) = write;
        if (expectedETag == "*")
        {
            await connection.ExecuteAsync(database.Pick(SqliteUpsert, SqlServerUpsert), new { key, etag, json, now }, transaction).ConfigureAwait(false);
            return;
        }

        // A write with an ETag changes the document it read, or nothing: when that document is gone (erasure deleted
        // it meanwhile) the write is a conflict too, so a turn that was still running cannot bring it back.
        if (expectedETag is not null)
        {
            if (await connection.ExecuteAsync(ConditionalUpdate, new { key, etag, json, now, expectedETag }, transaction).ConfigureAwait(false) != 1)
            {
                throw new StateConflictException(key);
            }

            return;
        }

        // Only a first save (no ETag) creates: if another writer created the key meanwhile (two first turns of one
        // conversation at once), the insert does nothing and this write is the conflict; it never overwrites the other.
        if (await connection.ExecuteAsync(database.Pick(SqliteInsertIfAbsent, SqlServerInsertIfAbsent), new { key, etag, json, now }, transaction).ConfigureAwait(false) != 1)
        {
            throw new StateConflictException(key);
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(database.Pick(SqliteDelete, SqlServerDelete), new { keys = Sql.JsonList(keys) }, transaction),
            cancellationToken).ConfigureAwait(false);
    }
}
