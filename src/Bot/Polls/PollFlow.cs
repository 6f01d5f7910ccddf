using System.Globalization;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Polls;

/// <summary>
/// Polls on the neighbourhood agenda: offered when a resident arrives, answered 1–5 with a face and a label
/// on each button (Input.Rating does not render in Web Chat), an optional comment, changeable while open.
/// </summary>
public sealed class PollFlow(PollService polls, NeighbourhoodCatalog neighbourhoods, Proactive.ResidentConversations reach, TimeProvider clock) : IResidentFlow
{
    public const string Show = "Poll";
    public const string Answer = "PollAnswer";
    public const string NoComment = "PollNoComment";
    public const string CommentStep = "poll-comment";

    private const string PollArg = "poll";
    private const string ScoreArg = "score";
    private const string ChangedArg = "changed";

    public IReadOnlyCollection<string> Actions { get; } = [Conversations.Actions.Polls, Show, Answer, NoComment];

    /// <summary>The button data that shows a poll (also on messages the bot starts).</summary>
    public static BotAction ShowAction(string pollId) => BotAction.Of(Show, (PollArg, pollId));

    public IReadOnlyCollection<string> Steps { get; } = [CommentStep];

    public async Task OnActionAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken)
    {
        if (action.Name == Conversations.Actions.Polls)
        {
            await ListAsync(turn, cancellationToken);
            return;
        }

        if (action[PollArg] is not { } pollId || await polls.GetAsync(pollId, cancellationToken) is not { } poll)
        {
            await turn.MenuAsync(turn.Texts.Polls.Gone, cancellationToken);
            return;
        }

        switch (action.Name)
        {
            case Answer when int.TryParse(action[ScoreArg], NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= Poll.MinScore and <= Poll.MaxScore:
                await AnswerAsync(turn, poll, score, cancellationToken);
                break;
            case NoComment when turn.Flow.Step == CommentStep && turn.Flow[PollArg] == poll.Id:
                // Whether the answer was new or changed is what this conversation saved, not what the button says.
                await ThankAsync(turn, poll, turn.Flow[ChangedArg] == "yes", cancellationToken);
                break;
            default:
                await ShowPollAsync(turn, poll, lead: null, cancellationToken);
                break;
        }
    }

    public Task<ExpectedAnswer> ExpectAsync(ResidentTurn turn, CancellationToken cancellationToken) => Task.FromResult(new ExpectedAnswer(AnswerKind.Comment));

    public async Task OnAnswerAsync(ResidentTurn turn, TurnDecision answer, CancellationToken cancellationToken)
    {
        if (turn.Flow[PollArg] is not { } pollId || await polls.GetAsync(pollId, cancellationToken) is not { } poll
            || !int.TryParse(turn.Flow[ScoreArg], NumberStyles.None, CultureInfo.InvariantCulture, out var score))
        {
            await turn.MenuAsync(turn.Texts.Polls.Gone, cancellationToken);
            return;
        }

        if (answer.Yes == false)
        {
            // "geen opmerking", "nee hoor": no comment.
            await ThankAsync(turn, poll, turn.Flow[ChangedArg] == "yes", cancellationToken);
            return;
        }

        var comment = answer.Text ?? "";
        if (comment.Length > PollService.MaxCommentLength)
        {
            await turn.SendAsync(CommentPrompt(turn, poll, turn.Texts.Format(turn.Texts.Polls.CommentTooLong, PollService.MaxCommentLength)), cancellationToken);
            return;
        }

        if (await SaveAsync(turn, poll, score, comment, cancellationToken) is not null)
        {
            await ThankAsync(turn, poll, turn.Flow[ChangedArg] == "yes", cancellationToken);
        }
    }

    public async Task RepeatAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken)
    {
        if (turn.Flow[PollArg] is not { } pollId || await polls.GetAsync(pollId, cancellationToken) is not { } poll)
        {
            await turn.MenuAsync(turn.Texts.Polls.Gone, cancellationToken);
            return;
        }

        var ask = turn.Texts.Format(turn.Texts.Polls.AskComment, PollService.MaxCommentLength);
        await turn.SendAsync(CommentPrompt(turn, poll, lead is null ? ask : lead + "\n\n" + ask), cancellationToken);
    }

    /// <summary>
    /// Shows the first open poll of the resident's neighbourhood they did not answer yet, under <paramref name="lead"/>
    /// (the welcome): one message with one question. False when there is none.
    /// </summary>
    public async Task<bool> OfferAsync(ResidentTurn turn, string lead, CancellationToken cancellationToken)
    {
        if (neighbourhoods.Find(turn.Resident.NeighbourhoodId) is not { } neighbourhood
            || await FirstUnansweredAsync(turn, neighbourhood.Id, exceptPollId: null, cancellationToken) is not { } poll)
        {
            return false;
        }

        await ShowPollAsync(turn, poll, lead + "\n\n" + turn.Texts.Polls.OnArrival, cancellationToken);
        return true;
    }

    private async Task ListAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        if (await NeighbourhoodPrompt.OfResidentOrAskAsync(turn, neighbourhoods, BotAction.Of(Conversations.Actions.Polls), cancellationToken) is not { } neighbourhood)
        {
            return;
        }

        var open = await polls.OpenForAsync(neighbourhood.Id, cancellationToken);
        if (open.Count == 1)
        {
            await ShowPollAsync(turn, open[0], lead: null, cancellationToken);
            return;
        }

        var sections = new List<Section>();
        foreach (var poll in open)
        {
            var mine = await polls.AnswerOfAsync(poll.Id, turn.Resident.Id, cancellationToken);
            sections.Add(new Section(poll.AgendaItem)
            {
                Lines = new[] { poll.Question, mine is null ? null : texts.Format(texts.Polls.YourAnswer, ScoreTitle(texts, mine.Score)) }.OfType<string>().ToList(),
                Choices = [new(mine is null ? texts.Polls.Answer : texts.Polls.ChangeAnswer, BotAction.Of(Show, (PollArg, poll.Id)))],
            });
        }

        turn.Flow.Clear();
        await turn.SendAsync(new Prompt(texts.Format(open.Count == 0 ? texts.Polls.None : texts.Polls.List, neighbourhood.Name))
        {
            Sections = sections,
            Choices = [MainMenu.Back(texts)],
        }, cancellationToken);
    }

    private async Task ShowPollAsync(ResidentTurn turn, Poll poll, string? lead, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        turn.Flow.Clear();
        if (!poll.IsOpenAt(clock.GetUtcNow()))
        {
            await turn.MenuAsync(texts.Polls.Closed, cancellationToken);
            return;
        }

        var mine = await polls.AnswerOfAsync(poll.Id, turn.Resident.Id, cancellationToken);
        var lines = new List<string> { poll.Question };
        if (poll.IsExample)
        {
            lines.Add(texts.Polls.Example);
        }

        lines.Add(texts.Format(texts.Polls.ClosesOn, Dates.Day(texts, poll.ClosesAt), Dates.Time(texts, poll.ClosesAt)));
        if (mine is not null)
        {
            lines.Add(texts.Format(texts.Polls.YourAnswer, ScoreTitle(texts, mine.Score)) + " " + texts.Polls.ChangeHint);
        }

        await turn.SendAsync(new Prompt(lead ?? poll.Question)
        {
            Sections = [new Section($"{texts.Polls.AgendaItem}: {WithoutExampleMark(poll)}") { Lines = lead is null ? lines.Skip(1).ToList() : lines }],
            Choices = Enumerable.Range(Poll.MinScore, Poll.MaxScore - Poll.MinScore + 1)
                .Select(score => new Choice(ScoreTitle(texts, score), BotAction.Of(Answer, (PollArg, poll.Id), (ScoreArg, score.ToString(CultureInfo.InvariantCulture)))))
                .Append(MainMenu.Back(texts))
                .ToList(),
        }, cancellationToken);
    }

    private async Task AnswerAsync(ResidentTurn turn, Poll poll, int score, CancellationToken cancellationToken)
    {
        // A changed score keeps the comment given before; the comment step may replace it.
        var earlier = await polls.AnswerOfAsync(poll.Id, turn.Resident.Id, cancellationToken);
        if (await SaveAsync(turn, poll, score, earlier?.Comment, cancellationToken) is not { } replaced)
        {
            return;
        }

        // When the poll closes the resident hears its outcome (Pulse/EvaluationRenderer): the bot remembers how to reach them.
        await reach.RememberAsync(turn.Resident.Id, turn.Context.Activity.GetConversationReference(), cancellationToken);

        if (!poll.AllowComment)
        {
            await ThankAsync(turn, poll, replaced, cancellationToken);
            return;
        }

        turn.Flow.Await(CommentStep, (PollArg, poll.Id), (ScoreArg, score.ToString(CultureInfo.InvariantCulture)), (ChangedArg, replaced ? "yes" : "no"));
        var ask = turn.Texts.Format(turn.Texts.Polls.AskComment, PollService.MaxCommentLength);
        await turn.SendAsync(CommentPrompt(turn, poll, earlier?.Comment is null ? ask : ask + "\n\n" + turn.Texts.Polls.EarlierCommentStays), cancellationToken);
    }

    /// <summary>Stores the answer; null (after telling the resident) when the poll is closed or gone.</summary>
    private async Task<bool?> SaveAsync(ResidentTurn turn, Poll poll, int score, string? comment, CancellationToken cancellationToken)
    {
        try
        {
            return await polls.RespondAsync(poll.Id, turn.Resident.Id, turn.Resident.NeighbourhoodId, score, comment, cancellationToken);
        }
        catch (RuleViolation violation) when (violation.Code is RuleCode.PollClosed or RuleCode.NotFound)
        {
            await turn.MenuAsync(violation.Code == RuleCode.PollClosed ? turn.Texts.Polls.Closed : turn.Texts.Polls.Gone, cancellationToken);
            return null;
        }
    }

    private async Task ThankAsync(ResidentTurn turn, Poll poll, bool changed, CancellationToken cancellationToken)
    {
        var thanks = changed ? turn.Texts.Polls.Changed : turn.Texts.Polls.Thanks;
        if (turn.Resident.NeighbourhoodId is { } neighbourhoodId && await FirstUnansweredAsync(turn, neighbourhoodId, poll.Id, cancellationToken) is { } next)
        {
            await ShowPollAsync(turn, next, thanks + "\n\n" + turn.Texts.Polls.Next, cancellationToken);
            return;
        }

        await turn.MenuAsync(thanks, cancellationToken);
    }

    private async Task<Poll?> FirstUnansweredAsync(ResidentTurn turn, string neighbourhoodId, string? exceptPollId, CancellationToken cancellationToken)
    {
        foreach (var poll in await polls.OpenForAsync(neighbourhoodId, cancellationToken))
        {
            if (poll.Id != exceptPollId && await polls.AnswerOfAsync(poll.Id, turn.Resident.Id, cancellationToken) is null)
            {
                return poll;
            }
        }

        return null;
    }

    private static Prompt CommentPrompt(ResidentTurn turn, Poll poll, string lead) => new(lead)
    {
        Choices = [new(turn.Texts.Polls.NoComment, BotAction.Of(NoComment, (PollArg, poll.Id)))],
    };

    /// <summary>An example poll says it is an example in a line of its own; its agenda item need not say it again.</summary>
    private static string WithoutExampleMark(Poll poll) =>
        poll.IsExample && poll.AgendaItem.StartsWith("Voorbeeld: ", StringComparison.Ordinal) ? poll.AgendaItem["Voorbeeld: ".Length..] : poll.AgendaItem;

    /// <summary>"🙂 Goed": the face and label of a score.</summary>
    public static string ScoreTitle(BotTexts texts, int score) => $"{PollTexts.Faces[score - 1]} {texts.Polls.Scores[score - 1]}";
}
