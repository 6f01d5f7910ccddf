using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Proactive;
using VeerkrachtBot.Core.Evaluations;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Pulse;

/// <summary>
/// "Hoe was de bijeenkomst?": the evaluation question the bot starts, checked again at send time (the resident may
/// have cancelled, erased their data or answered already).
/// </summary>
public sealed class EvaluationRenderer(EvaluationService evaluations, IMeetingStore meetings, IResidentStore residents) : IProactiveRenderer
{
    public NotificationKind Kind => NotificationKind.Evaluation;

    public async Task<Rendering> RenderAsync(ProactiveContext context, CancellationToken cancellationToken)
    {
        var residentId = context.Notification.Recipient.Id;
        if (NotificationPayloads.Read<EvaluationPayload>(context.Notification.Payload) is not { SubjectId.Length: > 0 } payload)
        {
            return Rendering.Skip("The payload is not an evaluation question.");
        }

        var neighbourhoodId = (await residents.FindAsync(residentId, cancellationToken))?.NeighbourhoodId;
        if (!await evaluations.MayEvaluateAsync(residentId, neighbourhoodId, payload.Subject, payload.SubjectId, cancellationToken))
        {
            return Rendering.Skip("The resident can no longer evaluate this.");
        }

        if (await evaluations.OfAsync(residentId, payload.Subject, payload.SubjectId, cancellationToken) is not null)
        {
            return Rendering.Skip("The resident evaluated this already.");
        }

        var title = payload.Subject == EvaluationSubject.Meeting ? (await meetings.GetAsync(payload.SubjectId, cancellationToken))?.Title : null;
        var question = EvaluationFlow.Question(context.Texts, payload.Subject, payload.SubjectId, title);
        return Rendering.Send(Replies.Render(context.ChannelId, context.Texts, question with { Choices = [.. question.Choices, MainMenu.Back(context.Texts)] }));
    }
}

/// <summary>
/// Looks every minute for meetings that ended and has their attendees asked how it was (once per meeting across all
/// instances: the store claims each meeting in the transaction that enqueues its questions).
/// </summary>
public sealed partial class EvaluationInvitationWorker(EvaluationService evaluations, TimeProvider clock, ILogger<EvaluationInvitationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await evaluations.InviteAfterMeetingsAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException || Core.Storage.TransientDatabaseErrors.IsTransient(ex))
                {
                    LogDatabaseUnavailable(ex);
                }

                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: each meeting's questions are one transaction, so they are enqueued or not at all.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The evaluation questions after meetings could not reach the database; it looks again")]
    private partial void LogDatabaseUnavailable(Exception exception);
}
