using Dapper;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Professionals;

/// <summary>A programme manager made in the bot (the configured ones are not stored).</summary>
/// <param name="AadObjectId">Their Entra object id.</param>
/// <param name="Label">A name or role to recognise them by in the list.</param>
/// <param name="AddedBy">The Entra object id of the programme manager who made them one.</param>
/// <param name="AddedAt">When.</param>
public sealed record ProgrammeManager(string AadObjectId, string Label, string AddedBy, DateTimeOffset AddedAt);

/// <summary>
/// Who is a programme manager: the configured ones (<c>Teams:ProgrammeManagers</c>, which the bot cannot remove)
/// and those a programme manager made one in the bot (stored, audited in the same transaction).
/// </summary>
public sealed class ProgrammeManagers(IDatabase database, TimeProvider clock, IEnumerable<string> configured)
{
    /// <summary>Longest label.</summary>
    public const int MaxLabelLength = 200;

    internal const string Select = "SELECT aad_object_id AS AadObjectId, label AS Label, added_by AS AddedBy, added_at AS AddedAt FROM programme_managers";

    internal const string SelectOne = Select + " WHERE aad_object_id = @id";

    internal const string SqliteInsert = """
        INSERT INTO programme_managers (aad_object_id, label, added_by, added_at) VALUES (@Id, @Label, @AddedBy, @AddedAt)
        ON CONFLICT (aad_object_id) DO NOTHING
        """;

    internal const string SqlServerInsert = """
        INSERT INTO programme_managers (aad_object_id, label, added_by, added_at)
        SELECT @Id, @Label, @AddedBy, @AddedAt
        WHERE NOT EXISTS (SELECT 1 FROM programme_managers WITH (UPDLOCK, HOLDLOCK) WHERE aad_object_id = @Id)
        """;

    internal const string Delete = "DELETE FROM programme_managers WHERE aad_object_id = @id";

    private readonly HashSet<string> _configured = configured.Select(Normalize).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);

    /// <summary>The configured programme managers (normalised object ids).</summary>
    public IReadOnlyCollection<string> Configured => _configured;

    /// <summary>Whether the object id belongs to a programme manager (configured or stored).</summary>
    public async Task<bool> IsProgrammeManagerAsync(string? aadObjectId, CancellationToken cancellationToken = default)
    {
        var id = Normalize(aadObjectId);
        if (id.Length == 0)
        {
            return false;
        }

        return _configured.Contains(id)
            || await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(SelectOne, new { id }), cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>The programme managers made in the bot, oldest first.</summary>
    public async Task<IReadOnlyList<ProgrammeManager>> StoredAsync(CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(c => c.QueryAsync<Row>(Select), cancellationToken).ConfigureAwait(false))
            .Select(r => r.ToRecord()).OrderBy(m => m.AddedAt).ToList();

    /// <summary>Makes someone a programme manager; false when they were one already. Audited.</summary>
    public async Task<bool> AddAsync(string aadObjectId, string label, string byProgrammeManager, CancellationToken cancellationToken = default)
    {
        var id = Normalize(aadObjectId);
        if (!Guid.TryParse(id, out _))
        {
            throw new RuleViolation(RuleCode.InvalidInput, "An Entra object id is a GUID, e.g. 00000000-0000-0000-0000-000000000000.");
        }

        label = string.IsNullOrWhiteSpace(label) ? id : label.Trim();
        if (label.Length > MaxLabelLength)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A name is at most {MaxLabelLength} characters.");
        }

        if (_configured.Contains(id))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var added = await connection.ExecuteAsync(database.Pick(SqliteInsert, SqlServerInsert),
                new { Id = id, Label = label, AddedBy = byProgrammeManager, AddedAt = now.Ms() }, transaction).ConfigureAwait(false) > 0;
            if (added)
            {
                await SqlAuditLog.AppendAsync(connection, transaction, AuditEntry.Create(now, byProgrammeManager, "programme-manager.add", "programme-manager", id, label)).ConfigureAwait(false);
            }

            return added;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends someone's role as programme manager; false when they were not one in the bot. The configured ones cannot be removed here.</summary>
    public async Task<bool> RemoveAsync(string aadObjectId, string byProgrammeManager, CancellationToken cancellationToken = default)
    {
        var id = Normalize(aadObjectId);
        if (_configured.Contains(id))
        {
            throw new RuleViolation(RuleCode.InvalidInput, "This programme manager is set in the bot's configuration (Teams:ProgrammeManagers) and can only be removed there.");
        }

        var now = clock.GetUtcNow();
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var removed = await connection.ExecuteAsync(Delete, new { id }, transaction).ConfigureAwait(false) > 0;
            if (removed)
            {
                await SqlAuditLog.AppendAsync(connection, transaction, AuditEntry.Create(now, byProgrammeManager, "programme-manager.remove", "programme-manager", id)).ConfigureAwait(false);
            }

            return removed;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Object ids compare in lower case without braces or spaces.</summary>
    public static string Normalize(string? aadObjectId) => (aadObjectId ?? "").Trim().Trim('{', '}').ToLowerInvariant();

    private sealed class Row
    {
        public string AadObjectId { get; set; } = "";
        public string Label { get; set; } = "";
        public string AddedBy { get; set; } = "";
        public long AddedAt { get; set; }

        public ProgrammeManager ToRecord() => new(AadObjectId, Label, AddedBy, UnixTime.At(AddedAt));
    }
}
