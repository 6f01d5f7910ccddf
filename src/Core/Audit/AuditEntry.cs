using System.Data.Common;
using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Audit;

/// <summary>One action of a professional: who did what to which item, and when.</summary>
public sealed record AuditEntry(string Id, DateTimeOffset At, string Actor, string Action, string TargetType, string TargetId, string? Details)
{
    /// <summary>A new entry with a fresh id.</summary>
    public static AuditEntry Create(DateTimeOffset at, string actor, string action, string targetType, string targetId, string? details = null) =>
        new(Ids.New(), at, actor, action, targetType, targetId, details);
}

/// <summary>The audit log of professional actions. Append-only.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Entries about one item, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ForTargetAsync(string targetType, string targetId, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IAuditLog"/> on the shared database.</summary>
public sealed class SqlAuditLog(IDatabase database) : IAuditLog
{
    internal const string Insert = """
        INSERT INTO audit_log (id, at, actor, action, target_type, target_id, details)
        VALUES (@Id, @At, @Actor, @Action, @TargetType, @TargetId, @Details)
        """;

    internal const string SelectForTarget = """
        SELECT id AS Id, at AS At, actor AS Actor, action AS Action, target_type AS TargetType, target_id AS TargetId, details AS Details
        FROM audit_log WHERE target_type = @targetType AND target_id = @targetId ORDER BY at, id
        """;

    /// <inheritdoc />
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => AppendAsync(connection, transaction, entry), cancellationToken);

    /// <summary>Appends inside the caller's transaction, so the action and its audit entry commit together.</summary>
    internal static Task AppendAsync(DbConnection connection, DbTransaction? transaction, AuditEntry entry) =>
        connection.ExecuteAsync(Insert, new { entry.Id, At = entry.At.Ms(), entry.Actor, entry.Action, entry.TargetType, entry.TargetId, entry.Details }, transaction);

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ForTargetAsync(string targetType, string targetId, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(string Id, long At, string Actor, string Action, string TargetType, string TargetId, string? Details)>(
            SelectForTarget, new { targetType, targetId }), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new AuditEntry(r.Id, UnixTime.At(r.At), r.Actor, r.Action, r.TargetType, r.TargetId, r.Details)).ToList();
    }
}
