using System.Text.Json;
using Dapper;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Privacy;

public sealed class ResidentDataTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_ContainsEverythingOfTheResidentAndNothingOfOthers(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var (resident, _, _) = await PopulateAsync(domain);
        var neighbour = await domain.ResidentAsync("neighbour");
        await domain.SubmitAsync(neighbour, "neighbour-idea", analysis: Domain.Analysis("Van de buurman"));

        var json = await domain.Data.ExportJsonAsync(resident.Id);

        using var export = JsonDocument.Parse(json!);
        var root = export.RootElement;
        Assert.Equal(resident.Id, root.GetProperty("resident").GetProperty("id").GetString());
        Assert.Equal(2, root.GetProperty("ideas").GetArrayLength());
        Assert.Equal("InDiscussion", root.GetProperty("ideas")[1].GetProperty("history")[1].GetProperty("status").GetString());
        Assert.Equal("Buurtavond", root.GetProperty("rsvps")[0].GetProperty("meetingTitle").GetString());
        Assert.Equal(4, root.GetProperty("pollAnswers")[0].GetProperty("score").GetInt32());
        Assert.Equal("Contact", root.GetProperty("consents")[0].GetProperty("kind").GetString());
        Assert.DoesNotContain("Van de buurman", json, StringComparison.Ordinal);
        Assert.Null(await domain.Data.ExportJsonAsync("r_unknown"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erase_RemovesOrAnonymisesEveryRow_AndFreesPlaces(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var (resident, meeting, poll) = await PopulateAsync(domain);
        var waiting = await domain.ResidentAsync("waiting");
        await domain.Rsvps.RespondAsync(meeting.Id, waiting.Id, RsvpResponse.Yes);

        var report = await domain.Data.EraseAsync(resident.Id);

        Assert.True(report.ResidentFound);
        Assert.Equal(2, report.IdeasAnonymised);
        Assert.Equal(1, report.RsvpsDeleted);
        Assert.Equal(1, report.PollAnswersAnonymised);
        Assert.Equal(1, report.ConsentsDeleted);
        Assert.Null(await domain.ResidentStore.FindAsync(resident.Id));
        Assert.Null(await domain.Data.ExportAsync(resident.Id));
        Assert.Equal(RsvpStatus.Confirmed, (await domain.MeetingStore.GetRsvpAsync(meeting.Id, waiting.Id))!.Status);

        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ideas WHERE resident_id IS NOT NULL OR original_text IS NOT NULL OR redacted_text <> '' OR contact_detail IS NOT NULL"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ideas"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM poll_responses WHERE resident_id IS NOT NULL OR comment IS NOT NULL"));
        // The statistics stay: themes and the anonymous score still count.
        Assert.Equal(1, (await domain.PollStore.ResultsAsync(poll)).Responses);
        Assert.NotEmpty(await domain.Digests.IdeasPerThemeAsync("pottenberg", Domain.Start.AddDays(-1), Domain.Start.AddDays(1)));
        var again = await domain.Data.EraseAsync(resident.Id);
        Assert.False(again.ResidentFound);
    }

    private static async Task<(Resident Resident, Meeting Meeting, string PollId)> PopulateAsync(Domain domain)
    {
        var resident = await domain.ResidentAsync();
        await domain.Residents.GiveConsentAsync(resident.Id, ConsentKind.Contact);
        var (idea, _) = await domain.SubmitAsync(resident, "idea-1");
        await domain.Ideas.SetContactAsync(idea.Id, true, "bewoner@example.nl");
        await domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, "Op de agenda", "anne");
        domain.Clock.Advance(TimeSpan.FromMinutes(1));
        await domain.SubmitAsync(resident, "idea-2", analysis: Domain.Analysis("Meer bankjes in het park", ("public-space", 0.8)));
        var meeting = await domain.MeetingAsync(capacity: 1);
        await domain.Rsvps.RespondAsync(meeting.Id, resident.Id, RsvpResponse.Yes);
        var poll = await domain.Polls.CreateAsync("Park", "Hoe vind je het park?", true, ["pottenberg"], domain.Clock.GetUtcNow(), domain.Clock.GetUtcNow().AddDays(3), "manager");
        await domain.Polls.RespondAsync(poll.Id, resident.Id, "pottenberg", 4, "Mooi, maar vies");
        return (resident, meeting, poll.Id);
    }
}
