using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>
/// The admission of every turn that comes from a channel, for any bot behind the adapter: normalises what the
/// person sent, drops a redelivered activity, keeps the per-conversation rate limit (one notice, then silence
/// for the rest of the minute), runs the turns of one conversation one at a time on this instance, and saves the
/// conversation's state at the end. Replies are held back until that save succeeded: when another instance
/// changed the state in between (an ETag conflict), the whole turn runs again on the fresh state and only its
/// replies are sent, so a step is never lost and nothing is said twice. Typing indicators go out at once.
/// </summary>
public sealed class TurnAdmission(
    ConversationState conversationState,
    UserState userState,
    ConversationLocks locks,
    IAdmissionReplies replies,
    TimeProvider clock,
    IOptions<BotOptions> options,
    ILogger<TurnAdmission> logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>
    /// Runs of one turn before a conflict is given up. Two instances racing for one conversation each win about
    /// half of the rounds, so twenty losses in a row do not happen in practice.
    /// </summary>
    public const int MaxAttempts = 20;

    private readonly IStatePropertyAccessor<AdmissionState> _admission = conversationState.CreateProperty<AdmissionState>("Admission");
    private long _reruns;

    /// <summary>Turns run again because another instance changed their conversation's state first (for tests and diagnostics).</summary>
    public long Reruns => Interlocked.Read(ref _reruns);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        if (!FromAChannel(activity))
        {
            await next(cancellationToken);
            return;
        }

        IncomingActivity.Normalize(activity);
        var outgoing = new HeldReplies();
        turnContext.OnSendActivities(outgoing.HandleAsync);
        using var turn = await locks.AcquireAsync($"{activity.ChannelId}/conversations/{activity.Conversation.Id}", cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            outgoing.Hold();
            try
            {
                if (attempt > 1)
                {
                    await conversationState.LoadAsync(turnContext, force: true, cancellationToken);
                    if (!string.IsNullOrEmpty(activity.From?.Id))
                    {
                        await userState.LoadAsync(turnContext, force: true, cancellationToken);
                    }
                }

                await RunAsync(turnContext, next, cancellationToken);

                // The conversation's state last: it records the activity as handled, so a conflict on the user's
                // state cannot leave a turn that counts as done but whose replies were never sent.
                await userState.SaveChangesAsync(turnContext, force: false, cancellationToken);
                await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
                await outgoing.ReleaseAsync(turnContext, cancellationToken);
                return;
            }
            catch (StateConflictException) when (attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _reruns);
                logger.LogDebug("Turn {Attempt} of an activity in {ChannelId} met another instance's change; running it again", attempt, activity.ChannelId);
                await Task.Delay(Random.Shared.Next(2, 20), cancellationToken);
            }
            catch (Exception)
            {
                // The turn failed: what it would have said belongs to a turn whose state was not saved. The
                // adapter's error handler speaks next, and that must go out.
                outgoing.Discard();
                throw;
            }
        }
    }

    /// <summary>Activities a person or channel sent; not the adapter's own proactive turns (continue or create a conversation), typing or traces.</summary>
    private static bool FromAChannel(IActivity activity) =>
        !string.IsNullOrEmpty(activity.Conversation?.Id) &&
        activity.Type is not (ActivityTypes.Typing or ActivityTypes.Trace) &&
        !(activity.Type == ActivityTypes.Event && activity.AsEventActivity().Name is ActivityEventNames.ContinueConversation or ActivityEventNames.CreateConversation);

    private async Task RunAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var admission = await _admission.GetAsync(turnContext, () => new AdmissionState(), cancellationToken);

        // A fresh copy from the database is not held by BotState: set it, so that this turn's counts are saved.
        await _admission.SetAsync(turnContext, admission, cancellationToken);
        if (!admission.FirstDelivery(turnContext.Activity.Id))
        {
            return;
        }

        switch (admission.Count(clock.GetUtcNow().ToUnixTimeMilliseconds(), options.Value.MessagesPerMinute))
        {
            case RateVerdict.Within:
                await next(cancellationToken);
                break;
            case RateVerdict.JustOver:
                await turnContext.SendActivityAsync(await replies.TooManyMessagesAsync(turnContext, cancellationToken), cancellationToken);
                break;
        }
    }

    /// <summary>Holds a turn's replies until its state is saved; typing indicators pass.</summary>
    private sealed class HeldReplies
    {
        private readonly List<Activity> _held = [];
        private bool _holding;

        public void Hold()
        {
            _held.Clear();
            _holding = true;
        }

        public void Discard()
        {
            _held.Clear();
            _holding = false;
        }

        public async Task ReleaseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            _holding = false;
            if (_held.Count > 0)
            {
                await turnContext.SendActivitiesAsync([.. _held], cancellationToken);
                _held.Clear();
            }
        }

        public async Task<ResourceResponse[]> HandleAsync(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next)
        {
            if (!_holding || activities.TrueForAll(a => a.Type == ActivityTypes.Typing))
            {
                return await next();
            }

            _held.AddRange(activities);
            return activities.Select(_ => new ResourceResponse(Guid.NewGuid().ToString("N"))).ToArray();
        }
    }
}
