using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Residents;

/// <summary><see cref="IResidentStore"/> on the shared database.</summary>
public sealed class SqlResidentStore(IDatabase database) : IResidentStore
{
    internal const string SqliteTouch = """
        INSERT INTO residents (id, channel_id, created_at, last_seen_at) VALUES (@id, @channelId, @now, @now)
        ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at
        """;

    internal const string SqlServerTouch = """
        MERGE residents WITH (HOLDLOCK) AS target
        USING (SELECT @id AS id) AS source ON target.id = source.id
        WHEN MATCHED THEN UPDATE SET last_seen_at = @now
        WHEN NOT MATCHED THEN INSERT (id, channel_id, created_at, last_seen_at) VALUES (@id, @channelId, @now, @now);
        """;

    internal const string Select = """
        SELECT id AS Id, channel_id AS ChannelId, language AS Language, neighbourhood_id AS NeighbourhoodId,
               created_at AS CreatedAt, last_seen_at AS LastSeenAt
        FROM residents WHERE id = @id
        """;

    // Never backwards: a deferred write of an older turn may commit after a newer one.
    internal const string UpdateLastSeen = "UPDATE residents SET last_seen_at = @now WHERE id = @id AND last_seen_at < @now";

    internal const string UpdateLanguage = "UPDATE residents SET language = @language WHERE id = @id";

    internal const string UpdateNeighbourhood = "UPDATE residents SET neighbourhood_id = @neighbourhoodId WHERE id = @id";

    // SQLite runs the whole statement under the database's one write lock, and the unique index on active consents
    // (core 3) turns a racing second insert into nothing.
    internal const string SqliteInsertConsent = """
        INSERT INTO resident_consents (resident_id, kind, given_at) VALUES (@id, @kind, @now)
        ON CONFLICT (resident_id, kind) WHERE withdrawn_at IS NULL DO NOTHING
        """;

    // Under read committed the NOT EXISTS check alone lets two sessions both find nothing and both insert: the
    // key-range lock (UPDLOCK, HOLDLOCK) makes the second wait for the first and then find its row.
    internal const string SqlServerInsertConsent = """
        INSERT INTO resident_consents (resident_id, kind, given_at)
        SELECT @id, @kind, @now
        WHERE NOT EXISTS (SELECT 1 FROM resident_consents WITH (UPDLOCK, HOLDLOCK) WHERE resident_id = @id AND kind = @kind AND withdrawn_at IS NULL)
        """;

    internal const string WithdrawConsent =
        "UPDATE resident_consents SET withdrawn_at = @now WHERE resident_id = @id AND kind = @kind AND withdrawn_at IS NULL";

    internal const string SelectConsents = """
        SELECT kind AS Kind, given_at AS GivenAt, withdrawn_at AS WithdrawnAt
        FROM resident_consents WHERE resident_id = @id ORDER BY given_at
        """;

    /// <inheritdoc />
    public async Task<Resident> TouchAsync(string id, string channelId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // Inside a turn, a resident the bot knows is only seen again: that goes with the turn's own commit at its end.
        if (TurnWrites.Current is not null && await FindAsync(id, cancellationToken).ConfigureAwait(false) is { } known)
        {
            await TurnWrites.DeferAsync(database, (connection, transaction) =>
                connection.ExecuteAsync(UpdateLastSeen, new { id, now = now.Ms() }, transaction), cancellationToken).ConfigureAwait(false);
            return known with { LastSeenAt = now };
        }

        return await database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(database.Pick(SqliteTouch, SqlServerTouch), new { id, channelId, now = now.Ms() }, transaction).ConfigureAwait(false);
            return (await FindAsync(connection, transaction, id).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Resident?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => FindAsync(connection, null, id), cancellationToken);

    /// <inheritdoc />
    public async Task SetLanguageAsync(string id, ResidentLanguage language, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(UpdateLanguage, new { id, language = language.Code() }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task SetNeighbourhoodAsync(string id, string neighbourhoodId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(UpdateNeighbourhood, new { id, neighbourhoodId }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task GiveConsentAsync(string id, ConsentKind kind, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(database.Pick(SqliteInsertConsent, SqlServerInsertConsent), new { id, kind = kind.ToString(), now = now.Ms() }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<bool> WithdrawConsentAsync(string id, ConsentKind kind, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(WithdrawConsent, new { id, kind = kind.ToString(), now = now.Ms() }, cancellationToken).ConfigureAwait(false) > 0;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Consent>> ConsentsAsync(string id, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(string Kind, long GivenAt, long? WithdrawnAt)>(SelectConsents, new { id }), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new Consent(Enum.Parse<ConsentKind>(r.Kind), UnixTime.At(r.GivenAt), UnixTime.At(r.WithdrawnAt))).ToList();
    }

    private static async Task<Resident?> FindAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ResidentRow>(Select, new { id }, transaction).ConfigureAwait(false);
        return row is null ? null : new Resident(row.Id, row.ChannelId, ResidentLanguages.FromCode(row.Language), row.NeighbourhoodId, UnixTime.At(row.CreatedAt), UnixTime.At(row.LastSeenAt));
    }

    private Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(sql, parameters, transaction), cancellationToken);

    private sealed class ResidentRow
    {
        public string Id { get; set; } = "";
        public string ChannelId { get; set; } = "";
        public string? Language { get; set; }
        public string? NeighbourhoodId { get; set; }
        public long CreatedAt { get; set; }
        public long LastSeenAt { get; set; }
    }
}
