using System.Globalization;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Professionals;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// "bijeenkomst nieuw": a form for a neighbourhood meeting (neighbourhood, title, description, place, date, start and
/// end in Amsterdam, places, organiser's contact). Checked field by field, nothing typed is lost, updated in place,
/// and one form creates one meeting however often it is submitted.
/// </summary>
public sealed class NewMeetingCommand(MeetingService meetings, FormSubmissions forms, NeighbourhoodCatalog neighbourhoods, TimeProvider clock) : IProfessionalCommand
{
    public const string FormAction = "pro.meeting.new";
    public const string SubmitAction = "pro.meeting.new.submit";
    public const int MaxDescription = 2000;
    public const int MaxPlace = 400;
    public const int MaxOrganiser = 200;
    public const int MaxPlaces = 10_000;

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.MeetingNew];

    public IReadOnlyCollection<string> Actions { get; } = [FormAction, SubmitAction];

    public bool ProgrammeManagersOnly => false;

    public Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken) =>
        turn.SendAsync(Form(neighbourhoods, turn.Texts, Ids.New(), null, null), cancellationToken);

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        if (action == FormAction)
        {
            await turn.SendAsync(Form(neighbourhoods, turn.Texts, Ids.New(), null, null), cancellationToken);
            return;
        }

        var texts = turn.Texts;
        var formId = turn.Value(TeamsCard.FormKey, 64) ?? Ids.New();
        var fields = new FormFields(turn);
        var neighbourhood = neighbourhoods.Find(fields.Raw("neighbourhood"));
        if (neighbourhood is null)
        {
            fields.Fail("neighbourhood", texts.ChooseNeighbourhood);
        }

        var title = fields.Text("title", MeetingService.MaxTitleLength);
        var description = fields.Text("description", MaxDescription, required: false) ?? "";
        var place = fields.Text("place", MaxPlace);
        var date = fields.Date("date");
        var start = fields.Time("start");
        var end = fields.Time("end");
        var capacity = fields.Number("places", 1, MaxPlaces, texts.AtLeastOnePlace);
        var organiser = fields.Text("organiser", MaxOrganiser);
        var now = clock.GetUtcNow();
        DateTimeOffset? startsAt = date is { } d && start is { } s ? FormFields.Amsterdam(d, s) : null;
        DateTimeOffset? endsAt = date is { } d2 && end is { } e ? FormFields.Amsterdam(d2, e) : null;
        if (startsAt is not null && startsAt <= now)
        {
            fields.Fail("date", texts.InThePast);
        }

        if (startsAt is not null && endsAt is not null && endsAt <= startsAt)
        {
            fields.Fail("end", texts.EndBeforeStart);
        }

        if (!fields.Valid)
        {
            await turn.UpdateCardAsync(Form(neighbourhoods, texts, formId, turn.Values, fields), cancellationToken);
            return;
        }

        var (claim, resultId) = await forms.ClaimAsync(formId, "meeting", turn.Actor, cancellationToken);
        if (claim != FormClaim.Claimed)
        {
            var earlier = resultId is null ? null : await meetings.GetAsync(resultId, cancellationToken);
            await turn.UpdateCardAsync(earlier is null ? new TeamsCard(texts.AlreadySubmitted).Text(texts.AlreadySubmitted).Build() : Planned(texts, earlier, texts.AlreadySubmitted), cancellationToken);
            return;
        }

        Meeting meeting;
        try
        {
            meeting = await meetings.PlanAsync(neighbourhood!.Id, title!, description, place!, startsAt!.Value, endsAt!.Value, capacity!.Value, organiser!,
                plannedBy: turn.Actor, cancellationToken: cancellationToken);
        }
        catch (RuleViolation violation) when (violation.Code is RuleCode.InvalidInput or RuleCode.UnknownNeighbourhood)
        {
            await forms.ReleaseAsync(formId, cancellationToken);
            fields.Fail("title", violation.Message);
            await turn.UpdateCardAsync(Form(neighbourhoods, texts, formId, turn.Values, fields), cancellationToken);
            return;
        }

        await forms.CompleteAsync(formId, meeting.Id, cancellationToken);
        await turn.UpdateCardAsync(Planned(texts, meeting, texts.Format(texts.MeetingPlanned, neighbourhood.Name)), cancellationToken);
    }

    public static JObject Form(NeighbourhoodCatalog neighbourhoods, ProfessionalTexts texts, string formId, JObject? typed, FormFields? fields)
    {
        string? Typed(string key) => typed?[key] is JValue { Value: not null } v ? v.ToString() : null;
        var card = new TeamsCard(texts.NewMeetingTitle).Heading(texts.NewMeetingTitle);
        if (fields is { Valid: false })
        {
            card.Error(texts.FixTheForm);
        }

        var chosen = Typed("neighbourhood");
        return card
            .Choices("neighbourhood", texts.Neighbourhood, neighbourhoods.All.Select(n => (n.Id, n.Name)), chosen is null ? [] : [chosen], multiSelect: false, fields?.Error("neighbourhood"))
            .InputText("title", texts.Title, Typed("title"), MeetingService.MaxTitleLength, error: fields?.Error("title"))
            .InputText("description", texts.Description, Typed("description"), MaxDescription, multiline: true, error: fields?.Error("description"))
            .InputText("place", texts.Place, Typed("place"), MaxPlace, error: fields?.Error("place"))
            .InputDate("date", texts.StartDate, Typed("date"), fields?.Error("date"))
            .InputTime("start", texts.StartTime, Typed("start"), fields?.Error("start"))
            .InputTime("end", texts.EndTime, Typed("end"), fields?.Error("end"))
            .InputNumber("places", texts.Places, Typed("places") ?? "20", 1, MaxPlaces, fields?.Error("places"))
            .InputText("organiser", texts.OrganiserContact, Typed("organiser"), MaxOrganiser, error: fields?.Error("organiser"))
            .Action(texts.PlanMeeting, TeamsCard.Data(SubmitAction, (TeamsCard.FormKey, formId)))
            .Build();
    }

    private JObject Planned(ProfessionalTexts texts, Meeting meeting, string lead) =>
        new TeamsCard(lead + "\n" + meeting.Title).Text(lead).Heading(meeting.Title)
            .Fact(texts.Neighbourhood, neighbourhoods.Find(meeting.NeighbourhoodId)?.Name ?? meeting.NeighbourhoodId)
            .Fact(texts.StartDate, texts.When(meeting.StartsAt) + "–" + AmsterdamTime.ToLocal(meeting.EndsAt).ToString("HH:mm", CultureInfo.InvariantCulture))
            .Fact(texts.Place, meeting.Place)
            .Fact(texts.Places, meeting.Capacity.ToString(CultureInfo.InvariantCulture))
            .Action(texts.MeetingsTitle, TeamsCard.Data(MeetingsCommand.ListAction))
            .Build();
}
