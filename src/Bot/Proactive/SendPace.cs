namespace VeerkrachtBot.Bot.Proactive;

/// <summary>
/// Keeps the bot's own sends under a channel's limits, per key (a conversation, a tenant): before a send it waits until
/// each rule "at most N per window" holds for the window that ends with this send. It keeps the times of the last sends
/// per key (a sliding log), so the limit is exact, not an approximation; times come from the <see cref="TimeProvider"/>.
/// The log is in memory: it counts this instance's sends (see <see cref="ProactiveOptions.TenantMessagesPerSecond"/>).
/// </summary>
public sealed class SendPace(IReadOnlyList<(int Limit, TimeSpan Window)> rules, TimeProvider clock)
{
    /// <summary>Teams, per bot and conversation: 7 per second, 8 per 2 seconds, 60 per 30 seconds, 1800 per hour.</summary>
    public static IReadOnlyList<(int Limit, TimeSpan Window)> TeamsConversation { get; } =
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))];

    private readonly Dictionary<string, List<long>> _sent = new(StringComparer.Ordinal);
    private readonly int _kept = rules.Max(r => r.Limit);
    private readonly long _longest = (long)rules.Max(r => r.Window).TotalMilliseconds;
    private long _lastSweep;

    /// <summary>Waits until a send under <paramref name="key"/> keeps every rule, and counts it.</summary>
    public async Task WaitTurnAsync(string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryTake(key);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts a send now and returns zero, or returns how long to wait before trying again.</summary>
    internal TimeSpan TryTake(string key)
    {
        lock (_sent)
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            Sweep(now);
            if (!_sent.TryGetValue(key, out var times))
            {
                _sent[key] = times = [];
            }

            var wait = 0L;
            foreach (var (limit, window) in rules)
            {
                // The limit-th most recent send must have left the window that ends now.
                if (times.Count >= limit)
                {
                    wait = Math.Max(wait, times[^limit] + (long)window.TotalMilliseconds - now);
                }
            }

            if (wait > 0)
            {
                return TimeSpan.FromMilliseconds(wait);
            }

            times.Add(now);
            if (times.Count > _kept)
            {
                times.RemoveRange(0, times.Count - _kept);
            }

            return TimeSpan.Zero;
        }
    }

    /// <summary>Forgets keys that sent nothing for the longest window, once in a while.</summary>
    private void Sweep(long now)
    {
        if (now - _lastSweep < _longest)
        {
            return;
        }

        _lastSweep = now;
        foreach (var key in _sent.Where(e => e.Value.Count == 0 || e.Value[^1] + _longest <= now).Select(e => e.Key).ToList())
        {
            _sent.Remove(key);
        }
    }
}
