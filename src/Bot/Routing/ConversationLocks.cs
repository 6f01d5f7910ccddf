namespace VeerkrachtBot.Bot.Routing;

/// <summary>
/// Lets the turns of one conversation on this instance run one after another instead of racing for the same
/// state. Only an optimisation: what keeps turns correct across instances is the state's ETag and the retry in
/// <see cref="TurnAdmission"/>, so nothing breaks when another instance has a turn of the same conversation.
/// A conversation's entry exists only while one of its turns runs or waits.
/// </summary>
public sealed class ConversationLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Conversations with a running or waiting turn (for tests and diagnostics).</summary>
    public int Held
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Waits until no other turn of <paramref name="key"/> runs here; dispose the result to let the next one in.</summary>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                _entries[key] = entry = new Entry();
            }

            entry.Users++;
        }

        try
        {
            await entry.Turn.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Leave(key, entry, held: false);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Leave(string key, Entry entry, bool held)
    {
        if (held)
        {
            entry.Turn.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Turn.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(ConversationLocks locks, string key, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                locks.Leave(key, entry, held: true);
            }
        }
    }
}
