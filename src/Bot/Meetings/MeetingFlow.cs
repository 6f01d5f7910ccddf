using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Bot.Meetings;

/// <summary>
/// Meetings of the resident's neighbourhood: the list, details, RSVP yes / maybe / no with party size, the
/// waiting list when full, change or cancel, and a calendar file.
/// </summary>
public sealed class MeetingFlow(MeetingService meetings, RsvpService rsvps, NeighbourhoodCatalog neighbourhoods, PublicUrls urls, Proactive.ResidentConversations reach,
    Microsoft.Bot.Builder.UserState userState, TimeProvider clock) : IResidentFlow
{
    private readonly Microsoft.Bot.Builder.IStatePropertyAccessor<OfferedMeetings> _offered = userState.CreateProperty<OfferedMeetings>(nameof(OfferedMeetings));

    public const string Details = "Meeting";
    public const string Respond = "Rsvp";
    public const string Party = "RsvpParty";
    public const string PartyStep = "meeting-party";
    public const string ListStep = "meeting-list";
    public const string CancelStep = "meeting-cancel";
    public const string DetailsStep = "meeting-details";

    private const string MeetingArg = "meeting";
    private const string MeetingsArg = "meetings";
    private const string WaitArg = "wait";
    private const string ConfirmArg = "confirm";

    /// <summary>Meetings listed at once.</summary>
    public const int Listed = 5;

    /// <summary>Party sizes offered as buttons; larger ones are typed.</summary>
    public const int PartyButtons = 5;

    public IReadOnlyCollection<string> Actions { get; } = [Conversations.Actions.Meetings, Details, Respond, Party];

    public IReadOnlyCollection<string> Steps { get; } = [PartyStep, ListStep, CancelStep, DetailsStep];

    /// <summary>The button data that opens a meeting's details (also on messages the bot starts).</summary>
    public static BotAction DetailsAction(string meetingId) => BotAction.Of(Details, (MeetingArg, meetingId));

    /// <summary>
    /// When a resident we know arrives: a meeting of their neighbourhood planned since they first came, that they did not
    /// answer and were not offered before (each one once, so coming back is not nagged), shown under
    /// <paramref name="lead"/> in one message. True when one was offered.
    /// </summary>
    public async Task<bool> OfferNewOnArrivalAsync(ResidentTurn turn, string lead, CancellationToken cancellationToken)
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
            var announced = turn.Texts.Format(Proactive.NoticeTexts.For(turn.Texts.Language).MeetingAnnounced, neighbourhood.Name, meeting.Title);
            await ShowAsync(turn, meeting, lead + "\n\n" + announced, cancellationToken);
            return true;
        }

        return false;
    }

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
                    await AskPartyAsync(turn, meeting, turn.Texts.Format(turn.Texts.Meetings.AskParty, RsvpService.MaxPartySize, PartyButtons), action[WaitArg] == "yes", cancellationToken);
                }
                else if (response == RsvpResponse.No && action[ConfirmArg] != "yes"
                    && await meetings.RsvpOfAsync(meeting.Id, turn.Resident.Id, cancellationToken) is { Status: RsvpStatus.Confirmed or RsvpStatus.Waiting } held)
                {
                    // Cancelling gives the places away: asked once.
                    await AskCancelAsync(turn, meeting, held, null, cancellationToken);
                }
                else
                {
                    await RespondAsync(turn, meeting, response, 1, cancellationToken);
                }

                break;
            case Party when int.TryParse(action["size"], out var size) && size is >= 1 and <= RsvpService.MaxPartySize:
                await ChoosePartyAsync(turn, meeting, size, action[WaitArg] == "yes", cancellationToken);
                break;
            default:
                await ShowAsync(turn, meeting, lead: null, cancellationToken);
                break;
        }
    }

    public async Task<ExpectedAnswer> ExpectAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        switch (turn.Flow.Step)
        {
            case ListStep:
                var listed = new List<MeetingOption>();
                foreach (var id in (turn.Flow[MeetingsArg] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (await meetings.GetAsync(id, cancellationToken) is { } meeting)
                    {
                        listed.Add(new MeetingOption(meeting.Id, meeting.Title, AmsterdamTime.ToLocal(meeting.StartsAt).DateTime));
                    }
                }

                return new ExpectedAnswer(AnswerKind.Meeting) { Meetings = listed, Today = AmsterdamTime.ToLocal(clock.GetUtcNow()).Date };
            case CancelStep:
                return new ExpectedAnswer(AnswerKind.YesNo);
            case DetailsStep:
                return new ExpectedAnswer(AnswerKind.Rsvp);
            default:
                return new ExpectedAnswer(AnswerKind.PartySize);
        }
    }

    public async Task OnAnswerAsync(ResidentTurn turn, TurnDecision answer, CancellationToken cancellationToken)
    {
        if (turn.Flow.Step == ListStep)
        {
            if (answer.MeetingId is { } chosen && await meetings.GetAsync(chosen, cancellationToken) is { } listed)
            {
                await ShowAsync(turn, listed, lead: null, cancellationToken);
            }
            else
            {
                await ListAsync(turn, cancellationToken);
            }

            return;
        }

        if (turn.Flow[MeetingArg] is not { } meetingId || await meetings.GetAsync(meetingId, cancellationToken) is not { } meeting)
        {
            await turn.MenuAsync(turn.Texts.Meetings.Gone, cancellationToken);
            return;
        }

        if (turn.Flow.Step == DetailsStep && answer.Response is { } response)
        {
            // Typed at the meeting's buttons, as if the button was clicked: "ik kom met 2 mensen" signs up two.
            await OnActionAsync(turn, response == RsvpResponse.Yes && answer.Number is { } party && party is >= 1 and <= RsvpService.MaxPartySize
                ? BotAction.Of(Party, (MeetingArg, meeting.Id), ("size", party.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                : BotAction.Of(Respond, (MeetingArg, meeting.Id), ("response", response.ToString())), cancellationToken);
            return;
        }

        if (turn.Flow.Step == CancelStep)
        {
            if (answer.Yes == true)
            {
                await RespondAsync(turn, meeting, RsvpResponse.No, 1, cancellationToken);
            }
            else
            {
                await ShowAsync(turn, meeting, turn.Texts.Meetings.StillSignedUp, cancellationToken);
            }

            return;
        }

        if (answer.Number is { } size && size is >= 1 and <= RsvpService.MaxPartySize)
        {
            await ChoosePartyAsync(turn, meeting, size, turn.Flow[WaitArg] == "yes", cancellationToken);
            return;
        }

        await AskPartyAsync(turn, meeting, PartyInvalid(turn.Texts, meeting), turn.Flow[WaitArg] == "yes", cancellationToken);
    }

    public async Task RepeatAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken)
    {
        if (turn.Flow.Step == ListStep)
        {
            await ListAsync(turn, lead ?? turn.Texts.Meetings.WhichMeeting, cancellationToken);
            return;
        }

        if (turn.Flow[MeetingArg] is not { } meetingId || await meetings.GetAsync(meetingId, cancellationToken) is not { } meeting)
        {
            await turn.MenuAsync(turn.Texts.Meetings.Gone, cancellationToken);
            return;
        }

        if (turn.Flow.Step == DetailsStep)
        {
            await ShowAsync(turn, meeting, lead is null ? turn.Texts.Meetings.RsvpNotUnderstood : lead + "\n\n" + turn.Texts.Meetings.RsvpNotUnderstood, cancellationToken);
            return;
        }

        if (turn.Flow.Step == CancelStep && await meetings.RsvpOfAsync(meeting.Id, turn.Resident.Id, cancellationToken) is { } held)
        {
            await AskCancelAsync(turn, meeting, held, lead ?? turn.Texts.Meetings.CancelNotUnderstood, cancellationToken);
            return;
        }

        var ask = PartyInvalid(turn.Texts, meeting);
        await AskPartyAsync(turn, meeting, lead is null ? ask : lead + "\n\n" + ask, turn.Flow[WaitArg] == "yes", cancellationToken);
    }

    /// <summary>"Typ een aantal van 1 tot 10. Kom je met meer mensen? Neem dan contact op met ..." with who organises it.</summary>
    private static string PartyInvalid(BotTexts texts, Meeting meeting) => texts.Format(texts.Meetings.PartyInvalid, RsvpService.MaxPartySize, meeting.Organiser);

    /// <summary>
    /// A party that fits is signed up; one that does not is asked: fewer people, or the waiting list. A resident who
    /// chose the waiting list (a full meeting, or this question) is put on it.
    /// </summary>
    private async Task ChoosePartyAsync(ResidentTurn turn, Meeting meeting, int size, bool wait, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        var attendance = await meetings.AttendanceAsync(meeting.Id, cancellationToken);
        var mine = await meetings.RsvpOfAsync(meeting.Id, turn.Resident.Id, cancellationToken);
        var free = attendance.Capacity - attendance.ConfirmedPlaces + (mine?.Status == RsvpStatus.Confirmed ? mine.PartySize : 0);
        if (wait || size <= free || size > attendance.Capacity || mine?.Status is RsvpStatus.Confirmed or RsvpStatus.Waiting || free <= 0)
        {
            await RespondAsync(turn, meeting, RsvpResponse.Yes, size, cancellationToken);
            return;
        }

        turn.Flow.Await(PartyStep, (MeetingArg, meeting.Id));
        await turn.SendAsync(new Prompt(texts.Format(texts.Meetings.DoesNotFit, texts.PartyOf(free), texts.PartyOf(size)))
        {
            Sections = [new Section(meeting.Title) { Lines = [Dates.Range(texts, meeting.StartsAt, meeting.EndsAt)] }],
            Choices =
            [
                new(texts.Format(texts.Meetings.ComeWithFewer, texts.PartyOf(free)), BotAction.Of(Party, (MeetingArg, meeting.Id), ("size", free.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
                new(texts.Format(texts.Meetings.WaitWithAll, texts.PartyOf(size)), BotAction.Of(Party, (MeetingArg, meeting.Id), ("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), (WaitArg, "yes"))),
                new(texts.Meetings.OtherMeetings, BotAction.Of(Conversations.Actions.Meetings)),
            ],
            NumbersPickChoices = false,
        }, cancellationToken);
    }

    private static Task AskCancelAsync(ResidentTurn turn, Meeting meeting, Rsvp held, string? lead, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        turn.Flow.Await(CancelStep, (MeetingArg, meeting.Id));
        var ask = texts.Format(held.Status == RsvpStatus.Waiting ? texts.Meetings.ConfirmLeaveWaitingList : texts.Meetings.ConfirmCancel, meeting.Title, texts.PartyOf(held.PartySize));
        return turn.SendAsync(new Prompt(lead is null ? ask : lead + "\n\n" + ask)
        {
            Choices =
            [
                new(texts.Meetings.CancelYes, BotAction.Of(Respond, (MeetingArg, meeting.Id), ("response", nameof(RsvpResponse.No)), (ConfirmArg, "yes"))),
                new(texts.Meetings.CancelNo, BotAction.Of(Details, (MeetingArg, meeting.Id))),
            ],
        }, cancellationToken);
    }

    private async Task ListAsync(ResidentTurn turn, CancellationToken cancellationToken) => await ListAsync(turn, null, cancellationToken);

    private async Task ListAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken)
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
                Lines = new[] { Dates.Range(texts, meeting.StartsAt, meeting.EndsAt), meeting.Place, await PlacesOrPositionAsync(turn, meeting, attendance, mine, cancellationToken), mine?.Status == RsvpStatus.Waiting ? null : MyStatus(texts, mine) }.OfType<string>().ToList(),
                Choices = [new(texts.Format(texts.Meetings.View, meeting.Title), BotAction.Of(Details, (MeetingArg, meeting.Id)))],
            });
        }

        turn.Flow.Clear();
        if (upcoming.Count > 0)
        {
            // Typed answers name a meeting: "de wandeling", "die van dinsdag".
            turn.Flow.Await(ListStep, (MeetingsArg, string.Join(',', upcoming.Select(m => m.Id))));
        }

        var intro = texts.Format(upcoming.Count == 0 ? texts.Meetings.None : texts.Meetings.Upcoming, neighbourhood.Name);
        await turn.SendAsync(new Prompt(lead is null ? intro : lead + "\n\n" + intro)
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
                    full ? new Choice(texts.Meetings.JoinWaitingList, BotAction.Of(Respond, (MeetingArg, meeting.Id), ("response", nameof(RsvpResponse.Yes)), (WaitArg, "yes")))
                        : Rsvp(texts.Meetings.Yes, meeting, RsvpResponse.Yes),
                    Rsvp(texts.Meetings.Maybe, meeting, RsvpResponse.Maybe),
                    Rsvp(texts.Meetings.No, meeting, RsvpResponse.No),
                ],
            });
        }

        // The choices so far answer the meeting; when there are any, typed answers are read as theirs.
        var answerable = choices.Count > 0;
        choices.Add(new(texts.Meetings.OtherMeetings, BotAction.Of(Conversations.Actions.Meetings)));
        lead ??= !open ? texts.Meetings.Started
            : !InResidentsNeighbourhood(turn, meeting) ? texts.Meetings.OtherNeighbourhood
            : full && mine?.Status is not (RsvpStatus.Confirmed or RsvpStatus.Waiting) ? texts.Meetings.FullOfferWaitingList
            : meeting.Title;
        turn.Flow.Clear();
        if (answerable)
        {
            // Typed answers are read as the buttons': "ik kom met 2 mensen", "misschien", "ik kan niet".
            turn.Flow.Await(DetailsStep, (MeetingArg, meeting.Id));
        }

        await turn.SendAsync(new Prompt(lead)
        {
            Sections =
            [
                new Section(lead == meeting.Title ? null : meeting.Title)
                {
                    Lines = new[] { meeting.Description, meeting.IsExample ? texts.Meetings.Example : null, mine?.Status == RsvpStatus.Waiting ? null : MyStatus(texts, mine) }.OfType<string>().Where(l => l.Length > 0).ToList(),
                    Facts =
                    [
                        new Fact(texts.Meetings.When, Dates.Range(texts, meeting.StartsAt, meeting.EndsAt)),
                        new Fact(texts.Meetings.Where, meeting.Place),
                        new Fact(texts.Meetings.Organiser, meeting.Organiser),
                        new Fact(texts.Meetings.Places, await PlacesOrPositionAsync(turn, meeting, attendance, mine, cancellationToken)),
                    ],
                },
            ],
            Choices = choices,
            Links = [new Link(texts.Meetings.AddToCalendar, CalendarUrl(meeting.Id))],
        }, cancellationToken);
    }

    private static Task AskPartyAsync(ResidentTurn turn, Meeting meeting, string lead, bool wait, CancellationToken cancellationToken)
    {
        turn.Flow.Await(PartyStep, wait ? [(MeetingArg, meeting.Id), (WaitArg, "yes")] : [(MeetingArg, meeting.Id)]);
        (string, string)[] Args(int n) => wait
            ? [(MeetingArg, meeting.Id), ("size", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), (WaitArg, "yes")]
            : [(MeetingArg, meeting.Id), ("size", n.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return turn.SendAsync(new Prompt(lead)
        {
            Sections = [new Section(meeting.Title) { Lines = [Dates.Range(turn.Texts, meeting.StartsAt, meeting.EndsAt)] }],
            Choices = Enumerable.Range(1, PartyButtons)
                .Select(n => new Choice(n.ToString(turn.Texts.Culture), BotAction.Of(Party, Args(n))))
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
            await AskPartyAsync(turn, meeting, texts.Format(texts.Meetings.PartyTooLarge, texts.PartyOf(meeting.Capacity), texts.PartyOf(partySize)), wait: false, cancellationToken);
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

    /// <summary>Places left; for a resident on the waiting list, their place on it instead ("nog 1 plek vrij" beside "wachtlijst" confused).</summary>
    private async Task<string> PlacesOrPositionAsync(ResidentTurn turn, Meeting meeting, Attendance attendance, Rsvp? mine, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        if (mine?.Status == RsvpStatus.Waiting)
        {
            return texts.Format(texts.Meetings.WaitingPosition, await meetings.WaitingPositionAsync(meeting.Id, turn.Resident.Id, cancellationToken) ?? 1);
        }

        var left = attendance.Capacity - attendance.ConfirmedPlaces;
        return left <= 0 ? texts.Meetings.Full : texts.Format(texts.Meetings.PlacesLeft, texts.PlacesOf(left));
    }

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
