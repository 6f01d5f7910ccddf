using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Meetings;

public sealed class RsvpTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FiftyConcurrentYes_ForTwentyPlaces_TwentyConfirmedThirtyWaiting_CancelPromotesTheFirst(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var meeting = await domain.MeetingAsync(capacity: 20);
        var residents = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            residents.Add((await domain.ResidentAsync($"user-{i}")).Id);
        }

        // Each answer comes through its own database handle, as from separate requests or bot instances.
        var outcomes = await Task.WhenAll(residents.Select(id => Task.Run(() =>
            new Domain(db.OpenAnother()).Rsvps.RespondAsync(meeting.Id, id, RsvpResponse.Yes))));

        var attendance = await domain.MeetingStore.AttendanceAsync(meeting.Id);
        Assert.Equal(20, attendance.ConfirmedResidents);
        Assert.Equal(20, attendance.ConfirmedPlaces);
        Assert.Equal(30, attendance.WaitingResidents);
        Assert.Equal(20, outcomes.Count(o => o.Rsvp.Status == RsvpStatus.Confirmed));
        Assert.Equal(Enumerable.Range(1, 30), outcomes.Where(o => o.WaitingPosition is not null).Select(o => o.WaitingPosition!.Value).Order());

        var confirmed = outcomes.First(o => o.Rsvp.Status == RsvpStatus.Confirmed).Rsvp.ResidentId;
        var firstWaiting = outcomes.Single(o => o.WaitingPosition == 1).Rsvp.ResidentId;
        var cancel = await domain.Rsvps.CancelAsync(meeting.Id, confirmed);

        Assert.Equal(firstWaiting, Assert.Single(cancel.Promoted).ResidentId);
        Assert.Equal(RsvpStatus.Confirmed, (await domain.MeetingStore.GetRsvpAsync(meeting.Id, firstWaiting))!.Status);
        var after = await domain.MeetingStore.AttendanceAsync(meeting.Id);
        Assert.Equal(20, after.ConfirmedPlaces);
        Assert.Equal(29, after.WaitingResidents);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Answers_CanChangeUntilTheStart(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var meeting = await domain.MeetingAsync(capacity: 10, startsIn: TimeSpan.FromHours(1));
        var resident = (await domain.ResidentAsync()).Id;

        var maybe = await domain.Rsvps.RespondAsync(meeting.Id, resident, RsvpResponse.Maybe);
        var yes = await domain.Rsvps.RespondAsync(meeting.Id, resident, RsvpResponse.Yes, partySize: 3);
        domain.Clock.Advance(TimeSpan.FromHours(1));
        var late = await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync(meeting.Id, resident, RsvpResponse.No));

        Assert.Equal(RsvpStatus.Maybe, maybe.Rsvp.Status);
        Assert.Equal(RsvpStatus.Confirmed, yes.Rsvp.Status);
        Assert.Equal(7, yes.PlacesLeft);
        Assert.Equal(RuleCode.MeetingStarted, late.Code);
        Assert.Equal(3, (await domain.MeetingStore.GetRsvpAsync(meeting.Id, resident))!.PartySize);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SameAnswerDeliveredTwice_IsOneRsvpAndTakesPlacesOnce(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var meeting = await domain.MeetingAsync(capacity: 5);
        var resident = (await domain.ResidentAsync()).Id;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new Domain(db.OpenAnother()).Rsvps.RespondAsync(meeting.Id, resident, RsvpResponse.Yes, partySize: 2))));

        var attendance = await domain.MeetingStore.AttendanceAsync(meeting.Id);
        Assert.Equal(1, attendance.ConfirmedResidents);
        Assert.Equal(2, attendance.ConfirmedPlaces);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GrowingAConfirmedParty_BeyondThePlaces_KeepsTheEarlierAnswer(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var meeting = await domain.MeetingAsync(capacity: 4);
        var a = (await domain.ResidentAsync("a")).Id;
        var b = (await domain.ResidentAsync("b")).Id;
        await domain.Rsvps.RespondAsync(meeting.Id, a, RsvpResponse.Yes, 2);
        await domain.Rsvps.RespondAsync(meeting.Id, b, RsvpResponse.Yes, 2);

        var error = await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync(meeting.Id, a, RsvpResponse.Yes, 3));

        Assert.Equal(RuleCode.NotEnoughPlaces, error.Code);
        Assert.Equal(2, (await domain.MeetingStore.GetRsvpAsync(meeting.Id, a))!.PartySize);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Residents_AnswerForMeetingsOfTheirOwnNeighbourhood_ButCanAlwaysCancel(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var meeting = await domain.MeetingAsync(neighbourhood: "nazareth");
        var elsewhere = (await domain.ResidentAsync("elsewhere", neighbourhood: "pottenberg")).Id;
        var unknown = (await domain.Residents.IdentifyAsync("webchat", "no-neighbourhood-yet")).Id;
        var moved = (await domain.ResidentAsync("moved", neighbourhood: "nazareth")).Id;
        await domain.Rsvps.RespondAsync(meeting.Id, moved, RsvpResponse.Yes, 2);
        await domain.ResidentStore.SetNeighbourhoodAsync(moved, "pottenberg");

        foreach (var response in new[] { RsvpResponse.Yes, RsvpResponse.Maybe, RsvpResponse.No })
        {
            Assert.Equal(RuleCode.OtherNeighbourhood, (await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync(meeting.Id, elsewhere, response))).Code);
            Assert.Equal(RuleCode.OtherNeighbourhood, (await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync(meeting.Id, unknown, response))).Code);
        }

        Assert.Equal(RuleCode.OtherNeighbourhood, (await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync(meeting.Id, moved, RsvpResponse.Yes, 3))).Code);
        Assert.Equal(RsvpStatus.Declined, (await domain.Rsvps.CancelAsync(meeting.Id, moved)).Rsvp.Status);
        Assert.Null(await domain.MeetingStore.GetRsvpAsync(meeting.Id, elsewhere));
        Assert.Equal(RuleCode.NotFound, (await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync(meeting.Id, "r_nobody", RsvpResponse.Yes))).Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APartyLargerThanTheMeeting_IsRefused_AndNothingIsStored(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var meeting = await domain.MeetingAsync(capacity: 4);
        var resident = (await domain.ResidentAsync()).Id;

        var error = await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync(meeting.Id, resident, RsvpResponse.Yes, 10));

        Assert.Equal(RuleCode.PartyTooLarge, error.Code);
        Assert.Null(await domain.MeetingStore.GetRsvpAsync(meeting.Id, resident));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InvalidRequests_AreRefused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var meeting = await domain.MeetingAsync();
        var resident = (await domain.ResidentAsync()).Id;

        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync(meeting.Id, resident, RsvpResponse.Yes, 0))).Code);
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync(meeting.Id, resident, RsvpResponse.Yes, 11))).Code);
        Assert.Equal(RuleCode.NotFound, (await Assert.ThrowsAsync<RuleViolation>(() => domain.Rsvps.RespondAsync("nope", resident, RsvpResponse.Yes))).Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upcoming_ListsOnlyThisNeighbourhoodsMeetingsThatHaveNotEnded(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var later = await domain.MeetingAsync(startsIn: TimeSpan.FromDays(14));
        var soon = await domain.MeetingAsync(startsIn: TimeSpan.FromDays(2));
        await domain.MeetingAsync(neighbourhood: "nazareth");
        var past = await domain.MeetingAsync(startsIn: TimeSpan.FromDays(-1));

        var upcoming = await domain.MeetingStore.UpcomingAsync("pottenberg", domain.Clock.GetUtcNow(), 10);

        Assert.Equal([soon.Id, later.Id], upcoming.Select(m => m.Id));
        Assert.DoesNotContain(upcoming, m => m.Id == past.Id);
        Assert.Equal(soon, upcoming[0]);
    }
}
