using System.Data.Common;

namespace VeerkrachtBot.Core.Storage;

/// <summary>
/// Small writes a turn can leave to its end, where they commit in the same transaction as the turn's saved state:
/// that the resident was seen, how to reach them. Every commit is an fsync, and a turn that made one write per fact
/// paid several where one does (DESIGN, section 7). What the turn needs to read back, or what the reply promises (a
/// new idea, an RSVP), is written at once as before.
/// <para>
/// The collection belongs to the turn's flow of execution: a turn begins one, everything it calls defers into it, and
/// the turn's end takes the writes (<see cref="Take"/>) into its state's transaction. Outside a turn (a background job,
/// a tool), or after the turn's end took them, <see cref="DeferAsync"/> writes at once.
/// </para>
/// </summary>
public sealed class TurnWrites
{
    private static readonly AsyncLocal<TurnWrites?> Ambient = new();

    private readonly object _gate = new();
    private List<Func<DbConnection, DbTransaction, Task>>? _pending = [];

    private TurnWrites()
    {
    }

    /// <summary>The writes of the turn running here, or null outside a turn.</summary>
    public static TurnWrites? Current => Ambient.Value;

    /// <summary>Writes left for the end of the turn and not taken yet.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending?.Count ?? 0;
            }
        }
    }

    /// <summary>
    /// Starts collecting the writes of a turn for the rest of this flow of execution (the caller's awaits and
    /// everything they call). Collecting ends for the caller when its async method returns.
    /// </summary>
    public static TurnWrites Begin()
    {
        var writes = new TurnWrites();
        Ambient.Value = writes;
        return writes;
    }

    /// <summary>
    /// Leaves <paramref name="work"/> to the end of the turn running here, or writes it at once (in its own transaction)
    /// when there is none or its end has already taken its writes (work started by a turn and still running after it).
    /// </summary>
    public static Task DeferAsync(IDatabase database, Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Ambient.Value is { } writes)
        {
            lock (writes._gate)
            {
                if (writes._pending is { } pending)
                {
                    pending.Add(work);
                    return Task.CompletedTask;
                }
            }
        }

        return database.WriteAsync(work, cancellationToken);
    }

    /// <summary>
    /// Takes the writes left so far, for the caller to run inside its own transaction; after this every deferral writes
    /// at once. Taking twice gives nothing the second time.
    /// </summary>
    public IReadOnlyList<Func<DbConnection, DbTransaction, Task>> Take()
    {
        lock (_gate)
        {
            var taken = _pending ?? [];
            _pending = null;
            return taken;
        }
    }

    /// <summary>Runs <paramref name="writes"/> in order inside a transaction the caller owns.</summary>
    public static async Task RunAsync(IReadOnlyList<Func<DbConnection, DbTransaction, Task>> writes, DbConnection connection, DbTransaction transaction)
    {
        foreach (var write in writes)
        {
            await write(connection, transaction).ConfigureAwait(false);
        }
    }
}
