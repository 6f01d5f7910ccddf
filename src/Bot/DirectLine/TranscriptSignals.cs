using System.Collections.Concurrent;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>
/// Wakes the streams of a conversation when this process appends to its transcript. Only a latency
/// optimisation: the truth is in the database, and streams also poll it for other instances' writes.
/// </summary>
public sealed class TranscriptSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next <see cref="Notify"/> for the conversation. Take it before reading.</summary>
    public Task NextAsync(string conversationId) =>
        _waiters.GetOrAdd(conversationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>
    /// Drops the waiter of a conversation whose stream closed, so conversations that are over do not pile up in
    /// memory. Another open stream of the same conversation re-adds it on its next round.
    /// </summary>
    public void Forget(string conversationId)
    {
        if (_waiters.TryGetValue(conversationId, out var waiter) && !waiter.Task.IsCompleted)
        {
            _waiters.TryRemove(KeyValuePair.Create(conversationId, waiter));
        }
    }

    /// <summary>Number of conversations with a waiting stream (for tests and diagnostics).</summary>
    public int Waiting => _waiters.Count;

    public void Notify(string conversationId)
    {
        if (_waiters.TryRemove(conversationId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
