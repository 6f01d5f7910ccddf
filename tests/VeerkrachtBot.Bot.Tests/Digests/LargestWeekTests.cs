using System.Text;
using Newtonsoft.Json;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using Xunit.Abstractions;

namespace VeerkrachtBot.Bot.Tests.Digests;

public sealed class LargestWeekTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DigestCard_OfAThousandIdeasInOneNeighbourhood_StaysUnder28KB()
    {
        await using var seed = await DigestSeed.CreateAsync(fillerPerWeek: 1200);
        var digest = await seed.Builder().BuildAsync(new DigestFilter(["pottenberg"], []), DigestSeed.Week);

        var card = DigestCard.Build(digest, new DigestCardContext(new NeighbourhoodCatalog([]), new ThemeCatalog([]),
            new Uri("https://veerkrachtbot.example.org/api/charts/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.png")));
        var bytes = Encoding.UTF8.GetByteCount(card.ToString(Formatting.None));
        output.WriteLine($"{digest.Participation.Ideas.Value} ideas, {digest.Clusters.Count} clusters shown: card {bytes:N0} bytes");

        Assert.True(digest.Participation.Ideas.Value >= 1000);
        Assert.Equal(new DigestOptions().MaxClusters, digest.Clusters.Count);
        DigestCardTests.AssertFits("largest week", card);
    }
}
