using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Polls;

public sealed class PollResultsTests
{
    [Fact]
    public void Interval_IsTheStudentTInterval()
    {
        // t(0.975, 4) = 2.776445; sd = 1.581139: 3 ± 1.963243.
        var five = PollResultsService.Interval([1, 2, 3, 4, 5]);
        Assert.Equal(3, five.Mean, 9);
        Assert.Equal(1.036757, five.Lower, 5);
        Assert.Equal(4.963243, five.Upper, 5);

        // t(0.975, 9) = 2.262157; sd = 0.699206: 4.4 ± 0.500182.
        var ten = PollResultsService.Interval([4, 4, 5, 5, 5, 3, 4, 5, 4, 5]);
        Assert.Equal(3.899818, ten.Lower, 5);
        Assert.Equal(4.900182, ten.Upper, 5);
        Assert.Equal(10, ten.Count);

        var same = PollResultsService.Interval([4, 4, 4]);
        Assert.Equal((4.0, 4.0), (same.Lower, same.Upper));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Results_ShowOnlyWhatEnoughResidentsAreBehind(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var poll = await domain.Polls.CreateAsync("Speeltuin", "Wat vind je van de nieuwe speeltuin?", true, ["pottenberg", "nazareth"],
            domain.Clock.GetUtcNow(), domain.Clock.GetUtcNow().AddDays(7), "manager");
        string[] comments =
        [
            "De nieuwe speeltuin is prachtig, mijn kinderen spelen er elke dag",
            "Te weinig schaduw in de speeltuin, het is er bloedheet",
            "Bel me op 06-12345678 over de speeltuin",
        ];
        for (var i = 0; i < 13; i++)
        {
            var resident = await domain.ResidentAsync($"poll-{i}");
            await domain.Polls.RespondAsync(poll.Id, resident.Id, i < 11 ? "pottenberg" : "nazareth", 1 + (i % 5), i < comments.Length ? comments[i] : null);
        }

        var service = Service(domain);
        var results = await service.ResultsAsync(poll.Id);

        Assert.Equal(13, results.Respondents.Value);
        Assert.True(results.Open);
        Assert.Equal([3, 3, 3, 2, 2], results.Distribution!.Select(d => d.Count));
        Assert.Equal([23, 23, 23, 15, 15], results.Distribution!.Select(d => d.Percent));
        Assert.Equal(13, results.Mean!.Count);
        Assert.Equal(36 / 13.0, results.Mean.Mean, 9);
        // 2 answers from Nazareth would be hidden, and 11 from Pottenberg would give them away against the total.
        Assert.All(results.PerNeighbourhood, n => Assert.False(n.Respondents.Shown));
        Assert.Equal(3, results.Comments.Comments.Value);
        Assert.Null(results.Comments.SentimentPercentages);
        Assert.Contains("speeltuin", results.Comments.TopPhrases);
        Assert.NotEmpty(results.Comments.Quotes);
        Assert.DoesNotContain(results.Comments.Quotes, q => q.Contains("06-12345678", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Results_OfAFewAnswers_HideEverythingButThatThereAreFew(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var poll = await domain.Polls.CreateAsync("Bankjes", "Meer bankjes?", true, ["pottenberg"], domain.Clock.GetUtcNow(), domain.Clock.GetUtcNow().AddDays(7), "manager");
        for (var i = 0; i < 2; i++)
        {
            await domain.Polls.RespondAsync(poll.Id, (await domain.ResidentAsync($"few-{i}")).Id, "pottenberg", 5, "Ja graag bankjes bij de bushalte");
        }

        var results = await Service(domain).ResultsAsync(poll.Id);

        Assert.False(results.Respondents.Shown);
        Assert.Null(results.Distribution);
        Assert.Null(results.Mean);
        Assert.False(results.Comments.Comments.Shown);
        Assert.Empty(results.Comments.Quotes);
        Assert.Empty(results.Comments.TopPhrases);
    }

    private static PollResultsService Service(Domain domain) =>
        new(domain.Database, domain.PollStore, new LocalTextAnalyzer(LanguageModel.LoadEmbedded(), new ThemeCatalog([])), Options.Create(new DigestOptions()), domain.Clock);
}
