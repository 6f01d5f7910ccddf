using Dapper;
using VeerkrachtBot.Core.Evaluations;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Tests.Pulse;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Evaluations;

public sealed class EvaluationStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MeetingEvaluation_IsForThoseGoing_AfterTheEnd_CountedOnce_WithARedactedComment(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var going = (await f.Domain.ResidentAsync()).Id;
        var notGoing = (await f.Domain.ResidentAsync("other")).Id;
        var meeting = await f.Domain.MeetingAsync();
        await f.Domain.Rsvps.RespondAsync(meeting.Id, going, RsvpResponse.Yes);
        await f.Domain.Rsvps.RespondAsync(meeting.Id, notGoing, RsvpResponse.No);

        var beforeEnd = await f.Evaluation.MayEvaluateAsync(going, "pottenberg", EvaluationSubject.Meeting, meeting.Id);
        f.Domain.Clock.Advance(TimeSpan.FromDays(8));
        var first = await f.Evaluation.EvaluateAsync(going, "pottenberg", EvaluationSubject.Meeting, meeting.Id, 3, null);
        var again = await f.Evaluation.EvaluateAsync(going, "pottenberg", EvaluationSubject.Meeting, meeting.Id, 5, "Fijn! Bel me op 06-12345678");

        Assert.False(beforeEnd);
        Assert.False(first);
        Assert.True(again);
        var stored = await f.Evaluations.GetAsync(going, EvaluationSubject.Meeting, meeting.Id);
        Assert.Equal(5, stored!.Score);
        Assert.DoesNotContain("12345678", stored.Comment, StringComparison.Ordinal);
        Assert.Equal(1, await db.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM evaluations")));
        Assert.Equal(AttendanceSource.Resident, Assert.Single(await f.Evaluations.AttendanceAsync(meeting.Id)).Source);
        Assert.Equal(RuleCode.NotFound, (await Assert.ThrowsAsync<RuleViolation>(() => f.Evaluation.EvaluateAsync(notGoing, "pottenberg", EvaluationSubject.Meeting, meeting.Id, 4, null))).Code);
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Evaluation.EvaluateAsync(going, "pottenberg", EvaluationSubject.Meeting, meeting.Id, 6, null))).Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PollAndIdeaStatus_AreEvaluatedByTheirResidents_Only(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var resident = await f.Domain.ResidentAsync();
        var nazareth = (await f.Domain.ResidentAsync("n", neighbourhood: "nazareth")).Id;
        var other = (await f.Domain.ResidentAsync("other")).Id;
        var poll = await f.Domain.Polls.CreateAsync("Speeltuin", "Hoe vind je de speeltuin?", true, ["pottenberg"], f.Domain.Clock.GetUtcNow(), f.Domain.Clock.GetUtcNow().AddDays(3), "pm");
        var (idea, _) = await f.Domain.SubmitAsync(resident, "k1");
        await f.Domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, "We gaan het doen", "pro");
        var subject = Evaluation.IdeaStatusSubject(idea.Id, IdeaStatus.InDiscussion);

        var whileOpen = await f.Evaluation.MayEvaluateAsync(resident.Id, "pottenberg", EvaluationSubject.Poll, poll.Id);
        await f.Domain.Polls.CloseAsync(poll.Id, "pm");

        Assert.False(whileOpen);
        Assert.True(await f.Evaluation.MayEvaluateAsync(resident.Id, "pottenberg", EvaluationSubject.Poll, poll.Id));
        Assert.False(await f.Evaluation.MayEvaluateAsync(nazareth, "nazareth", EvaluationSubject.Poll, poll.Id));
        Assert.True(await f.Evaluation.MayEvaluateAsync(resident.Id, "pottenberg", EvaluationSubject.IdeaStatus, subject));
        Assert.False(await f.Evaluation.MayEvaluateAsync(other, "pottenberg", EvaluationSubject.IdeaStatus, subject));
        Assert.False(await f.Evaluation.MayEvaluateAsync(resident.Id, "pottenberg", EvaluationSubject.IdeaStatus, Evaluation.IdeaStatusSubject(idea.Id, IdeaStatus.Done)));
        Assert.False(await f.Evaluation.MayEvaluateAsync(resident.Id, "pottenberg", EvaluationSubject.IdeaStatus, "nonsense"));
        Assert.False(await f.Evaluation.EvaluateAsync(resident.Id, "pottenberg", EvaluationSubject.Poll, poll.Id, 2, null));
        Assert.False(await f.Evaluation.EvaluateAsync(resident.Id, "pottenberg", EvaluationSubject.IdeaStatus, subject, 4, "Goed zo"));
        Assert.True(await f.Evaluation.CommentAsync(resident.Id, EvaluationSubject.Poll, poll.Id, "Meer bankjes graag"));
        Assert.Equal((2, "Meer bankjes graag"), (await f.Evaluations.GetAsync(resident.Id, EvaluationSubject.Poll, poll.Id)) is { } e ? (e.Score, e.Comment) : default);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EndedMeeting_AsksEachResidentGoingOnce_HoweverOftenItIsChecked(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var going = (await f.Domain.ResidentAsync()).Id;
        var waiting = (await f.Domain.ResidentAsync("w")).Id;
        var maybe = (await f.Domain.ResidentAsync("m")).Id;
        var meeting = await f.Domain.MeetingAsync(capacity: 1);
        var later = await f.Domain.MeetingAsync(startsIn: TimeSpan.FromDays(30));
        await f.Domain.Rsvps.RespondAsync(meeting.Id, going, RsvpResponse.Yes);
        await f.Domain.Rsvps.RespondAsync(meeting.Id, waiting, RsvpResponse.Yes);
        await f.Domain.Rsvps.RespondAsync(meeting.Id, maybe, RsvpResponse.Maybe);
        await f.Domain.Rsvps.RespondAsync(later.Id, going, RsvpResponse.Yes);

        var beforeEnd = await f.Evaluation.InviteAfterMeetingsAsync();
        f.Domain.Clock.Advance(TimeSpan.FromDays(8));
        var afterEnd = await f.Evaluation.InviteAfterMeetingsAsync();
        var again = await new EvaluationService(new SqlEvaluationStore(db.OpenAnother()), f.Domain.MeetingStore, f.Domain.PollStore, f.Domain.IdeaStore, f.Domain.Clock).InviteAfterMeetingsAsync();

        Assert.Equal((0, 1, 0), (beforeEnd, afterEnd, again));
        var sent = await f.Domain.Outbox.FindAsync($"evaluation:meeting:{meeting.Id}:{going}");
        Assert.Equal((NotificationKind.Evaluation, RecipientKind.Resident), (sent!.Kind, sent.Recipient.Kind));
        Assert.Equal(new EvaluationPayload(EvaluationSubject.Meeting, meeting.Id), NotificationPayloads.Read<EvaluationPayload>(sent.Payload));
        Assert.Null(await f.Domain.Outbox.FindAsync($"evaluation:meeting:{meeting.Id}:{waiting}"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MeetingLongOver_IsNotAskedAbout(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var going = (await f.Domain.ResidentAsync()).Id;
        var meeting = await f.Domain.MeetingAsync();
        await f.Domain.Rsvps.RespondAsync(meeting.Id, going, RsvpResponse.Yes);

        f.Domain.Clock.Advance(TimeSpan.FromDays(7) + EvaluationService.AskWithin + TimeSpan.FromHours(3));

        Assert.Equal(0, await f.Evaluation.InviteAfterMeetingsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MyData_ExportsAndErasesEveryNewTable_KeepingScoresWithoutAuthor(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var resident = (await f.Domain.ResidentAsync()).Id;
        var other = (await f.Domain.ResidentAsync("other")).Id;
        var meeting = await f.Domain.MeetingAsync();
        await f.Domain.Rsvps.RespondAsync(meeting.Id, resident, RsvpResponse.Yes);
        await f.Pulse.RecordOfferAsync(resident);
        await f.Pulse.DecideAsync(resident, accepted: true);
        await f.Pulse.AnswerAsync(resident, "pottenberg", PulseGoals.Agency, 4);
        await f.Pulse.AnswerAsync(other, "pottenberg", PulseGoals.Agency, 2);
        await f.Pulse.SetBackgroundAsync(resident, BackgroundQuestion.YearsInNeighbourhood, "10-plus");
        f.Domain.Clock.Advance(TimeSpan.FromDays(8));
        await f.Evaluation.EvaluateAsync(resident, "pottenberg", EvaluationSubject.Meeting, meeting.Id, 4, "Gezellig");

        var export = await f.Data.ExportAsync(resident);
        var erased = await f.Data.EraseAsync(resident);

        var pulse = Assert.IsType<SqlPulseStore.ExportedPulse>(export!.Parts["pulse"]);
        Assert.Equal(4, pulse.Answers.Single().Score);
        Assert.Equal(PulseOfferOutcome.Accepted, pulse.Offers.Single().Outcome);
        Assert.Equal("10-plus", Assert.IsType<ResidentBackground>(export.Parts["background"]).YearsBand);
        var evaluations = Assert.IsType<SqlEvaluationStore.ExportedEvaluations>(export.Parts["evaluations"]);
        Assert.Equal("Gezellig", evaluations.Evaluations.Single().Comment);
        Assert.Equal(meeting.Id, evaluations.Attended.Single().MeetingId);

        Assert.Equal(2, erased.PartsErased["pulse"]);
        Assert.Equal(1, erased.PartsErased["background"]);
        Assert.Equal(2, erased.PartsErased["evaluations"]);
        foreach (var table in new[] { "pulse_responses", "pulse_offers", "resident_background", "evaluations", "meeting_attendance" })
        {
            Assert.Equal(0, await db.Database.ReadAsync(c => c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE resident_id = @resident", new { resident })));
        }

        Assert.Equal(2, await db.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pulse_responses WHERE item_key = 'agency'")));
        Assert.Equal(1, await db.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM evaluations WHERE resident_id IS NULL AND comment IS NULL AND score = 4")));
        Assert.Single(await f.Store.AnswersAsync(other, "2026-Q4"));
    }
}
