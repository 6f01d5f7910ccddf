using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Ideas;
using VeerkrachtBot.Bot.Meetings;
using VeerkrachtBot.Bot.Polls;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;
using Fact = VeerkrachtBot.Bot.Prompts.Fact;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>One notification about to be sent: to which channel, and in which language.</summary>
public sealed record ProactiveContext(Notification Notification, string ChannelId, BotTexts Texts);

/// <summary>The message to send, or why it is not sent (the item is over, consent was withdrawn).</summary>
public sealed record Rendering(IMessageActivity? Message, string? SkipReason)
{
    public static Rendering Send(IMessageActivity message) => new(message, null);

    public static Rendering Skip(string reason) => new(null, reason);
}

/// <summary>
/// Turns one kind of notification into the message the recipient sees, at send time and in their language, from
/// the channel-neutral payload and the current data. A feature that adds a kind (the digests) adds a renderer.
/// </summary>
public interface IProactiveRenderer
{
    NotificationKind Kind { get; }

    Task<Rendering> RenderAsync(ProactiveContext context, CancellationToken cancellationToken);
}

/// <summary>"There is news about your idea": the status and the professional's explanation, with "My ideas" to see all.</summary>
public sealed class IdeaStatusRenderer(IdeaService ideas) : IProactiveRenderer
{
    public NotificationKind Kind => NotificationKind.IdeaStatus;

    public async Task<Rendering> RenderAsync(ProactiveContext context, CancellationToken cancellationToken)
    {
        if (NotificationPayloads.Read<IdeaStatusPayload>(context.Notification.Payload) is not { } payload)
        {
            return Rendering.Skip("The payload is not an idea status.");
        }

        if (await ideas.GetAsync(payload.IdeaId, cancellationToken) is not { } idea || idea.ResidentId != context.Notification.Recipient.Id)
        {
            return Rendering.Skip("The idea is no longer the resident's.");
        }

        var texts = context.Texts;
        var notices = NoticeTexts.For(texts.Language);
        var facts = new List<Fact> { new(texts.Ideas.Status, texts.Ideas.StatusLabels[payload.Status]) };
        if (payload.Explanation is { } explanation)
        {
            facts.Add(new Fact(texts.Ideas.Explanation, explanation));
        }

        return Rendering.Send(Replies.Render(context.ChannelId, texts, new Prompt(texts.Format(notices.IdeaNews, IdeaFlow.Shorten(idea.Analysis.RedactedText, IdeaFlow.QuoteLength)))
        {
            Sections = [new Section(null) { Facts = facts }, new Section(null) { Lines = [notices.IdeaNewsHint] }],
            // The resident can say what they think of what happens now; counted once per status (Pulse/EvaluationFlow).
            Choices =
            [
                new(Pulse.PulseTexts.For(texts.Language).EvaluateButton, Pulse.EvaluationFlow.AskAction(Core.Evaluations.EvaluationSubject.IdeaStatus,
                    Core.Evaluations.Evaluation.IdeaStatusSubject(idea.Id, payload.Status))),
                new(texts.MyIdeas, BotAction.Of(Conversations.Actions.MyIdeas)),
            ],
        }));
    }
}

/// <summary>"Good news, a place became free": the meeting, when, and the party the place is for.</summary>
public sealed class PromotionRenderer(MeetingService meetings) : IProactiveRenderer
{
    public NotificationKind Kind => NotificationKind.WaitingListPromotion;

    public async Task<Rendering> RenderAsync(ProactiveContext context, CancellationToken cancellationToken)
    {
        if (NotificationPayloads.Read<PromotionPayload>(context.Notification.Payload) is not { } payload
            || await meetings.GetAsync(payload.MeetingId, cancellationToken) is not { } meeting)
        {
            return Rendering.Skip("The meeting is gone.");
        }

        if (!meetings.IsOpenForAnswers(meeting))
        {
            return Rendering.Skip("The meeting has started.");
        }

        if ((await meetings.RsvpOfAsync(meeting.Id, context.Notification.Recipient.Id, cancellationToken))?.Status != RsvpStatus.Confirmed)
        {
            return Rendering.Skip("The resident no longer holds the place (cancelled since).");
        }

        var texts = context.Texts;
        return Rendering.Send(Replies.Render(context.ChannelId, texts,
            new Prompt(texts.Format(texts.Meetings.Promoted, meeting.Title, Dates.Range(texts, meeting.StartsAt, meeting.EndsAt), texts.PartyOf(payload.PartySize)))
            {
                Choices = [new(NoticeTexts.For(texts.Language).ViewMeeting, MeetingFlow.DetailsAction(meeting.Id))],
            }));
    }
}

/// <summary>A new meeting or poll in the resident's neighbourhood, for residents who asked for news (checked again at send time).</summary>
public sealed class AnnouncementRenderer(MeetingService meetings, PollService polls, ResidentService residents, NeighbourhoodCatalog neighbourhoods, TimeProvider clock) : IProactiveRenderer
{
    public NotificationKind Kind => NotificationKind.Announcement;

    public async Task<Rendering> RenderAsync(ProactiveContext context, CancellationToken cancellationToken)
    {
        var residentId = context.Notification.Recipient.Id;
        if (NotificationPayloads.Read<AnnouncementPayload>(context.Notification.Payload) is not { } payload)
        {
            return Rendering.Skip("The payload is not an announcement.");
        }

        if (!await residents.HasConsentAsync(residentId, ConsentKind.News, cancellationToken))
        {
            return Rendering.Skip("The resident no longer asks for news.");
        }

        var texts = context.Texts;
        var notices = NoticeTexts.For(texts.Language);
        var why = new Section(null) { Lines = [notices.WhyNews] };
        if (payload.Item == AnnouncedItem.Meeting)
        {
            if (await meetings.GetAsync(payload.Id, cancellationToken) is not { } meeting || !meetings.IsOpenForAnswers(meeting))
            {
                return Rendering.Skip("The meeting is gone or has started.");
            }

            return Rendering.Send(Replies.Render(context.ChannelId, texts,
                new Prompt(texts.Format(notices.MeetingAnnounced, neighbourhoods.Find(meeting.NeighbourhoodId)?.Name ?? meeting.NeighbourhoodId, meeting.Title))
                {
                    Sections =
                    [
                        new Section(null)
                        {
                            Facts = [new(texts.Meetings.When, Dates.Range(texts, meeting.StartsAt, meeting.EndsAt)), new(texts.Meetings.Where, meeting.Place)],
                        },
                        why,
                    ],
                    Choices = [new(texts.Format(texts.Meetings.View, meeting.Title), MeetingFlow.DetailsAction(meeting.Id))],
                }));
        }

        if (await polls.GetAsync(payload.Id, cancellationToken) is not { } poll || !poll.IsOpenAt(clock.GetUtcNow()))
        {
            return Rendering.Skip("The poll is closed or gone.");
        }

        if (await polls.AnswerOfAsync(poll.Id, residentId, cancellationToken) is not null)
        {
            return Rendering.Skip("The resident answered the poll already.");
        }

        return Rendering.Send(Replies.Render(context.ChannelId, texts, new Prompt(notices.PollAnnounced)
        {
            Sections =
            [
                new Section($"{texts.Polls.AgendaItem}: {poll.AgendaItem}")
                {
                    Lines = [poll.Question, texts.Format(texts.Polls.ClosesOn, Dates.Day(texts, poll.ClosesAt), Dates.Time(texts, poll.ClosesAt))],
                },
                why,
            ],
            Choices = [new(texts.Polls.Answer, PollFlow.ShowAction(poll.Id))],
        }));
    }
}

/// <summary>A text as it was enqueued (notices to a Teams conversation).</summary>
public sealed class TextRenderer : IProactiveRenderer
{
    public NotificationKind Kind => NotificationKind.Text;

    public Task<Rendering> RenderAsync(ProactiveContext context, CancellationToken cancellationToken)
    {
        if (NotificationPayloads.Read<TextPayload>(context.Notification.Payload) is not { Text.Length: > 0 } payload)
        {
            return Task.FromResult(Rendering.Skip("The payload has no text."));
        }

        var message = MessageFactory.Text(payload.Text);
        message.TextFormat = TextFormatTypes.Plain;
        return Task.FromResult(Rendering.Send(message));
    }
}
