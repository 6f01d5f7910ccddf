using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Proactive;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Evaluations;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Reports;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Pulse;

/// <summary>
/// "Hoe was de bijeenkomst?": the evaluation question the bot starts, checked again at send time (the resident may
/// have cancelled, erased their data or answered already).
/// </summary>
public sealed class EvaluationRenderer(EvaluationService evaluations, IMeetingStore meetings, IResidentStore residents, PollResultsService polls, IOptions<ReportOptions> reportOptions) : IProactiveRenderer
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

        if (payload.Subject == EvaluationSubject.Poll)
        {
            return Rendering.Send(Replies.Render(context.ChannelId, context.Texts, await PollClosedAsync(context.Texts, payload.SubjectId, cancellationToken)));
        }

        var title = payload.Subject == EvaluationSubject.Meeting ? (await meetings.GetAsync(payload.SubjectId, cancellationToken))?.Title : null;
        var question = EvaluationFlow.Question(context.Texts, payload.Subject, payload.SubjectId, title);
        return Rendering.Send(Replies.Render(context.ChannelId, context.Texts, question with { Choices = [.. question.Choices, MainMenu.Back(context.Texts)] }));
    }

    /// <summary>
    /// "The question is closed": the outcome, shown only when at least the report's (public) minimum group size answered,
    /// and one button to say what they think of what happens now.
    /// </summary>
    private async Task<Prompt> PollClosedAsync(BotTexts texts, string pollId, CancellationToken cancellationToken)
    {
        var words = PulseTexts.For(texts.Language);
        var results = await polls.ResultsAsync(pollId, cancellationToken);
        var min = reportOptions.Value.MinGroupSize;
        var outcome = results.Respondents.Value is { } n && n >= min && results.Mean is { } mean
            ? texts.Format(words.PollOutcome, n, mean.Mean.ToString("0.0", texts.Culture))
            : texts.Format(words.PollTooFew, min);
        return new Prompt(texts.Format(words.PollClosed, results.Poll.Question))
        {
            Sections = [new Section(null) { Lines = [outcome] }],
            Question = words.EvaluateNow,
            Choices = [new(words.EvaluateButton, EvaluationFlow.AskAction(EvaluationSubject.Poll, pollId)), MainMenu.Back(texts)],
        };
    }
}

/// <summary>
/// Looks every minute for meetings that ended and polls that closed, and has their attendees and respondents asked what
/// they think (once per meeting or poll across all instances: the store claims each in the transaction that enqueues).
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
                    await evaluations.InviteAfterPollsAsync(stoppingToken);
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
