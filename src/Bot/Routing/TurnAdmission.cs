using System.Data.Common;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.State;
using VeerkrachtBot.Core.Storage;
using BotMiddleware = Microsoft.Bot.Builder.IMiddleware;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>
/// The admission of every turn that comes from a channel, for any bot behind the adapter, in three phases.
/// <para>
/// Admission, while the channel waits (its request's token): normalise what the person sent, wait for this
/// conversation's turn on this instance, and take the conversation's lease in the database (its conversation state,
/// written with the ETag): a turn of another instance that holds a live lease is waited for. A redelivered activity
/// ends here (answered once), and so does one over the per-conversation rate limit (one notice, then silence for the
/// rest of the minute). An ETag conflict here only repeats the admission: nothing has run yet. When the channel stops
/// waiting during admission, nothing has run and nothing is said.
/// </para>
/// <para>
/// The turn, once admitted, runs to its end with a token of its own (<see cref="TurnDeadline"/>), whatever the
/// channel does meanwhile. Its replies are held back; typing indicators go out at once.
/// </para>
/// <para>
/// Completion: the state is saved and the lease cleared in that same write; only then do the held replies go out
/// (429 and 5xx retried briefly; what still cannot be delivered is logged, the saved step stays). If the lease ran out
/// and another instance wrote meanwhile, the turn is never run again: the newer state is read, its admission records
/// are kept, this turn's own state is applied on top and saved, and this turn's replies are sent (they describe what
/// really happened). A turn that fails is answered here, while the conversation is still held: its step is kept when
/// the failure says nothing about the flow (the database briefly away, a conflict that outlasted the retries, the
/// deadline, a channel that cannot be reached), otherwise the conversation starts afresh.
/// </para>
/// An invoke that admission does not run gets an invoke response of its own: 200 for a redelivery, 429 (with
/// Retry-After) over the rate limit, 503 (with Retry-After) when the person can try again, 200 with the apology when
/// the conversation was started afresh.
/// </summary>
public sealed class TurnAdmission(
    ConversationState conversationState,
    UserState userState,
    ConversationLocks locks,
    IAdmissionReplies replies,
    IDatabase database,
    IStateStore store,
    TimeProvider clock,
    IOptions<BotOptions> options,
    ILogger<TurnAdmission> logger) : BotMiddleware
{
    /// <summary>
    /// Conflicting writes before a turn gives up (at admission, or when saving after its lease ran out). With the lease,
    /// conflicts only happen after a lease expired, so twenty in a row do not happen in practice.
    /// </summary>
    public const int MaxAttempts = 20;

    /// <summary>The admission record's property in the conversation state.</summary>
    public const string AdmissionProperty = "Admission";

    // The ETag a storage hands back in a plain dictionary (BotState's documents), as every IStorage does.
    private const string ETagProperty = "eTag";

    private readonly string _instance = Guid.NewGuid().ToString("N");

    // One instance on its own database holds a conversation with the in-process lock alone; a lease in the database is
    // for instances that share it, and costs a commit per turn.
    private readonly bool _lease = database.Provider == DatabaseProvider.SqlServer || options.Value.Instances > 1;
    private long _admissionRetries;
    private long _mergedSaves;
    private long _leaseWaits;

    /// <summary>
    /// How long an admitted turn may run, whatever the channel does: twice the 15 seconds a channel waits, so a slow
    /// database or language service does not cut a turn short, while a turn that hangs still ends.
    /// </summary>
    public static TimeSpan TurnDeadline { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Saving the state and sending the replies after the turn, or answering a failed turn.</summary>
    public static TimeSpan CompletionDeadline { get; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a lease holds the conversation: the turn's deadline and its completion, and a margin.</summary>
    public static TimeSpan LeaseDuration { get; } = TurnDeadline + CompletionDeadline + TimeSpan.FromSeconds(5);

    /// <summary>Admissions repeated after an ETag conflict (for tests and diagnostics).</summary>
    public long AdmissionRetries => Interlocked.Read(ref _admissionRetries);

    /// <summary>Turns whose end-of-turn save met another writer and was merged with its state (for tests and diagnostics).</summary>
    public long MergedSaves => Interlocked.Read(ref _mergedSaves);

    /// <summary>Times an admission waited for another instance's turn of the same conversation (for tests and diagnostics).</summary>
    public long LeaseWaits => Interlocked.Read(ref _leaseWaits);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        if (!FromAChannel(activity))
        {
            await next(cancellationToken);
            return;
        }

        IncomingActivity.Normalize(activity);
        var held = new HeldReplies(logger);
        turnContext.OnSendActivities(held.HandleAsync);
        turnContext.OnUpdateActivity(held.HandleUpdateAsync);

        IDisposable turnHere;
        try
        {
            turnHere = await locks.AcquireAsync($"{activity.ChannelId}/conversations/{activity.Conversation.Id}", cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            turnContext.RecordOutcome(TurnOutcomes.Failed);
            ChannelStoppedWaiting(activity);
            return;
        }

        using (turnHere)
        {
            Verdict verdict;
            try
            {
                verdict = await AdmitAsync(turnContext, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                turnContext.RecordOutcome(TurnOutcomes.Failed);
                ChannelStoppedWaiting(activity);
                return;
            }
            catch (Exception ex)
            {
                await FailAsync(turnContext, ex, admitted: false);
                return;
            }

            switch (verdict)
            {
                case Verdict.Redelivery:
                    turnContext.RecordOutcome(TurnOutcomes.Redelivered);
                    await RespondToInvokeAsync(turnContext, AdmissionResponses.Redelivery());
                    return;
                case Verdict.OverLimit or Verdict.Notice:
                    turnContext.RecordOutcome(TurnOutcomes.Refused);
                    await RefuseOverLimitAsync(turnContext, notice: verdict == Verdict.Notice);
                    return;
            }

            await RunAsync(turnContext, next, held);
        }
    }

    /// <summary>Activities a person or channel sent; not the adapter's own proactive turns (continue or create a conversation), typing or traces.</summary>
    private static bool FromAChannel(IActivity activity) =>
        !string.IsNullOrEmpty(activity.Conversation?.Id) &&
        activity.Type is not (ActivityTypes.Typing or ActivityTypes.Trace) &&
        !(activity.Type == ActivityTypes.Event && activity.AsEventActivity().Name is ActivityEventNames.ContinueConversation or ActivityEventNames.CreateConversation);

    /// <summary>A failure that says nothing about the conversation's flow: the person keeps their step and can try again.</summary>
    private static bool KeepsTheStep(Exception exception) =>
        TransientDatabaseErrors.IsTransient(exception) || exception is StateConflictException or OperationCanceledException || HeldReplies.Undeliverable(exception);

    private static AdmissionState AdmissionOf(BotState.CachedBotState state)
    {
        var admission = state.State.TryGetValue(AdmissionProperty, out var value) ? value switch
        {
            AdmissionState ready => ready,
            null => new AdmissionState(),
            _ => JToken.FromObject(value).ToObject<AdmissionState>() ?? new AdmissionState(),
        } : new AdmissionState();
        state.State[AdmissionProperty] = admission;
        return admission;
    }

    private long NowMs() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Takes the conversation for this turn: waits while another instance's turn holds it, then records the activity
    /// and the rate count and writes the lease, all in one write with the ETag. Reads and waits end when the channel
    /// stops waiting; the write itself is not cut off by it (it is short, and the database work has its own deadline),
    /// so a lease that was written is always followed by the turn.
    /// </summary>
    private async Task<Verdict> AdmitAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var wait = TimeSpan.FromMilliseconds(20);
        for (var attempt = 1; ;)
        {
            await conversationState.LoadAsync(turnContext, force: true, cancellationToken);
            var state = conversationState.GetCachedState(turnContext);
            var admission = AdmissionOf(state);
            var now = NowMs();
            if (admission.LeasedByAnother(_instance, now))
            {
                Interlocked.Increment(ref _leaseWaits);
                logger.LogDebug("A turn of another instance holds a conversation in {ChannelId}; waiting {WaitMs} ms", activity.ChannelId, wait.TotalMilliseconds);
                await Task.Delay(wait, clock, cancellationToken);
                wait = TimeSpan.FromMilliseconds(Math.Min(500, wait.TotalMilliseconds * 2));
                continue;
            }

            if (admission.Seen(activity.Id))
            {
                return Verdict.Redelivery;
            }

            var rate = admission.Count(now, options.Value.MessagesPerMinute);
            if (rate == RateVerdict.Over)
            {
                // Nothing changed (see AdmissionState.Count): nothing is written for an activity that is dropped.
                return Verdict.OverLimit;
            }

            admission.FirstDelivery(activity.Id);
            if (rate == RateVerdict.Within)
            {
                if (!_lease)
                {
                    // The record of this delivery is saved with the turn's state, in its one commit.
                    return Verdict.Run;
                }

                admission.Lease(_instance, now + (long)LeaseDuration.TotalMilliseconds);
            }

            try
            {
                await conversationState.SaveChangesAsync(turnContext, force: false, CancellationToken.None);
                return rate == RateVerdict.Within ? Verdict.Run : Verdict.Notice;
            }
            catch (StateConflictException) when (attempt < MaxAttempts)
            {
                attempt++;
                Interlocked.Increment(ref _admissionRetries);
                logger.LogDebug("Admission of an activity in {ChannelId} met another instance's write; admitting again", activity.ChannelId);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 20)), clock, cancellationToken);
            }
        }
    }

    private async Task RunAsync(ITurnContext turnContext, NextDelegate next, HeldReplies held)
    {
        var writes = TurnWrites.Begin();
        using (var turn = new CancellationTokenSource(TurnDeadline, clock))
        {
            held.Hold();
            try
            {
                await next(turn.Token);
            }
            catch (Exception ex)
            {
                // What the failed turn would have said belongs to a turn whose state is not saved.
                held.Discard();
                await WriteLeftOversAsync(turnContext, writes);
                await FailAsync(turnContext, ex, admitted: true);
                return;
            }
        }

        using var completion = new CancellationTokenSource(CompletionDeadline, clock);
        try
        {
            await SaveTogetherAsync(turnContext, writes.Take(), completion.Token);
        }
        catch (Exception ex)
        {
            held.Discard();
            await FailAsync(turnContext, ex, admitted: true);
            return;
        }

        await held.ReleaseAsync(turnContext, completion.Token);
    }

    /// <summary>
    /// The end of a turn in one commit: the user's state, the conversation's state (which records the activity as
    /// handled and frees the conversation) and the writes the turn left to its end. When another writer came first,
    /// which the lease allows only after it ran out, the writes go on their own and each state is saved as
    /// <see cref="SaveAsync"/> does, merged with the newer one.
    /// </summary>
    private async Task SaveTogetherAsync(ITurnContext turnContext, IReadOnlyList<Func<DbConnection, DbTransaction, Task>> writes, CancellationToken cancellationToken)
    {
        if (conversationState.GetCachedState(turnContext) is { } conversation)
        {
            AdmissionOf(conversation).Release(_instance);
        }

        var batch = StateBatch.Begin();
        try
        {
            await userState.SaveChangesAsync(turnContext, force: false, cancellationToken);
            await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
            await batch.CommitAsync(store, writes, cancellationToken);
            return;
        }
        catch (StateConflictException)
        {
            // Nothing was written; saving one by one below meets the newer state again and merges (and counts) it.
        }
        finally
        {
            batch.Dispose();
        }

        await WriteAloneAsync(writes, cancellationToken);
        await SaveAsync(userState, turnContext, batch, cancellationToken);
        await SaveAsync(conversationState, turnContext, batch, cancellationToken);
    }

    /// <summary>
    /// The writes a failed turn left to its end: they record what happened anyway (the resident was here, how to reach
    /// them), so they are written on their own; when that fails too, the failure is logged.
    /// </summary>
    private async Task WriteLeftOversAsync(ITurnContext turnContext, TurnWrites writes)
    {
        using var completion = new CancellationTokenSource(CompletionDeadline, clock);
        try
        {
            await WriteAloneAsync(writes.Take(), completion.Token);
        }
        catch (Exception ex) when (ex is DbException or OperationCanceledException || TransientDatabaseErrors.IsTransient(ex))
        {
            logger.LogWarning(ex, "Could not write what a failed turn in {ChannelId} left to its end", turnContext.Activity.ChannelId);
        }
    }

    /// <summary>The writes a turn left to its end, in a transaction of their own (none when there are none).</summary>
    private Task WriteAloneAsync(IReadOnlyList<Func<DbConnection, DbTransaction, Task>> writes, CancellationToken cancellationToken) =>
        writes.Count == 0
            ? Task.CompletedTask
            : database.WriteAsync((connection, transaction) => TurnWrites.RunAsync(writes, connection, transaction), cancellationToken);

    /// <summary>
    /// Saves a state at the end of the turn (for the conversation: with the lease cleared). When another writer came
    /// first, which the lease allows only after it ran out, nothing runs again: the newer document is read, its
    /// admission records stay, this turn's own state goes on top, and that is saved. A document deleted meanwhile
    /// (erasure) stays deleted.
    /// </summary>
    private async Task SaveAsync(BotState state, ITurnContext turnContext, StateBatch unwritten, CancellationToken cancellationToken)
    {
        var cached = state.GetCachedState(turnContext);
        if (cached is null)
        {
            // Never read this turn, or deleted by it (erasure deletes the conversation's state, and with it the lease).
            return;
        }

        var conversation = ReferenceEquals(state, conversationState);
        if (conversation)
        {
            AdmissionOf(cached).Release(_instance);
        }

        // A state the batch collected counts as saved for the bot's own bookkeeping: it is written here all the same.
        var force = unwritten.Holds(cached.State);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.SaveChangesAsync(turnContext, force, cancellationToken);
                return;
            }
            catch (StateConflictException) when (attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _mergedSaves);
                logger.LogDebug("The end of a turn in {ChannelId} met another writer; its state is applied to the newer one", turnContext.Activity.ChannelId);
                var ours = new Dictionary<string, object>(cached.State, StringComparer.Ordinal);
                await state.LoadAsync(turnContext, force: true, cancellationToken);
                cached = state.GetCachedState(turnContext);
                if (!cached.State.ContainsKey(ETagProperty))
                {
                    logger.LogInformation("The state of a conversation in {ChannelId} was deleted while a turn ran; it is not created again", turnContext.Activity.ChannelId);
                    return;
                }

                var newer = conversation ? AdmissionOf(cached) : null;
                foreach (var key in cached.State.Keys.Where(k => k != ETagProperty).ToList())
                {
                    cached.State.Remove(key);
                }

                foreach (var (key, value) in ours.Where(p => p.Key is not (ETagProperty or AdmissionProperty)))
                {
                    cached.State[key] = value;
                }

                if (newer is not null)
                {
                    AdmissionOf(new BotState.CachedBotState(ours)).MergeInto(newer, _instance);
                    cached.State[AdmissionProperty] = newer;
                }
            }
        }
    }

    /// <summary>
    /// The error policy of a turn, applied while the conversation is still held here: log, keep or clear the state,
    /// and tell the person. After a failure that says nothing about the flow the state stays as it was before the turn
    /// (the activity is forgotten, so the channel's retry of it runs); otherwise it is deleted, so a broken flow cannot
    /// trap anyone.
    /// </summary>
    private async Task FailAsync(ITurnContext turnContext, Exception exception, bool admitted)
    {
        turnContext.RecordOutcome(TurnOutcomes.Failed);
        var activity = turnContext.Activity;
        var kept = KeepsTheStep(exception);
        if (exception is OperationCanceledException)
        {
            logger.LogWarning(exception, "A turn of {ActivityType} in {ChannelId} ran past its deadline; the conversation's state is kept", activity.Type, activity.ChannelId);
        }
        else if (kept)
        {
            logger.LogWarning(exception, "A turn of {ActivityType} in {ChannelId} failed; the conversation's state is kept", activity.Type, activity.ChannelId);
        }
        else
        {
            logger.LogError(exception, "A turn of {ActivityType} in {ChannelId} failed; the conversation starts afresh", activity.Type, activity.ChannelId);
        }

        using var completion = new CancellationTokenSource(CompletionDeadline, clock);
        try
        {
            if (!kept)
            {
                await conversationState.DeleteAsync(turnContext, completion.Token);
            }
            else if (admitted && _lease)
            {
                await GiveBackAsync(turnContext, completion.Token);
            }
        }
        catch (Exception ex) when (ex is DbException or StateConflictException or OperationCanceledException || TransientDatabaseErrors.IsTransient(ex))
        {
            // The lease runs out by itself; this instance takes its own lease back at once.
            logger.LogWarning(ex, "Could not put the conversation's state back after a failed turn in {ChannelId}", activity.ChannelId);
        }

        IActivity reply;
        try
        {
            reply = await replies.TurnFailedAsync(turnContext, kept, completion.Token);
        }
        catch (Exception ex) when (TransientDatabaseErrors.IsTransient(ex) || ex is OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not prepare the answer to a failed turn in {ChannelId}", activity.ChannelId);
            return;
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            await RespondToInvokeAsync(turnContext, kept ? AdmissionResponses.TryAgainLater(reply.AsMessageActivity()?.Text) : AdmissionResponses.StartedAfresh(reply.AsMessageActivity()?.Text));
        }
        else if (activity.Type == ActivityTypes.Message)
        {
            await HeldReplies.DeliverAsync(turnContext, reply, logger, completion.Token);
        }
    }

    /// <summary>Clears this turn's lease and forgets its activity, on the state as it was before the turn.</summary>
    private async Task GiveBackAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await conversationState.LoadAsync(turnContext, force: true, cancellationToken);
            var state = conversationState.GetCachedState(turnContext);
            if (!state.State.ContainsKey(ETagProperty))
            {
                return;
            }

            var admission = AdmissionOf(state);
            admission.Forget(turnContext.Activity.Id);
            admission.Release(_instance);
            try
            {
                await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
                return;
            }
            catch (StateConflictException) when (attempt < 3)
            {
                logger.LogDebug("Giving back a conversation met another writer; trying again");
            }
        }
    }

    private async Task RefuseOverLimitAsync(ITurnContext turnContext, bool notice)
    {
        var state = conversationState.GetCachedState(turnContext);
        var wait = AdmissionOf(state).UntilWindowEnds(NowMs());
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            await RespondToInvokeAsync(turnContext, AdmissionResponses.TooManyRequests(wait));
            return;
        }

        if (!notice)
        {
            return;
        }

        using var completion = new CancellationTokenSource(CompletionDeadline, clock);
        IActivity reply;
        try
        {
            reply = await replies.TooManyMessagesAsync(turnContext, completion.Token);
        }
        catch (Exception ex) when (TransientDatabaseErrors.IsTransient(ex) || ex is OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not prepare the rate-limit notice in {ChannelId}", turnContext.Activity.ChannelId);
            return;
        }

        await HeldReplies.DeliverAsync(turnContext, reply, logger, completion.Token);
    }

    /// <summary>Hands the adapter the invoke response of a turn that admission answered itself.</summary>
    private static async Task RespondToInvokeAsync(ITurnContext turnContext, InvokeResponse response)
    {
        if (turnContext.Activity.Type == ActivityTypes.Invoke && turnContext.TurnState.Get<object>(BotAdapter.InvokeResponseKey) is null)
        {
            await turnContext.SendActivityAsync(new Activity(ActivityTypesEx.InvokeResponse) { Value = response });
        }
    }

    private void ChannelStoppedWaiting(IActivity activity) =>
        logger.LogDebug("The channel stopped waiting before a turn of {ActivityType} in {ChannelId} was admitted; nothing ran", activity.Type, activity.ChannelId);

    private enum Verdict
    {
        Run,
        Redelivery,
        Notice,
        OverLimit,
    }
}
