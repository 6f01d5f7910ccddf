using System.Text.Json;
using Dapper;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Notifications;

/// <summary>The changes that cause a notification write it in their own transaction: both commit, or neither does.</summary>
public sealed class NotificationSourceTests
{
    private static async Task<IReadOnlyList<Notification>> ForAsync(Domain domain, string residentId) =>
        await domain.Outbox.ForRecipientAsync(Recipient.Resident(residentId));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StatusChange_NotifiesTheAuthor_OncePerChange_AndARefusedChangeNotifiesNobody(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var author = await domain.ResidentAsync();
        var (idea, _) = await domain.SubmitAsync(author, "idea-1");

        await domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, "We bespreken het dinsdag met de woningcorporatie.", "anne@gemeente");
        await Assert.ThrowsAsync<RuleViolation>(() => domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.Received, null, "anne@gemeente"));
        domain.Clock.Advance(TimeSpan.FromDays(1));
        await domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.Planned, null, "anne@gemeente");

        var notices = await ForAsync(domain, author.Id);
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal(NotificationKind.IdeaStatus, n.Kind));
        Assert.Equal(new IdeaStatusPayload(idea.Id, IdeaStatus.InDiscussion, "We bespreken het dinsdag met de woningcorporatie."), NotificationPayloads.Read<IdeaStatusPayload>(notices[0].Payload));
        Assert.Equal(new IdeaStatusPayload(idea.Id, IdeaStatus.Planned, null), NotificationPayloads.Read<IdeaStatusPayload>(notices[1].Payload));
        Assert.Equal(Domain.Start, notices[0].NextAttemptAt);
        Assert.Equal(2, notices.Select(n => n.DedupeKey).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StatusChange_OfAnIdeaWhoseAuthorErasedTheirData_NotifiesNobody(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var author = await domain.ResidentAsync();
        var (idea, _) = await domain.SubmitAsync(author, "idea-1");
        await domain.Data.EraseAsync(author.Id);

        await domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, "Op de agenda", "anne");

        Assert.Equal(0, (await domain.Outbox.StatisticsAsync()).Depth);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cancellation_NotifiesTheResidentWhoMovesUp_AndASecondPromotionLaterIsASecondNotice(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var meeting = await domain.MeetingAsync(capacity: 2);
        var holder = await domain.ResidentAsync("holder");
        var waiting = await domain.ResidentAsync("waiting");
        await domain.Rsvps.RespondAsync(meeting.Id, holder.Id, RsvpResponse.Yes, 2);
        await domain.Rsvps.RespondAsync(meeting.Id, waiting.Id, RsvpResponse.Yes, 2);
        Assert.Empty(await ForAsync(domain, waiting.Id));

        await domain.Rsvps.CancelAsync(meeting.Id, holder.Id);
        var notice = Assert.Single(await ForAsync(domain, waiting.Id));
        Assert.Equal(NotificationKind.WaitingListPromotion, notice.Kind);
        Assert.Equal(new PromotionPayload(meeting.Id, 2), NotificationPayloads.Read<PromotionPayload>(notice.Payload));

        // The promoted resident cancels, the holder takes the places again, the other waits again... and moves up again: told again.
        domain.Clock.Advance(TimeSpan.FromMinutes(1));
        await domain.Rsvps.CancelAsync(meeting.Id, waiting.Id);
        await domain.Rsvps.RespondAsync(meeting.Id, holder.Id, RsvpResponse.Yes, 2);
        Assert.Equal(RsvpStatus.Waiting, (await domain.Rsvps.RespondAsync(meeting.Id, waiting.Id, RsvpResponse.Yes, 2)).Rsvp.Status);
        await domain.Rsvps.CancelAsync(meeting.Id, holder.Id);
        Assert.Equal(2, (await ForAsync(domain, waiting.Id)).Count);
        Assert.Empty(await ForAsync(domain, holder.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erasure_ThatFreesAPlace_NotifiesWhoMovesUp_AndTakesTheErasedResidentsOwnNotifications(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var meeting = await domain.MeetingAsync(capacity: 1);
        var leaving = await domain.ResidentAsync("leaving");
        var waiting = await domain.ResidentAsync("waiting");
        var (idea, _) = await domain.SubmitAsync(leaving, "idea-1");
        await domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, "Op de agenda", "anne");
        await domain.Rsvps.RespondAsync(meeting.Id, leaving.Id, RsvpResponse.Yes);
        await domain.Rsvps.RespondAsync(meeting.Id, waiting.Id, RsvpResponse.Yes);

        var export = await domain.Data.ExportJsonAsync(leaving.Id);
        var report = await domain.Data.EraseAsync(leaving.Id);

        using (var json = JsonDocument.Parse(export!))
        {
            var exported = json.RootElement.GetProperty("parts").GetProperty("notifications");
            Assert.Equal("IdeaStatus", exported[0].GetProperty("kind").GetString());
            Assert.Equal("Op de agenda", exported[0].GetProperty("content").GetProperty("explanation").GetString());
        }

        Assert.Equal(waiting.Id, Assert.Single(report.Promoted).ResidentId);
        Assert.Equal(1, report.PartsErased["notifications"]);
        Assert.Empty(await ForAsync(domain, leaving.Id));
        var notice = Assert.Single(await ForAsync(domain, waiting.Id));
        Assert.Equal(new PromotionPayload(meeting.Id, 1), NotificationPayloads.Read<PromotionPayload>(notice.Payload));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PlannedMeeting_IsAnnouncedOnce_ToResidentsOfItsNeighbourhoodWithTheNewsConsent(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var wantsNews = await domain.ResidentAsync("news");
        var withdrew = await domain.ResidentAsync("withdrew");
        var noConsent = await domain.ResidentAsync("quiet");
        var elsewhere = await domain.ResidentAsync("nazareth", neighbourhood: "nazareth");
        foreach (var resident in new[] { wantsNews, withdrew, elsewhere })
        {
            await domain.Residents.GiveConsentAsync(resident.Id, ConsentKind.News);
        }

        await domain.Residents.WithdrawConsentAsync(withdrew.Id, ConsentKind.News);
        var meetings = new MeetingService(domain.MeetingStore, domain.Neighbourhoods, domain.Clock);

        var meeting = await meetings.PlanAsync("pottenberg", "Buurtavond", "Samen praten", "Buurthuis", Domain.Start.AddDays(7), Domain.Start.AddDays(7).AddHours(2), 30, "Trajekt");
        await meetings.PlanAsync("pottenberg", "Voorbeeld", "Zo werkt het", "Buurthuis", Domain.Start.AddDays(8), Domain.Start.AddDays(8).AddHours(2), 30, "Trajekt", isExample: true);

        var announcement = Assert.Single(await ForAsync(domain, wantsNews.Id));
        Assert.Equal(new AnnouncementPayload(AnnouncedItem.Meeting, meeting.Id), NotificationPayloads.Read<AnnouncementPayload>(announcement.Payload));
        Assert.Equal(SqlNotificationOutbox.AnnouncementKey(new AnnouncementPayload(AnnouncedItem.Meeting, meeting.Id), wantsNews.Id), announcement.DedupeKey);
        Assert.Empty(await ForAsync(domain, withdrew.Id));
        Assert.Empty(await ForAsync(domain, noConsent.Id));
        Assert.Empty(await ForAsync(domain, elsewhere.Id));

        // The same item again (a retried write) announces nothing twice.
        await using var connection = await db.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.Equal(0, await SqlNotificationOutbox.AnnounceAsync(db.Database, connection, transaction, new AnnouncementPayload(AnnouncedItem.Meeting, meeting.Id), ["pottenberg"], Domain.Start, Domain.Start));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreatedPoll_IsAnnouncedInEachOfItsNeighbourhoods_WhenItOpens(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var pottenberg = await domain.ResidentAsync("p");
        var nazareth = await domain.ResidentAsync("n", neighbourhood: "nazareth");
        await domain.Residents.GiveConsentAsync(pottenberg.Id, ConsentKind.News);
        await domain.Residents.GiveConsentAsync(nazareth.Id, ConsentKind.News);
        var opens = DateTimeOffset.UtcNow.AddDays(2);

        var poll = await domain.Polls.CreateAsync("Speelplekken", "Hoe vind je de speelplekken?", true, ["pottenberg", "nazareth"], opens, opens.AddDays(7), "manager");
        await domain.Polls.CreateAsync("Voorbeeld", "Zo werkt het", false, ["pottenberg"], opens, opens.AddDays(7), "manager", isExample: true);

        foreach (var resident in new[] { pottenberg, nazareth })
        {
            var announcement = Assert.Single(await ForAsync(domain, resident.Id));
            Assert.Equal(new AnnouncementPayload(AnnouncedItem.Poll, poll.Id), NotificationPayloads.Read<AnnouncementPayload>(announcement.Payload));
            Assert.Equal(opens.ToUnixTimeMilliseconds(), announcement.NextAttemptAt.ToUnixTimeMilliseconds());
        }

        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox"));
    }
}
