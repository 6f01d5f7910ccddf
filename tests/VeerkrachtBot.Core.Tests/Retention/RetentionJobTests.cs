using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Retention;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Retention;

/// <summary>
/// The daily retention run with a fake clock: each period removes exactly the rows past it and nothing else, the
/// neighbourhood's figures keep what they need, and one run a day happens whatever the number of instances. Runs on
/// SQLite here and on SQL Server when VEERKRACHT_TEST_SQLSERVER is set.
/// </summary>
public sealed class RetentionJobTests
{
    // Periods that differ, so each rule is seen on its own: own texts 6 months, contact details 9, residents 12.
    private static readonly RetentionOptions Periods = new()
    {
        OriginalTextRetentionMonths = 6,
        ContactDetailRetentionMonths = 9,
        InactiveResidentMonths = 12,
        TranscriptRetentionMonths = 3,
    };

    private static readonly DateTimeOffset RunAt = Domain.Start.AddMonths(13);

    private static async Task<TestDatabase> DatabaseAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await db.Runner(null, new RetentionMigrations()).ApplyAsync();
        return db;
    }

    private static RetentionJob Job(Domain domain, IDatabase? database = null) =>
        new(database ?? domain.Database, Options.Create(Periods), domain.Clock, [domain.Outbox], [], NullLogger<RetentionJob>.Instance);

    private sealed record Residents(Resident Inactive, Resident WithComingMeeting, Resident TenMonths, Resident SevenMonths, Resident JustInside, string PollId, string PastMeetingId, string ComingMeetingId);

    /// <summary>Residents last seen 13, 13 (with a meeting still to come), 10 and 7 months before the run, and one a minute inside the shortest period.</summary>
    private static async Task<Residents> PopulateAsync(Domain domain)
    {
        var inactive = await domain.ResidentAsync("inactive");
        await domain.Residents.GiveConsentAsync(inactive.Id, ConsentKind.Contact);
        await IdeaAsync(domain, inactive, "inactive-idea");
        var pastMeeting = await domain.MeetingAsync();
        await domain.Rsvps.RespondAsync(pastMeeting.Id, inactive.Id, RsvpResponse.Yes);
        var poll = await domain.Polls.CreateAsync("Park", "Hoe vind je het park?", true, ["pottenberg"], domain.Clock.GetUtcNow(), domain.Clock.GetUtcNow().AddDays(3), "manager");
        await domain.Polls.RespondAsync(poll.Id, inactive.Id, "pottenberg", 4, "Mooi, maar vies");
        await domain.Outbox.EnqueueAsync(new NewNotification(Recipient.Resident(inactive.Id), NotificationKind.IdeaStatus, "{}", "retention-test"));

        var withComingMeeting = await domain.ResidentAsync("coming");
        await IdeaAsync(domain, withComingMeeting, "coming-idea");
        var comingMeeting = await domain.MeetingAsync(startsIn: TimeSpan.FromDays(400));
        await domain.Rsvps.RespondAsync(comingMeeting.Id, withComingMeeting.Id, RsvpResponse.Yes);

        domain.Clock.SetUtcNow(Domain.Start.AddMonths(3));
        var tenMonths = await domain.ResidentAsync("ten");
        await IdeaAsync(domain, tenMonths, "ten-idea");

        domain.Clock.SetUtcNow(Domain.Start.AddMonths(6));
        var sevenMonths = await domain.ResidentAsync("seven");
        await IdeaAsync(domain, sevenMonths, "seven-idea");

        domain.Clock.SetUtcNow(RunAt.AddMonths(-6).AddMinutes(1));
        var justInside = await domain.ResidentAsync("inside");
        await IdeaAsync(domain, justInside, "inside-idea");

        domain.Clock.SetUtcNow(RunAt);
        return new Residents(inactive, withComingMeeting, tenMonths, sevenMonths, justInside, poll.Id, pastMeeting.Id, comingMeeting.Id);
    }

    private static async Task IdeaAsync(Domain domain, Resident resident, string sourceKey)
    {
        var (idea, _) = await domain.SubmitAsync(resident, sourceKey, keepOriginal: true);
        await domain.Ideas.SetContactAsync(idea.Id, true, $"{sourceKey}@example.nl");
    }

    private static async Task<(string? ResidentId, string? Original, string? Contact, bool ContactAllowed, string Redacted, string SourceKey, string Id)> IdeaOfAsync(IDatabase database, string sourceKeyOrId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleAsync<(string?, string?, string?, bool, string, string, string)>(
            "SELECT resident_id, original_text, contact_detail, contact_allowed, redacted_text, source_key, id FROM ideas WHERE source_key = @key OR id = @key", new { key = sourceKeyOrId });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_RemovesExactlyWhatIsPastItsPeriod(string provider)
    {
        await using var db = await DatabaseAsync(provider);
        var domain = new Domain(db.Database);
        var residents = await PopulateAsync(domain);
        var inactiveIdea = await IdeaOfAsync(db.Database, "inactive-idea");

        var report = await Job(domain).RunDueAsync();

        Assert.True(report.Ran);
        Assert.Equal("2027-12-27", report.Day);
        Assert.Equal(4, report.OriginalTexts); // 13, 13 (coming meeting), 10 and 7 months
        Assert.Equal(3, report.ContactDetails); // 13, 13 and 10 months
        Assert.Equal(1, report.ResidentsAnonymised);

        // Inactive 13 months: the code and everything pointing to it are gone; the idea still counts for the neighbourhood.
        Assert.Null(await domain.ResidentStore.FindAsync(residents.Inactive.Id));
        var anonymised = await IdeaOfAsync(db.Database, inactiveIdea.Id);
        Assert.Equal((null, null, null, false), (anonymised.ResidentId, anonymised.Original, anonymised.Contact, anonymised.ContactAllowed));
        Assert.Equal(inactiveIdea.Redacted, anonymised.Redacted);
        Assert.Equal(anonymised.Id, anonymised.SourceKey);
        Assert.Contains(await domain.Digests.IdeasPerThemeAsync("pottenberg", Domain.Start.AddDays(-1), Domain.Start.AddDays(1)), t => t.ThemeId == "public-space");
        Assert.Equal(1, (await domain.PollStore.ResultsAsync(residents.PollId)).Responses);
        await using (var connection = await db.Database.OpenAsync())
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rsvps WHERE resident_id = @id", new { id = residents.Inactive.Id }));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM resident_consents WHERE resident_id = @id", new { id = residents.Inactive.Id }));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM poll_responses WHERE resident_id = @id", new { id = residents.Inactive.Id }));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox WHERE recipient_id = @id", new { id = residents.Inactive.Id }));
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM poll_responses WHERE poll_id = @id AND score = 4", new { id = residents.PollId }));
        }

        // Silent as long, but with a meeting to come: kept, without own text or contact details.
        Assert.NotNull(await domain.ResidentStore.FindAsync(residents.WithComingMeeting.Id));
        Assert.NotNull(await domain.MeetingStore.GetRsvpAsync(residents.ComingMeetingId, residents.WithComingMeeting.Id));
        var coming = await IdeaOfAsync(db.Database, "coming-idea");
        Assert.Equal((residents.WithComingMeeting.Id, null, null, false), (coming.ResidentId, coming.Original, coming.Contact, coming.ContactAllowed));

        var ten = await IdeaOfAsync(db.Database, "ten-idea");
        Assert.Equal((residents.TenMonths.Id, null, null, false), (ten.ResidentId, ten.Original, ten.Contact, ten.ContactAllowed));

        var seven = await IdeaOfAsync(db.Database, "seven-idea");
        Assert.Equal((residents.SevenMonths.Id, null, "seven-idea@example.nl", true), (seven.ResidentId, seven.Original, seven.Contact, seven.ContactAllowed));

        var inside = await IdeaOfAsync(db.Database, "inside-idea");
        Assert.Equal((residents.JustInside.Id, "inside-idea@example.nl", true), (inside.ResidentId, inside.Contact, inside.ContactAllowed));
        Assert.NotNull(inside.Original);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SecondRunTheSameDay_DoesNothing_AndTheNextDayRunsAgain(string provider)
    {
        await using var db = await DatabaseAsync(provider);
        var domain = new Domain(db.Database);
        await PopulateAsync(domain);
        Assert.True((await Job(domain).RunDueAsync()).Ran);

        // Later that day the last resident's own text is due too, but today's run is done.
        domain.Clock.Advance(TimeSpan.FromMinutes(2));
        var again = await Job(domain).RunDueAsync();

        Assert.False(again.Ran);
        Assert.NotNull((await IdeaOfAsync(db.Database, "inside-idea")).Original);

        domain.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await Job(domain).RunDueAsync();

        Assert.True(tomorrow.Ran);
        Assert.Equal(1, tomorrow.OriginalTexts);
        Assert.Null((await IdeaOfAsync(db.Database, "inside-idea")).Original);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoInstancesAtOnce_RunIt_Once(string provider)
    {
        await using var db = await DatabaseAsync(provider);
        var domain = new Domain(db.Database);
        await PopulateAsync(domain);

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => Job(domain, db.OpenAnother()).RunDueAsync())));

        var ran = Assert.Single(reports, r => r.Ran);
        Assert.Equal(1, ran.ResidentsAnonymised);
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM retention_runs"));
        Assert.Contains("\"residentsAnonymised\":1", await connection.ExecuteScalarAsync<string>("SELECT report FROM retention_runs"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StateDocuments_UntouchedForTheInactivePeriod_AreDeleted(string provider)
    {
        await using var db = await DatabaseAsync(provider);
        var domain = new Domain(db.Database);
        var state = new StateStore(db.Database, domain.Clock);
        await state.WriteAsync("directline/conversations/old", "{}", null);
        domain.Clock.SetUtcNow(RunAt.AddMonths(-12).AddMinutes(1));
        await state.WriteAsync("directline/conversations/recent", "{}", null);
        domain.Clock.SetUtcNow(RunAt);

        var report = await Job(domain).RunDueAsync();

        Assert.Equal(1, report.StateDocuments);
        var left = await state.ReadAsync(["directline/conversations/old", "directline/conversations/recent"]);
        Assert.Equal(["directline/conversations/recent"], left.Keys);
    }

    [Fact]
    public void Cutoffs_AreCalendarMonthsBeforeTheRun()
    {
        var cutoffs = new RetentionOptions().CutoffsAt(new DateTimeOffset(2027, 3, 31, 6, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 31, 6, 0, 0, TimeSpan.Zero), cutoffs.OriginalTexts);
        Assert.Equal(cutoffs.OriginalTexts, cutoffs.ContactDetails);
        Assert.Equal(cutoffs.OriginalTexts, cutoffs.InactiveResidents);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 6, 0, 0, TimeSpan.Zero), cutoffs.Transcripts);
    }
}
