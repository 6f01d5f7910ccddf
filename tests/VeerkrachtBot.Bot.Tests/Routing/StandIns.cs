using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Bot.Tests.Routing;

/// <summary>
/// Bot state storage with "another instance" in it: before a chosen write of a key, another writer saves that key
/// first (or deletes it), so the write meets a changed or vanished document; and a log of what happened to the key.
/// </summary>
public sealed class ContestedStorage : IStorage
{
    /// <summary>What "another instance" leaves in the admission record when it saves first.</summary>
    public const string OtherInstanceMark = "saved-by-the-other-instance";

    private readonly ConcurrentQueue<string> _log = new();
    private string? _key;
    private int _writesUntilContest;
    private bool _always;
    private bool _delete;

    public IStorage Inner { get; set; } = null!;

    /// <summary>Reads, writes and deletes of the watched key, in order ("read", "write", "delete").</summary>
    public IReadOnlyList<string> Log => _log.ToList();

    /// <summary>Called before a delete of the watched key is carried out.</summary>
    public Func<Task>? BeforeDelete { get; set; }

    /// <summary>Called after each read of the watched key.</summary>
    public Action? AfterRead { get; set; }

    /// <summary>Before the <paramref name="write"/>-th write of <paramref name="key"/> from now, another instance saves it first.</summary>
    public void OtherInstanceSavesBefore(string key, int write = 1) => Arm(key, write, always: false, delete: false);

    /// <summary>Before every write of <paramref name="key"/> from now, another instance saves it first.</summary>
    public void OtherInstanceAlwaysSavesFirst(string key) => Arm(key, 1, always: true, delete: false);

    /// <summary>Before the <paramref name="write"/>-th write of <paramref name="key"/> from now, someone deletes it (erasure, in another conversation).</summary>
    public void DeletedBefore(string key, int write) => Arm(key, write, always: false, delete: true);

    /// <summary>Only logs what happens to <paramref name="key"/>.</summary>
    public void Watch(string key) => Arm(key, int.MaxValue, always: false, delete: false);

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var items = await Inner.ReadAsync(keys, cancellationToken);
        if (_key is { } key && keys.Contains(key))
        {
            _log.Enqueue("read");
            AfterRead?.Invoke();
        }

        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        if (_key is { } key && changes.ContainsKey(key))
        {
            _log.Enqueue("write");
            if (Interlocked.Decrement(ref _writesUntilContest) == 0)
            {
                if (_always)
                {
                    _writesUntilContest = 1;
                }

                // The other instance has a flow of its own: it does not join a batch this turn's end is collecting.
                Task other;
                using (ExecutionContext.SuppressFlow())
                {
                    other = Task.Run(() => _delete ? Inner.DeleteAsync([key], cancellationToken) : SaveAsTheOtherInstanceAsync(key, cancellationToken), cancellationToken);
                }

                await other;
            }
        }

        await Inner.WriteAsync(changes, cancellationToken);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        if (_key is { } key && keys.Contains(key))
        {
            if (BeforeDelete is { } before)
            {
                await before();
            }

            _log.Enqueue("delete");
        }

        await Inner.DeleteAsync(keys, cancellationToken);
    }

    private async Task SaveAsTheOtherInstanceAsync(string key, CancellationToken cancellationToken)
    {
        var current = (JObject)(await Inner.ReadAsync([key], cancellationToken))[key];
        ((JArray)current.SelectToken("Admission.RecentActivityIds")!).Add(OtherInstanceMark);
        await Inner.WriteAsync(new Dictionary<string, object> { [key] = current }, cancellationToken);
    }

    private void Arm(string key, int write, bool always, bool delete)
    {
        _key = key;
        _writesUntilContest = write;
        _always = always;
        _delete = delete;
    }
}

/// <summary>The local analysis, with something a test chooses happening inside the next analysis (before it).</summary>
public sealed class StagedAnalyzer : ITextAnalyzer
{
    private Func<Task>? _next;

    public ITextAnalyzer Inner { get; set; } = null!;

    /// <summary>
    /// Runs <paramref name="action"/> inside the next analysis: the channel stops waiting, another conversation erases
    /// the resident, the analysis waits for a gate or fails.
    /// </summary>
    public void DuringNext(Func<Task> action) => _next = action;

    public async Task<IdeaAnalysis> AnalyzeAsync(string text, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _next, null) is { } action)
        {
            await action();
        }

        return await Inner.AnalyzeAsync(text, cancellationToken);
    }
}
