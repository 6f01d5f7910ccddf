using Dapper;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Core.Tests.Storage;

/// <summary>
/// Two instances (or two quick clicks) doing the same thing at once, each on its own connection. On SQLite the write
/// lock serialises them; on SQL Server (VEERKRACHT_TEST_SQLSERVER) the statements' own locks must. What SQL Server is
/// sent is also checked here without a server (Bot.Tests, SqlServerLockingTests).
/// </summary>
public sealed class RaceTests
{
    private const int Writers = 8;

    private static Task<T[]> AllAtOnce<T>(TestDatabase db, Func<Domain, int, Task<T>> work)
    {
        var domains = Enumerable.Range(0, Writers).Select(_ => new Domain(db.OpenAnother())).ToList();
        return Task.WhenAll(domains.Select((d, i) => Task.Run(() => work(d, i))));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PollAnswers_QuickFirstAnswersOfOneResident_GiveOneAnswerAndNoError(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();
        var poll = await domain.Polls.CreateAsync("Park", "Hoe vind je het park?", true, ["pottenberg"], Domain.Start, Domain.Start.AddDays(3), "manager");

        var changed = await AllAtOnce(db, (d, i) => d.PollStore.RespondAsync(new PollResponse(poll.Id, resident.Id, "pottenberg", i % 5 + 1, null, Domain.Start)));

        Assert.Single(changed, c => !c);
        Assert.Equal(1, (await domain.PollStore.ResultsAsync(poll.Id)).Responses);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Consent_GivenTwiceAtOnce_IsOneActiveConsent(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();

        await AllAtOnce(db, async (d, i) =>
        {
            await d.ResidentStore.GiveConsentAsync(resident.Id, ConsentKind.Contact, Domain.Start.AddMilliseconds(i));
            return true;
        });

        Assert.Single(await domain.ResidentStore.ConsentsAsync(resident.Id), c => c.IsActive);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TeamsSubscription_SubscribedTwiceAtOnce_IsIdempotent(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var reference = await domain.TeamsStore.SaveConversationAsync(
            new StoredConversation(Ids.New(), "msteams", "19:abc@thread.tacv2", "https://smba.trafficmanager.net/emea/", "tenant", "28:bot", null, null, "channel"), Domain.Start);

        await AllAtOnce(db, async (d, _) =>
        {
            await d.TeamsStore.SubscribeAsync(new TeamsSubscription(Ids.New(), reference, "pottenberg", TeamsSubscription.AllThemes, "anne", Domain.Start));
            return true;
        });

        Assert.Single(await domain.TeamsStore.SubscribersAsync("pottenberg"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erasure_ReportsWhoGotThePlacesItFreed(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var erased = await domain.ResidentAsync("erased");
        var next = await domain.ResidentAsync("next");
        var meeting = await domain.MeetingAsync(capacity: 1);
        await domain.Rsvps.RespondAsync(meeting.Id, erased.Id, RsvpResponse.Yes);
        await domain.Rsvps.RespondAsync(meeting.Id, next.Id, RsvpResponse.Yes);

        var report = await domain.Data.EraseAsync(erased.Id);

        var promoted = Assert.Single(report.Promoted);
        Assert.Equal((meeting.Id, next.Id, RsvpStatus.Confirmed), (promoted.MeetingId, promoted.ResidentId, promoted.Status));
        Assert.Equal(RsvpStatus.Confirmed, (await domain.MeetingStore.GetRsvpAsync(meeting.Id, next.Id))!.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erasure_RacingACancellationThatPromotesTheErasedResident_LosesNoPlace(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        for (var round = 0; round < 10; round++)
        {
            // One place: "leaving" has it, "erased" waits first, "next" waits second. "leaving" cancels while "erased"
            // erases everything: whichever goes first, the place must end with "next".
            var leaving = await domain.ResidentAsync($"leaving-{round}");
            var erased = await domain.ResidentAsync($"erased-{round}");
            var next = await domain.ResidentAsync($"next-{round}");
            var meeting = await domain.MeetingAsync(capacity: 1);
            await domain.Rsvps.RespondAsync(meeting.Id, leaving.Id, RsvpResponse.Yes);
            await domain.Rsvps.RespondAsync(meeting.Id, erased.Id, RsvpResponse.Yes);
            domain.Clock.Advance(TimeSpan.FromSeconds(1));
            await domain.Rsvps.RespondAsync(meeting.Id, next.Id, RsvpResponse.Yes);

            var other = new Domain(db.OpenAnother());
            other.Clock.SetUtcNow(domain.Clock.GetUtcNow());
            await Task.WhenAll(
                Task.Run(() => other.Rsvps.CancelAsync(meeting.Id, leaving.Id)),
                Task.Run(() => new Domain(db.OpenAnother()).Data.EraseAsync(erased.Id)));

            var attendance = await domain.MeetingStore.AttendanceAsync(meeting.Id);
            Assert.Equal(1, attendance.ConfirmedPlaces);
            Assert.Equal(RsvpStatus.Confirmed, (await domain.MeetingStore.GetRsvpAsync(meeting.Id, next.Id))!.Status);
        }

        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rsvps WHERE resident_id LIKE 'r_%' AND resident_id NOT IN (SELECT id FROM residents)"));
    }
}
