using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>
/// Middleware for every activity a channel sends: the conversation talks to the bot, so it takes messages again when
/// it was marked inactive (blocked, removed, gone); and when the bot remembers how to reach this resident, it remembers
/// this conversation (a resident's reference stays current: a new web chat, another service URL). Two reads on most
/// turns; a write only when something changed.
/// </summary>
public sealed class ProactiveReach(INotificationOutbox outbox, ResidentConversations residentConversations, ResidentPseudonyms pseudonyms) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        if (FromAChannel(activity))
        {
            await outbox.ReactivateAsync(activity.ChannelId, activity.Conversation.Id, cancellationToken);

            // Teams is where professionals talk; residents are everyone else, known by the pseudonym of their channel user.
            if (activity.ChannelId != Channels.Msteams && activity.From?.Id is { Length: > 0 } userId && activity.From.Role != RoleTypes.Bot)
            {
                var residentId = await pseudonyms.ForAsync(activity.ChannelId, userId, cancellationToken);
                await residentConversations.RefreshAsync(residentId, activity.GetConversationReference(), cancellationToken);
            }
        }

        await next(cancellationToken);
    }

    /// <summary>Activities a person or channel sent (not typing); not the adapter's own proactive turns (continue or create a conversation).</summary>
    internal static bool FromAChannel(IActivity activity) =>
        !string.IsNullOrEmpty(activity.Conversation?.Id) && !string.IsNullOrEmpty(activity.ChannelId) &&
        activity.Type is not (ActivityTypes.Typing or ActivityTypes.Trace) &&
        !(activity.Type == ActivityTypes.Event && activity.AsEventActivity().Name is ActivityEventNames.ContinueConversation or ActivityEventNames.CreateConversation);
}
