using System.Globalization;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>"peilingen", "peiling resultaten", "peiling sluiten": the polls, their results (live in Teams) and closing one.</summary>
public sealed class PollsCommand(PollService polls, IPollStore store, RecentPolls recent, NeighbourhoodCatalog neighbourhoods, IAuditLog audit, TimeProvider clock) : IProfessionalCommand
{
    public const string ListAction = "pro.polls";
    public const string ResultsAction = "pro.poll.results";
    public const string CloseAction = "pro.poll.close";
    public const string CloseConfirmAction = "pro.poll.close.confirm";

    /// <summary>The Action.Execute verb of the results card's refresh.</summary>
    public const string RefreshVerb = "pollResults";

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.Polls, CommandKind.PollResults, CommandKind.PollClose];

    public IReadOnlyCollection<string> Actions { get; } = [ListAction, ResultsAction, CloseAction, CloseConfirmAction];

    public bool ProgrammeManagersOnly => false;

    public Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken) =>
        ListAsync(turn, cancellationToken);

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        if (action == ListAction)
        {
            await ListAsync(turn, cancellationToken);
            return;
        }

        var poll = turn.Value("poll", 64) is { } id ? await polls.GetAsync(id, cancellationToken) : null;
        if (poll is null)
        {
            await turn.SendTextAsync(turn.Texts.ChoiceGone, cancellationToken);
            return;
        }

        switch (action)
        {
            case ResultsAction:
                var card = await ResultsCardAsync(turn, poll.Id, cancellationToken);
                await (turn.Context.Activity.ReplyToId is not null && turn.Value("refresh", 5) == "1" ? turn.UpdateCardAsync(card!, cancellationToken) : turn.SendAsync(card!, cancellationToken));
                break;
            case CloseAction:
                await turn.SendAsync(new TeamsCard(turn.Texts.ClosePollConfirm).Text(turn.Texts.ClosePollConfirm).Quote(poll.Question)
                    .Action(turn.Texts.YesClose, TeamsCard.Data(CloseConfirmAction, ("poll", poll.Id))).Build(), cancellationToken);
                break;
            case CloseConfirmAction when !await turn.IsProgrammeManagerAsync(cancellationToken) && poll.CreatedBy != turn.Actor:
                await turn.SendTextAsync(turn.Texts.OnlyManagers, cancellationToken);
                break;
            case CloseConfirmAction:
                var wasOpen = poll.Status == PollStatus.Open;
                if (wasOpen)
                {
                    await polls.CloseAsync(poll.Id, turn.Actor, cancellationToken);
                }

                await turn.UpdateCardAsync(new TeamsCard(wasOpen ? turn.Texts.PollClosed : turn.Texts.PollAlreadyClosed)
                    .Text(wasOpen ? turn.Texts.PollClosed : turn.Texts.PollAlreadyClosed).Quote(poll.Question)
                    .Action(turn.Texts.Results, TeamsCard.Data(ResultsAction, ("poll", poll.Id))).Build(), cancellationToken);
                break;
        }
    }

    private async Task ListAsync(ProfessionalTurn turn, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        var list = await recent.ListAsync(10, cancellationToken);
        var now = clock.GetUtcNow();
        var card = new TeamsCard(texts.PollsTitle + "\n" + string.Join('\n', list.Select(p => p.Question))).Heading(texts.PollsTitle);
        if (list.Count == 0)
        {
            card.Text(texts.NoPolls);
        }

        foreach (var poll in list)
        {
            var open = poll.IsOpenAt(now);
            card.Separator().Text(poll.AgendaItem, subtle: true).Quote(poll.Question)
                .Fact(texts.Neighbourhoods, Names(neighbourhoods, poll.NeighbourhoodIds))
                .Fact(open ? texts.OpenUntil : texts.ClosedAt, texts.When(poll.Status == PollStatus.Closed || !open ? Min(poll.ClosesAt, now) : poll.ClosesAt));
            card.Buttons(open
                ? [(texts.Results, TeamsCard.Data(ResultsAction, ("poll", poll.Id))), (texts.ClosePoll, TeamsCard.Data(CloseAction, ("poll", poll.Id)))]
                : [(texts.Results, TeamsCard.Data(ResultsAction, ("poll", poll.Id)))]);
        }

        await turn.SendAsync(card.Action(texts.NewPollTitle, TeamsCard.Data(NewPollCommand.FormAction)).Build(), cancellationToken);
    }

    /// <summary>The results card, refreshed live in Teams (Action.Execute) while the poll is open; null when the poll is gone.</summary>
    public async Task<JObject?> ResultsCardAsync(ProfessionalTurn turn, string pollId, CancellationToken cancellationToken)
    {
        if (await polls.GetAsync(pollId, cancellationToken) is not { } poll)
        {
            return null;
        }

        var results = await store.ResultsAsync(poll.Id, cancellationToken);
        await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), turn.Actor, "poll.results", "poll", poll.Id), cancellationToken);
        return ResultsCard(neighbourhoods, turn.Texts, poll, results, clock.GetUtcNow(), turn.Context.Activity.From?.Id);
    }

    public static JObject ResultsCard(NeighbourhoodCatalog neighbourhoods, ProfessionalTexts texts, Poll poll, PollResults results, DateTimeOffset now, string? userId)
    {
        var card = new TeamsCard(texts.ResultsTitle + "\n" + poll.Question).Heading(texts.ResultsTitle).Text(poll.AgendaItem, subtle: true).Quote(poll.Question)
            .Fact(texts.Neighbourhoods, Names(neighbourhoods, poll.NeighbourhoodIds))
            .Fact(poll.IsOpenAt(now) ? texts.OpenUntil : texts.ClosedAt, texts.When(poll.IsOpenAt(now) ? poll.ClosesAt : Min(poll.ClosesAt, now)))
            .Fact(texts.Responses, results.Responses.ToString(CultureInfo.InvariantCulture))
            .Fact(texts.Average, results.Average is { } average ? average.ToString("0.0", texts.Culture) : "–")
            .Fact(texts.Comments, results.Comments.ToString(CultureInfo.InvariantCulture));
        var most = Math.Max(1, results.CountByScore.Values.DefaultIfEmpty(0).Max());
        for (var score = Poll.MinScore; score <= Poll.MaxScore; score++)
        {
            var count = results.CountByScore.GetValueOrDefault(score);
            var bar = new string('█', (int)Math.Round(10.0 * count / most)) + new string('░', 10 - (int)Math.Round(10.0 * count / most));
            card.Text($"{score}  {bar}  {count}", spacing: "None");
        }

        var data = TeamsCard.Data(ResultsAction, ("poll", poll.Id), ("refresh", "1"));
        if (poll.IsOpenAt(now) && userId is not null)
        {
            card.Refresh(RefreshVerb, new JObject { ["poll"] = poll.Id }, [userId]);
        }

        return card.Action(texts.Refresh, data).Build();
    }

    private static string Names(NeighbourhoodCatalog neighbourhoods, IEnumerable<string> ids) => string.Join(", ", ids.Select(id => neighbourhoods.Find(id)?.Name ?? id));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
