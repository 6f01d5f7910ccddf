using System.Data.Common;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.State;

/// <summary>
/// The state saves of a turn's end, collected instead of written one by one: <see cref="DatabaseStorage"/> hands each
/// saved state its new ETag at once and leaves the write to <see cref="CommitAsync"/>, which writes them all, with the
/// writes the turn left to its end, in one transaction. Collecting holds for the flow of execution that began it,
/// until it is disposed.
/// </summary>
public sealed class StateBatch : IDisposable
{
    private const string ETagProperty = "eTag";

    private static readonly AsyncLocal<StateBatch?> Ambient = new();

    private readonly List<Collected> _writes = [];

    private StateBatch()
    {
    }

    /// <summary>The batch collecting here, or null.</summary>
    internal static StateBatch? Current => Ambient.Value;

    /// <summary>Starts collecting the state saves of this flow of execution.</summary>
    public static StateBatch Begin()
    {
        var batch = new StateBatch();
        Ambient.Value = batch;
        return batch;
    }

    /// <summary>Whether <paramref name="state"/> (the object a bot state saved) was collected, so it still has to be written.</summary>
    public bool Holds(object state) => _writes.Exists(w => ReferenceEquals(w.Value, state));

    /// <summary>
    /// Writes what was collected and <paramref name="alongside"/> in one transaction. When that fails nothing was
    /// written, and each collected state gets its old ETag back, so saving it again is not a false conflict.
    /// </summary>
    public async Task CommitAsync(IStateStore store, IReadOnlyList<Func<DbConnection, DbTransaction, Task>> alongside, CancellationToken cancellationToken)
    {
        Dispose();
        try
        {
            await store.WriteAsync(_writes.ConvertAll(w => w.Write), alongside, cancellationToken);
        }
        catch
        {
            foreach (var collected in _writes)
            {
                SetETag(collected.Value, collected.Write.ExpectedETag);
            }

            throw;
        }
    }

    /// <summary>Stops collecting (what was collected stays for <see cref="CommitAsync"/>).</summary>
    public void Dispose()
    {
        if (ReferenceEquals(Ambient.Value, this))
        {
            Ambient.Value = null;
        }
    }

    /// <summary>Takes a write and hands its object the new ETag, as a write that happened would.</summary>
    internal void Add(StateWrite write, object value)
    {
        _writes.Add(new Collected(write, value));
        SetETag(value, write.NewETag);
    }

    /// <summary>Hands an ETag back to the caller's object, so its next save in this turn is not a false conflict.</summary>
    internal static void SetETag(object value, string? etag)
    {
        switch (value)
        {
            case Microsoft.Bot.Builder.IStoreItem item:
                item.ETag = etag;
                break;
            case IDictionary<string, object> dictionary when etag is null:
                dictionary.Remove(ETagProperty);
                break;
            case IDictionary<string, object> dictionary:
                dictionary[ETagProperty] = etag;
                break;
        }
    }

    private sealed record Collected(StateWrite Write, object Value);
}
