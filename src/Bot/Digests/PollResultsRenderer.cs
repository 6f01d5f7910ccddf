using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Proactive;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>
/// A closed poll's results card, built when it is sent (the final figures, the chart published then). A subscribed
/// conversation that stopped following the poll's neighbourhoods since it was enqueued is skipped; a programme manager
/// gets it whatever they follow.
/// </summary>
public sealed class PollResultsRenderer(DigestCards cards, IPollStore polls, ITeamsStore teams) : IProactiveRenderer
{
    public NotificationKind Kind => NotificationKind.PollResults;

    public async Task<Rendering> RenderAsync(ProactiveContext context, CancellationToken cancellationToken)
    {
        if (NotificationPayloads.Read<PollResultsPayload>(context.Notification.Payload) is not { PollId.Length: > 0 } payload)
        {
            return Rendering.Skip("The payload is not a poll's results.");
        }

        if (await polls.GetAsync(payload.PollId, cancellationToken) is not { } poll)
        {
            return Rendering.Skip("The poll is gone.");
        }

        if (!payload.ForProgrammeManager)
        {
            var followed = (await teams.SubscriptionsOfAsync(context.Notification.Recipient.Id, cancellationToken)).Select(s => s.NeighbourhoodId).ToHashSet(StringComparer.Ordinal);
            if (!payload.NeighbourhoodIds.Any(followed.Contains))
            {
                return Rendering.Skip("The conversation no longer follows the poll's neighbourhoods.");
            }
        }

        var card = await cards.PollResultsAsync(poll.Id, null, cancellationToken);
        var message = MessageFactory.Attachment(new Attachment(PromptCard.ContentType, content: card));
        message.Summary = "Uitslag peiling: " + poll.AgendaItem;
        return Rendering.Send(message);
    }
}
