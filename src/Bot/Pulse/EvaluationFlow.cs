using System.Globalization;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Polls;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Evaluations;
using VeerkrachtBot.Core.Language.Understanding;

namespace VeerkrachtBot.Bot.Pulse;

/// <summary>
/// Residents evaluate along: "Hoe was de bijeenkomst?" after a meeting they were going to (sent once, through the
/// outbox), and "Wat vind je van wat er nu gebeurt?" on news about their idea or a closed poll. 1–5 with a face, then
/// an optional comment (redacted before it is stored). The subject a button names is checked against the resident by
/// <see cref="EvaluationService"/>; answering again replaces the earlier answer.
/// </summary>
public sealed class EvaluationFlow(EvaluationService evaluations) : IResidentFlow
{
    public const string Ask = "Evaluate";
    public const string Score = "EvaluationScore";
    public const string NotThere = "EvaluationNotThere";
    public const string NoComment = "EvaluationNoComment";
    public const string CommentStep = "evaluation-comment";

    private const string KindArg = "kind";
    private const string IdArg = "id";
    private const string ScoreArg = "score";

    public IReadOnlyCollection<string> Actions { get; } = [Ask, Score, NotThere, NoComment];

    public IReadOnlyCollection<string> Steps { get; } = [CommentStep];

    /// <summary>The button that asks the resident's opinion of a subject (on news about their idea, a closed poll).</summary>
    public static BotAction AskAction(EvaluationSubject subject, string subjectId) => BotAction.Of(Ask, (KindArg, subject.ToString()), (IdArg, subjectId));

    /// <summary>The question with its answers, in a turn or as a message the bot starts.</summary>
    public static Prompt Question(BotTexts texts, EvaluationSubject subject, string subjectId, string? meetingTitle)
    {
        var pulseTexts = PulseTexts.For(texts.Language);
        var choices = Enumerable.Range(Evaluation.MinScore, Evaluation.MaxScore - Evaluation.MinScore + 1)
            .Select(s => new Choice(PollFlow.ScoreTitle(texts, s), BotAction.Of(Score, (KindArg, subject.ToString()), (IdArg, subjectId), (ScoreArg, s.ToString(CultureInfo.InvariantCulture)))))
            .ToList();
        if (subject == EvaluationSubject.Meeting)
        {
            choices.Add(new Choice(pulseTexts.NotThere, BotAction.Of(NotThere, (KindArg, subject.ToString()), (IdArg, subjectId))));
        }

        return new Prompt(subject == EvaluationSubject.Meeting ? texts.Format(pulseTexts.EvaluateMeeting, meetingTitle ?? "") : pulseTexts.EvaluateNow) { Choices = choices };
    }

    public async Task OnActionAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        if (!Enum.TryParse<EvaluationSubject>(action[KindArg], out var subject) || !Enum.IsDefined(subject) || action[IdArg] is not { Length: > 0 and <= Evaluation.MaxSubjectIdLength } subjectId
            || !await evaluations.MayEvaluateAsync(turn.Resident.Id, turn.Resident.NeighbourhoodId, subject, subjectId, cancellationToken))
        {
            turn.MenuOffer = null;
            await turn.MenuAsync(texts.CannotEvaluate, cancellationToken);
            return;
        }

        switch (action.Name)
        {
            case Score when int.TryParse(action[ScoreArg], NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= Evaluation.MinScore and <= Evaluation.MaxScore:
                var earlier = await evaluations.OfAsync(turn.Resident.Id, subject, subjectId, cancellationToken);
                await evaluations.EvaluateAsync(turn.Resident.Id, turn.Resident.NeighbourhoodId, subject, subjectId, score, earlier?.Comment, cancellationToken);
                turn.Flow.Await(CommentStep, (KindArg, subject.ToString()), (IdArg, subjectId));
                await turn.SendAsync(CommentPrompt(turn, turn.Texts.Format(texts.AskComment, Evaluation.MaxCommentLength)), cancellationToken);
                break;
            case NotThere:
                await turn.MenuAsync(texts.NotThereThanks, cancellationToken);
                break;
            case NoComment:
                await turn.MenuAsync(texts.EvaluationThanks, cancellationToken);
                break;
            default:
                turn.Flow.Clear();
                await turn.SendAsync(Question(turn.Texts, subject, subjectId, null), cancellationToken);
                break;
        }
    }

    public Task<ExpectedAnswer> ExpectAsync(ResidentTurn turn, CancellationToken cancellationToken) => Task.FromResult(new ExpectedAnswer(AnswerKind.Comment));

    public async Task OnAnswerAsync(ResidentTurn turn, TurnDecision answer, CancellationToken cancellationToken)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        if (!Enum.TryParse<EvaluationSubject>(turn.Flow[KindArg], out var subject) || turn.Flow[IdArg] is not { } subjectId || answer.Yes == false)
        {
            await turn.MenuAsync(texts.EvaluationThanks, cancellationToken);
            return;
        }

        var comment = answer.Text ?? "";
        if (comment.Length > Evaluation.MaxCommentLength)
        {
            await turn.SendAsync(CommentPrompt(turn, turn.Texts.Format(texts.CommentTooLong, Evaluation.MaxCommentLength)), cancellationToken);
            return;
        }

        try
        {
            await evaluations.CommentAsync(turn.Resident.Id, subject, subjectId, comment, cancellationToken);
        }
        catch (RuleViolation violation) when (violation.Code == RuleCode.InvalidInput)
        {
            // Redaction can lengthen a text a little ("[telefoonnummer]"): ask for a shorter one.
            await turn.SendAsync(CommentPrompt(turn, turn.Texts.Format(texts.CommentTooLong, Evaluation.MaxCommentLength)), cancellationToken);
            return;
        }

        await turn.MenuAsync(texts.EvaluationThanks, cancellationToken);
    }

    public Task RepeatAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken)
    {
        var ask = turn.Texts.Format(PulseTexts.For(turn.Texts.Language).AskComment, Evaluation.MaxCommentLength);
        return turn.SendAsync(CommentPrompt(turn, lead is null ? ask : lead + "\n\n" + ask), cancellationToken);
    }

    private static Prompt CommentPrompt(ResidentTurn turn, string lead)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        return new Prompt(lead)
        {
            Choices = [new(texts.NoComment, BotAction.Of(NoComment, (KindArg, turn.Flow[KindArg] ?? ""), (IdArg, turn.Flow[IdArg] ?? "")))],
        };
    }
}
