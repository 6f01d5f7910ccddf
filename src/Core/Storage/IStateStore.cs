using System.Data.Common;

namespace VeerkrachtBot.Core.Storage;

/// <summary>A JSON document with the ETag it was stored under.</summary>
public sealed record StateDocument(string Key, string Json, string ETag);

/// <summary>
/// Key/value store for conversation and user state, with optimistic concurrency so that several bot
/// instances can share one database without overwriting each other's changes.
/// </summary>
public interface IStateStore
{
    /// <summary>Reads the documents that exist for <paramref name="keys"/>; missing keys are left out.</summary>
    Task<IReadOnlyDictionary<string, StateDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a document. With <paramref name="expectedETag"/> <c>*</c> the write is unconditional. With null (a first
    /// save) the document must not exist yet; otherwise the document must exist with that ETag (a document deleted
    /// since it was read is not created again). When that fails a <see cref="StateConflictException"/> is thrown and
    /// nothing changes: two first turns of one conversation at once give one winner and one conflict, never a silent
    /// overwrite, and state that erasure deleted stays deleted.
    /// </summary>
    /// <returns>The new ETag.</returns>
    Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes several documents, each as <see cref="WriteAsync(string, string, string?, CancellationToken)"/> does with the
    /// ETag its caller chose, and runs <paramref name="alongside"/> first, all in one transaction: everything or nothing.
    /// A refused write throws <see cref="StateConflictException"/> and none of it is kept. The end of a turn saves its
    /// states and the writes it left to its end (<see cref="TurnWrites"/>) this way, in one commit.
    /// </summary>
    Task WriteAsync(IReadOnlyList<StateWrite> writes, IReadOnlyList<Func<DbConnection, DbTransaction, Task>> alongside, CancellationToken cancellationToken = default);

    /// <summary>Deletes the documents; missing keys are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}

/// <summary>One document to write: with the ETag it was read with (null for a first save, <c>*</c> for any) and the new one.</summary>
public sealed record StateWrite(string Key, string Json, string? ExpectedETag, string NewETag);

/// <summary>Thrown when a state write carries an ETag that is no longer current.</summary>
public sealed class StateConflictException(string key)
    : Exception($"The state '{key}' was changed by someone else (ETag mismatch); reload and try again.")
{
    /// <summary>The key whose write was refused.</summary>
    public string Key { get; } = key;
}
