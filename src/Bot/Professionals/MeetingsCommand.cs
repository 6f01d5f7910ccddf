using System.Globalization;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>"bijeenkomsten": the coming meetings of every neighbourhood, each with sign-ups, waiting list, maybes, parties and places left.</summary>
public sealed class MeetingsCommand(MeetingService meetings, NeighbourhoodCatalog neighbourhoods) : IProfessionalCommand
{
    public const string ListAction = "pro.meetings";

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.Meetings];

    public IReadOnlyCollection<string> Actions { get; } = [ListAction];

    public bool ProgrammeManagersOnly => false;

    public Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken) => ListAsync(turn, cancellationToken);

    public Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken) => ListAsync(turn, cancellationToken);

    private async Task ListAsync(ProfessionalTurn turn, CancellationToken cancellationToken)
    {
        var list = new List<(Meeting Meeting, Attendance Attendance)>();
        foreach (var neighbourhood in neighbourhoods.All)
        {
            foreach (var meeting in await meetings.UpcomingAsync(neighbourhood.Id, 5, cancellationToken))
            {
                list.Add((meeting, await meetings.AttendanceAsync(meeting.Id, cancellationToken)));
            }
        }

        await turn.SendAsync(ListCard(neighbourhoods, turn.Texts, list.OrderBy(m => m.Meeting.StartsAt).ToList()), cancellationToken);
    }

    public static JObject ListCard(NeighbourhoodCatalog neighbourhoods, ProfessionalTexts texts, IReadOnlyList<(Meeting Meeting, Attendance Attendance)> list)
    {
        var card = new TeamsCard(texts.MeetingsTitle + "\n" + string.Join('\n', list.Select(m => m.Meeting.Title))).Heading(texts.MeetingsTitle);
        if (list.Count == 0)
        {
            card.Text(texts.NoMeetings);
        }

        foreach (var (meeting, attendance) in list)
        {
            card.Separator().Text(meeting.Title)
                .Fact(texts.Neighbourhood, neighbourhoods.Find(meeting.NeighbourhoodId)?.Name ?? meeting.NeighbourhoodId)
                .Fact(texts.StartDate, texts.When(meeting.StartsAt) + "–" + AmsterdamTime.ToLocal(meeting.EndsAt).ToString("HH:mm", CultureInfo.InvariantCulture))
                .Fact(texts.Place, meeting.Place)
                .Text(string.Join(" · ",
                    $"{texts.Confirmed}: {attendance.ConfirmedPlaces}",
                    $"{texts.Parties}: {attendance.ConfirmedResidents}",
                    $"{texts.Waiting}: {attendance.WaitingResidents}",
                    $"{texts.Maybe}: {attendance.MaybeResidents}",
                    $"{texts.PlacesLeft}: {Math.Max(0, attendance.Capacity - attendance.ConfirmedPlaces)} / {attendance.Capacity}"), spacing: "Small");
        }

        return card.Action(texts.NewMeetingTitle, TeamsCard.Data(NewMeetingCommand.FormAction)).Build();
    }
}
