using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Digests;

public sealed class DigestQueriesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Queries_CountOneNeighbourhoodInOnePeriod(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var a = await domain.ResidentAsync("a");
        var b = await domain.ResidentAsync("b");
        await domain.SubmitAsync(a, "1");
        await domain.SubmitAsync(a, "2", analysis: Domain.Analysis("Hardrijders", ("mobility", 0.9)) with { Sentiment = new Sentiment(SentimentLabel.Negative, -0.8) });
        await domain.SubmitAsync(b, "3", analysis: Domain.Analysis("Fijn buurtfeest", ("community", 0.8), ("culture", 0.7)) with { Sentiment = new Sentiment(SentimentLabel.Positive, 0.9) });
        await domain.SubmitAsync(b, "4", neighbourhood: "nazareth");
        var meeting = await domain.MeetingAsync();
        await domain.Rsvps.RespondAsync(meeting.Id, a.Id, RsvpResponse.Yes);
        await domain.Rsvps.RespondAsync(meeting.Id, b.Id, RsvpResponse.No);
        var poll = await domain.Polls.CreateAsync("x", "y", false, ["pottenberg"], domain.Clock.GetUtcNow(), domain.Clock.GetUtcNow().AddDays(1), "m");
        await domain.Polls.RespondAsync(poll.Id, b.Id, "pottenberg", 3, null);
        domain.Clock.Advance(TimeSpan.FromDays(8));
        await domain.SubmitAsync(a, "later");
        var from = Domain.Start.AddDays(-1);
        var to = Domain.Start.AddDays(6);

        var perTheme = await domain.Digests.IdeasPerThemeAsync("pottenberg", from, to);
        var sentiment = await domain.Digests.SentimentSplitAsync("pottenberg", from, to);
        var participation = await domain.Digests.ParticipationAsync("pottenberg", from, to);

        Assert.Equal([("community", 1), ("culture", 1), ("mobility", 1), ("public-space", 1), ("safety", 1)], perTheme.OrderBy(t => t.ThemeId).ToList());
        Assert.Equal(2, sentiment[SentimentLabel.Negative]);
        Assert.Equal(1, sentiment[SentimentLabel.Positive]);
        Assert.Equal(0, sentiment[SentimentLabel.Mixed]);
        Assert.Equal(new VeerkrachtBot.Core.Digests.Participation(Ideas: 3, IdeaAuthors: 2, RsvpResidents: 1, PollRespondents: 1), participation);
    }
}
