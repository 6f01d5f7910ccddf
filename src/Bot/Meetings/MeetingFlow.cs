using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Bot.Meetings;

/// <summary>
/// Meetings of the resident's neighbourhood: the list, details, RSVP yes / maybe / no with party size, the
/// waiting list when full, change or cancel, and a calendar file.
/// </summary>
public sealed class MeetingFlow(MeetingService meetings, RsvpService rsvps, NeighbourhoodCatalog neighbourhoods, PublicUrls urls, Proactive.ResidentConversations reach,
    Microsoft.Bot.Builder.UserState userState) : IResidentFlow
{
    private readonly Microsoft.Bot.Builder.IStatePropertyAccessor<OfferedMeetings> _offered = userState.CreateProperty<OfferedMeetings>(nameof(OfferedMeetings));

    public const string Details = "Meeting";
    public const string Respond = "Rsvp";
    public const string Party = "RsvpParty";
    public const string PartyStep = "meeting-party";

    private const string MeetingArg = "meeting";

    /// <summary>Meetings listed at once.</summary>
    public const int Listed = 5;

    /// <summary>Party sizes offered as buttons; larger ones are typed.</summary>
    public const int PartyButtons = 5;

    public IReadOnlyCollection<string> Actions { get; } = [Conversations.Actions.Meetings, Details, Respond, Party];

    public IReadOnlyCollection<string> Steps { get; } = [PartyStep];

    /// <summary>The button data that opens a meeting's details (also on messages the bot starts).</summary>
    public static BotAction DetailsAction(string meetingId) => BotAction.Of(Details, (MeetingArg, meetingId));

    /// <summary>The calendar file of a meeting, served by <see cref="CalendarApi"/>.</summary>
    public Uri CalendarUrl(string meetingId) => urls.For($"api/meetings/{Uri.EscapeDataString(meetingId)}/calendar.ics");

    public async Task OnActionAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken)
    {
        if (action.Name == Conversations.Actions.Meetings)
        {
            await ListAsync(turn, cancellationToken);
            return;
        }

        if (action[MeetingArg] is not { } meetingId || await meetings.GetAsync(meetingId, cancellationToken) is not { } meeting)
        {
            await turn.MenuAsync(turn.Texts.Meetings.Gone, cancellationToken);
            return;
        }

        if (action.Name is Respond or Party && turn.Resident.NeighbourhoodId is null)
        {
            // Residents answer for meetings of their own neighbourhood: first which one that is, then this meeting again.
            await NeighbourhoodPrompt.OfResidentOrAskAsync(turn, neighbourhoods, BotAction.Of(Details, (MeetingArg, meeting.Id)), cancellationToken);
            return;
        }

        switch (action.Name)
        {
            case Details:
                await ShowAsync(turn, meeting, lead: null, cancellationToken);
                break;
            case Respond when action["response"] == nameof(RsvpResponse.Yes) && !InResidentsNeighbourhood(turn, meeting):
                await ShowAsync(turn, meeting, turn.Texts.Meetings.OtherNeighbourhood, cancellationToken);
                break;
            case Respond when Enum.TryParse<RsvpResponse>(action["response"], out var response) && Enum.IsDefined(response):
                if (response == RsvpResponse.Yes)
                {
                    await AskPartyAsync(turn, meeting, turn.Texts.Format(turn.Texts.Meetings.AskParty, RsvpService.MaxPartySize, PartyButtons), cancellationToken);
                }
                else
                {
                    await RespondAsync(turn, meeting, response, 1, cancellationToken);
                }

                break;
            case Party when int.TryParse(action["size"], out var size) && size is >= 1 and <= RsvpService.MaxPartySize:
                await RespondAsync(turn, meeting, RsvpResponse.Yes, size, cancellationToken);
                break;
            default:
                await ShowAsync(turn, meeting, lead: null, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// When a resident arrives: a meeting of their neighbourhood planned since they first came, that they did not answer
    /// and were not offered before (each one once, so coming back is not nagged). True when one was offered.
    /// </summary>
    public async Task<bool> OfferNewOnArrivalAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        if (neighbourhoods.Find(turn.Resident.NeighbourhoodId) is not { } neighbourhood)
        {
            return false;
        }

        var offered = await _offered.GetAsync(turn.Context, () => new OfferedMeetings(), cancellationToken);
        foreach (var meeting in await meetings.NewSinceAsync(neighbourhood.Id, turn.Resident.CreatedAt, Listed, cancellationToken))
        {
            if (offered.Ids.Contains(meeting.Id) || await meetings.RsvpOfAsync(meeting.Id, turn.Resident.Id, cancellationToken) is not null)
            {
                continue;
            }

            offered.Ids.Add(meeting.Id);
            if (offered.Ids.Count > OfferedMeetings.Kept)
            {
                offered.Ids.RemoveAt(0);
            }

            await _offered.SetAsync(turn.Context, offered, cancellationToken);
            await ShowAsync(turn, meeting, turn.Texts.Format(Proactive.NoticeTexts.For(turn.Texts.Language).MeetingAnnounced, neighbourhood.Name, meeting.Title), cancellationToken);
            return true;
        }

        return false;
    }

    public async Task OnTextAsync(ResidentTurn turn, string text, CancellationToken cancellationToken)
    {
        if (turn.Flow[MeetingArg] is not { } meetingId || await meetings.GetAsync(meetingId, cancellationToken) is not { } meeting)
        {
            await turn.MenuAsync(turn.Texts.Meetings.Gone, cancellationToken);
            return;
        }

        if (int.TryParse(IntentRecognizer.Words(text).FirstOrDefault(), out var size) && size is >= 1 and <= RsvpService.MaxPartySize)
        {
            await RespondAsync(turn, meeting, RsvpResponse.Yes, size, cancellationToken);
            return;
        }

        await AskPartyAsync(turn, meeting, turn.Texts.Format(turn.Texts.Meetings.PartyInvalid, RsvpService.MaxPartySize), cancellationToken);
    }

    private async Task ListAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        if (await NeighbourhoodPrompt.OfResidentOrAskAsync(turn, neighbourhoods, BotAction.Of(Conversations.Actions.Meetings), cancellationToken) is not { } neighbourhood)
        {
            return;
        }

        var upcoming = await meetings.UpcomingAsync(neighbourhood.Id, Listed, cancellationToken);
        var sections = new List<Section>();
        foreach (var meeting in upcoming)
        {
            var attendance = await meetings.AttendanceAsync(meeting.Id, cancellationToken);
            var mine = await meetings.RsvpOfAsync(meeting.Id, turn.Resident.Id, cancellationToken);
            sections.Add(new Section(meeting.Title)
            {
                Lines = new[] { Dates.Range(texts, meeting.StartsAt, meeting.EndsAt), meeting.Place, PlacesText(texts, attendance), MyStatus(texts, mine) }.OfType<string>().ToList(),
                Choices = [new(texts.Meetings.View, BotAction.Of(Details, (MeetingArg, meeting.Id)))],
            });
        }

        turn.Flow.Clear();
        await turn.SendAsync(new Prompt(texts.Format(upcoming.Count == 0 ? texts.Meetings.None : texts.Meetings.Upcoming, neighbourhood.Name))
        {
            Sections = sections,
            Choices = [MainMenu.Back(texts)],
        }, cancellationToken);
    }

    private async Task ShowAsync(ResidentTurn turn, Meeting meeting, string? lead, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        var attendance = await meetings.AttendanceAsync(meeting.Id, cancellationToken);
        var mine = await meetings.RsvpOfAsync(meeting.Id, turn.Resident.Id, cancellationToken);
        var open = meetings.IsOpenForAnswers(meeting);
        var full = attendance.ConfirmedPlaces >= attendance.Capacity;
        var choices = new List<Choice>();
        if (open && !InResidentsNeighbourhood(turn, meeting) && mine?.Status is RsvpStatus.Confirmed or RsvpStatus.Waiting)
        {
            // Moved to another neighbourhood: cancelling a place they still hold always works.
            choices.Add(Rsvp(texts.Meetings.Cancel, meeting, RsvpResponse.No));
        }
        else if (open && InResidentsNeighbourhood(turn, meeting))
        {
            choices.AddRange(mine?.Status switch
            {
                // No "maybe" once confirmed: it would give the places away to the waiting list.
                RsvpStatus.Confirmed => [Rsvp(texts.Meetings.ChangeParty, meeting, RsvpResponse.Yes), Rsvp(texts.Meetings.Cancel, meeting, RsvpResponse.No)],
                RsvpStatus.Waiting => [Rsvp(texts.Meetings.Cancel, meeting, RsvpResponse.No)],
                _ =>
                [
                    Rsvp(full ? texts.Meetings.JoinWaitingList : texts.Meetings.Yes, meeting, RsvpResponse.Yes),
                    Rsvp(texts.Meetings.Maybe, meeting, RsvpResponse.Maybe),
                    Rsvp(texts.Meetings.No, meeting, RsvpResponse.No),
                ],
            });
        }

        choices.Add(new(texts.Meetings.OtherMeetings, BotAction.Of(Conversations.Actions.Meetings)));
        lead ??= !open ? texts.Meetings.Started
            : !InResidentsNeighbourhood(turn, meeting) ? texts.Meetings.OtherNeighbourhood
            : full && mine?.Status is not (RsvpStatus.Confirmed or RsvpStatus.Waiting) ? texts.Meetings.FullOfferWaitingList
            : meeting.Title;
        turn.Flow.Clear();
        await turn.SendAsync(new Prompt(lead)
        {
            Sections =
            [
                new Section(lead == meeting.Title ? null : meeting.Title)
                {
                    Lines = new[] { meeting.Description, meeting.IsExample ? texts.Meetings.Example : null, MyStatus(texts, mine) }.OfType<string>().Where(l => l.Length > 0).ToList(),
                    Facts =
                    [
                        new Fact(texts.Meetings.When, Dates.Range(texts, meeting.StartsAt, meeting.EndsAt)),
                        new Fact(texts.Meetings.Where, meeting.Place),
                        new Fact(texts.Meetings.Organiser, meeting.Organiser),
                        new Fact(texts.Meetings.Places, PlacesText(texts, attendance)),
                    ],
                },
            ],
            Choices = choices,
            Links = [new Link(texts.Meetings.AddToCalendar, CalendarUrl(meeting.Id))],
        }, cancellationToken);
    }

    private static Task AskPartyAsync(ResidentTurn turn, Meeting meeting, string lead, CancellationToken cancellationToken)
    {
        turn.Flow.Await(PartyStep, (MeetingArg, meeting.Id));
        return turn.SendAsync(new Prompt(lead)
        {
            Sections = [new Section(meeting.Title) { Lines = [Dates.Range(turn.Texts, meeting.StartsAt, meeting.EndsAt)] }],
            Choices = Enumerable.Range(1, PartyButtons)
                .Select(n => new Choice(n.ToString(turn.Texts.Culture), BotAction.Of(Party, (MeetingArg, meeting.Id), ("size", n.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
                .Append(new Choice(turn.Texts.Meetings.OtherMeetings, BotAction.Of(Conversations.Actions.Meetings)))
                .ToList(),

            // A typed "7" is seven people, not the seventh button.
            NumbersPickChoices = false,
        }, cancellationToken);
    }

    private async Task RespondAsync(ResidentTurn turn, Meeting meeting, RsvpResponse response, int partySize, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        var before = await meetings.RsvpOfAsync(meeting.Id, turn.Resident.Id, cancellationToken);
        RsvpOutcome outcome;
        try
        {
            outcome = await rsvps.RespondAsync(meeting.Id, turn.Resident.Id, response, partySize, cancellationToken);
        }
        catch (RuleViolation violation) when (violation.Code == RuleCode.PartyTooLarge)
        {
            await AskPartyAsync(turn, meeting, texts.Format(texts.Meetings.PartyTooLarge, texts.PartyOf(meeting.Capacity), texts.PartyOf(partySize)), cancellationToken);
            return;
        }
        catch (RuleViolation violation) when (violation.Code is RuleCode.MeetingStarted or RuleCode.NotEnoughPlaces or RuleCode.NotFound or RuleCode.OtherNeighbourhood)
        {
            await ShowAsync(turn, meeting, violation.Code switch
            {
                RuleCode.MeetingStarted => texts.Meetings.Started,
                RuleCode.NotEnoughPlaces => texts.Format(texts.Meetings.NotEnoughPlaces, texts.PartyOf(partySize)),
                RuleCode.OtherNeighbourhood => texts.Meetings.OtherNeighbourhood,
                _ => texts.Meetings.Gone,
            }, cancellationToken);
            return;
        }

        // Whoever moved up was told through the outbox, in the RSVP's own transaction. This resident may be told later
        // (a place on the waiting list, a changed meeting): the bot remembers how to reach them.
        await reach.RememberAsync(turn.Resident.Id, turn.Context.Activity.GetConversationReference(), cancellationToken);
        var when = Dates.Range(texts, meeting.StartsAt, meeting.EndsAt);
        var lead = outcome.Rsvp.Status switch
        {
            RsvpStatus.Confirmed => texts.Format(texts.Meetings.Confirmed, meeting.Title, texts.PartyOf(outcome.Rsvp.PartySize), when, meeting.Place),
            RsvpStatus.Waiting => texts.Format(texts.Meetings.Waiting, meeting.Title, outcome.WaitingPosition ?? 1),
            RsvpStatus.Maybe => texts.Format(texts.Meetings.MaybeNoted, meeting.Title),
            _ => texts.Format(before?.Status is RsvpStatus.Confirmed or RsvpStatus.Waiting ? texts.Meetings.Declined : texts.Meetings.NotComing, meeting.Title),
        };
        turn.Flow.Clear();
        await turn.SendAsync(new Prompt(lead)
        {
            Choices = outcome.Rsvp.Status == RsvpStatus.Maybe
                ? [Rsvp(texts.Meetings.Yes, meeting, RsvpResponse.Yes), new(texts.Meetings.OtherMeetings, BotAction.Of(Conversations.Actions.Meetings)), MainMenu.Back(texts)]
                : [new(texts.Meetings.OtherMeetings, BotAction.Of(Conversations.Actions.Meetings)), MainMenu.Back(texts)],
            Links = outcome.Rsvp.Status is RsvpStatus.Confirmed or RsvpStatus.Waiting or RsvpStatus.Maybe
                ? [new Link(texts.Meetings.AddToCalendar, CalendarUrl(meeting.Id))]
                : [],
        }, cancellationToken);
    }

    private static bool InResidentsNeighbourhood(ResidentTurn turn, Meeting meeting) =>
        string.Equals(turn.Resident.NeighbourhoodId, meeting.NeighbourhoodId, StringComparison.OrdinalIgnoreCase);

    private static Choice Rsvp(string title, Meeting meeting, RsvpResponse response) =>
        new(title, BotAction.Of(Respond, (MeetingArg, meeting.Id), ("response", response.ToString())));

    private static string PlacesText(BotTexts texts, Attendance attendance) =>
        attendance.ConfirmedPlaces >= attendance.Capacity ? texts.Meetings.Full : texts.Format(texts.Meetings.PlacesLeft, attendance.Capacity - attendance.ConfirmedPlaces);

    private static string? MyStatus(BotTexts texts, Rsvp? mine) => mine?.Status switch
    {
        RsvpStatus.Confirmed => texts.Format(texts.Meetings.YouComing, texts.PartyOf(mine.PartySize)),
        RsvpStatus.Waiting => texts.Meetings.YouWaiting,
        RsvpStatus.Maybe => texts.Meetings.YouMaybe,
        RsvpStatus.Declined => texts.Meetings.YouNotComing,
        _ => null,
    };
}

/// <summary>The meetings offered to a resident on arrival (user state: erased with their data).</summary>
public sealed class OfferedMeetings
{
    /// <summary>How many ids are remembered: far more than meetings planned between two visits.</summary>
    public const int Kept = 50;

    public List<string> Ids { get; set; } = [];
}
