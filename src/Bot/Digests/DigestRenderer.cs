using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Proactive;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>
/// A scheduled digest, built when it is sent (the figures are those of the send, charts are published then): the
/// card, or one short line when nothing happened in the period. Skipped when the conversation stopped following
/// the digest's neighbourhoods since it was enqueued.
/// </summary>
public sealed class DigestRenderer(DigestCards cards, ITeamsStore teams, NeighbourhoodCatalog neighbourhoods) : IProactiveRenderer
{
    public NotificationKind Kind => NotificationKind.Digest;

    public async Task<Rendering> RenderAsync(ProactiveContext context, CancellationToken cancellationToken)
    {
        if (NotificationPayloads.Read<DigestPayload>(context.Notification.Payload) is not { NeighbourhoodIds.Count: > 0 } payload)
        {
            return Rendering.Skip("The payload is not a digest.");
        }

        var followed = (await teams.SubscriptionsOfAsync(context.Notification.Recipient.Id, cancellationToken)).Select(s => s.NeighbourhoodId).ToHashSet(StringComparer.Ordinal);
        var neighbourhoodIds = payload.NeighbourhoodIds.Where(followed.Contains).ToList();
        if (neighbourhoodIds.Count == 0)
        {
            return Rendering.Skip("The conversation no longer follows these neighbourhoods.");
        }

        var (digest, card) = await cards.DigestAsync(new DigestFilter(neighbourhoodIds, payload.ThemeIds), payload.ToPeriod(), cancellationToken);
        if (digest.IsEmpty)
        {
            var places = string.Join(" en ", neighbourhoodIds.Select(id => neighbourhoods.Find(id)?.Name ?? id));
            var line = MessageFactory.Text(DigestTexts.NothingNew(digest, places));
            line.TextFormat = TextFormatTypes.Plain;
            return Rendering.Send(line);
        }

        var message = MessageFactory.Attachment(new Attachment(PromptCard.ContentType, content: card));
        message.Summary = DigestTexts.Title(digest.Period.Kind, string.Join(" en ", neighbourhoodIds.Select(id => neighbourhoods.Find(id)?.Name ?? id)));
        return Rendering.Send(message);
    }
}
