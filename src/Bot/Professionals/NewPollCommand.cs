using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Professionals;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// "peiling nieuw": the programme manager's form for a poll on an agenda item (question, neighbourhoods, closing
/// date and time in Amsterdam, comment allowed). Every field is checked with a message under it and nothing typed is
/// lost; the submitted card is replaced by what was created, and a second submit of the same form creates nothing.
/// </summary>
public sealed class NewPollCommand(PollService polls, FormSubmissions forms, NeighbourhoodCatalog neighbourhoods, TimeProvider clock) : IProfessionalCommand
{
    public const string FormAction = "pro.poll.new";
    public const string SubmitAction = "pro.poll.new.submit";
    public const int MaxAgendaItem = 400;
    public const int MaxQuestion = 800;

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.PollNew];

    public IReadOnlyCollection<string> Actions { get; } = [FormAction, SubmitAction];

    public bool ProgrammeManagersOnly => true;

    public Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken) =>
        turn.SendAsync(Form(neighbourhoods, turn.Texts, Ids.New(), null, null, clock.GetUtcNow()), cancellationToken);

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        if (action == FormAction)
        {
            await turn.SendAsync(Form(neighbourhoods, turn.Texts, Ids.New(), null, null, clock.GetUtcNow()), cancellationToken);
            return;
        }

        var texts = turn.Texts;
        var formId = turn.Value(TeamsCard.FormKey, 64) ?? Ids.New();
        var fields = new FormFields(turn);
        var agenda = fields.Text("agendaItem", MaxAgendaItem);
        var question = fields.Text("question", MaxQuestion);
        var chosen = (fields.Raw("neighbourhoods") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(neighbourhoods.Find).ToList();
        if (chosen.Count == 0 || chosen.Any(n => n is null))
        {
            fields.Fail("neighbourhoods", texts.ChooseNeighbourhood);
        }

        var date = fields.Date("closesDate");
        var time = fields.Time("closesTime");
        var closes = date is { } d && time is { } t ? FormFields.Amsterdam(d, t) : (DateTimeOffset?)null;
        var now = clock.GetUtcNow();
        if (closes is not null && closes <= now)
        {
            fields.Fail("closesDate", texts.InThePast);
        }

        if (!fields.Valid)
        {
            await turn.UpdateCardAsync(Form(neighbourhoods, texts, formId, turn.Values, fields, now), cancellationToken);
            return;
        }

        var (claim, resultId) = await forms.ClaimAsync(formId, "poll", turn.Actor, cancellationToken);
        if (claim != FormClaim.Claimed)
        {
            var earlier = resultId is null ? null : await polls.GetAsync(resultId, cancellationToken);
            await turn.UpdateCardAsync(earlier is null ? new TeamsCard(texts.AlreadySubmitted).Text(texts.AlreadySubmitted).Build() : Created(texts, earlier, texts.AlreadySubmitted), cancellationToken);
            return;
        }

        Poll poll;
        try
        {
            var allowComment = turn.Value("allowComment", 5) != "false";
            poll = await polls.CreateAsync(agenda!, question!, allowComment, chosen.Select(n => n!.Id).Distinct().ToList(), now, closes!.Value, turn.Actor, cancellationToken: cancellationToken);
        }
        catch (RuleViolation violation) when (violation.Code is RuleCode.InvalidInput or RuleCode.UnknownNeighbourhood)
        {
            await forms.ReleaseAsync(formId, cancellationToken);
            fields.Fail("question", violation.Message);
            await turn.UpdateCardAsync(Form(neighbourhoods, texts, formId, turn.Values, fields, now), cancellationToken);
            return;
        }

        await forms.CompleteAsync(formId, poll.Id, cancellationToken);
        await turn.UpdateCardAsync(Created(texts, poll, texts.Format(texts.PollCreated, string.Join(", ", poll.NeighbourhoodIds.Select(id => neighbourhoods.Find(id)?.Name ?? id)))), cancellationToken);
    }

    /// <summary>The form: empty, or with what was typed and a message under each field that needs fixing.</summary>
    public static JObject Form(NeighbourhoodCatalog neighbourhoods, ProfessionalTexts texts, string formId, JObject? typed, FormFields? fields, DateTimeOffset now)
    {
        string? Typed(string key) => typed?[key] is JValue { Value: not null } v ? v.ToString() : null;
        var defaultDate = DateOnly.FromDateTime(Core.Meetings.AmsterdamTime.ToLocal(now).Date.AddDays(14)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var card = new TeamsCard(texts.NewPollTitle).Heading(texts.NewPollTitle);
        if (fields is { Valid: false })
        {
            card.Error(texts.FixTheForm);
        }

        return card
            .InputText("agendaItem", texts.AgendaItem, Typed("agendaItem"), MaxAgendaItem, error: fields?.Error("agendaItem"))
            .InputText("question", texts.Question, Typed("question"), MaxQuestion, multiline: true, error: fields?.Error("question"))
            .Choices("neighbourhoods", texts.Neighbourhoods, neighbourhoods.All.Select(n => (n.Id, n.Name)),
                (Typed("neighbourhoods") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), multiSelect: true, fields?.Error("neighbourhoods"))
            .InputDate("closesDate", texts.ClosingDate, typed is null ? defaultDate : Typed("closesDate"), fields?.Error("closesDate"))
            .InputTime("closesTime", texts.ClosingTime, typed is null ? "23:59" : Typed("closesTime"), fields?.Error("closesTime"))
            .Toggle("allowComment", texts.AllowComment, Typed("allowComment") != "false")
            .Action(texts.CreatePoll, TeamsCard.Data(SubmitAction, (TeamsCard.FormKey, formId)))
            .Build();
    }

    private JObject Created(ProfessionalTexts texts, Poll poll, string lead) =>
        new TeamsCard(lead + "\n" + poll.Question).Text(lead).Text(poll.AgendaItem, subtle: true).Quote(poll.Question)
            .Fact(texts.Neighbourhoods, string.Join(", ", poll.NeighbourhoodIds.Select(id => neighbourhoods.Find(id)?.Name ?? id)))
            .Fact(texts.OpenUntil, texts.When(poll.ClosesAt))
            .Action(texts.Results, TeamsCard.Data(PollsCommand.ResultsAction, ("poll", poll.Id)))
            .Build();
}
