using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Professionals;

/// <summary>Every card a professional gets in a walk through all commands stays within what Teams accepts, and residents' words stay inert.</summary>
public sealed class EveryProfessionalCardTests(TeamsHost host, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TeamsHost>
{
    [Fact]
    public async Task EveryCard_IsSchema15_SubmitOrTheRefreshOnly_AtMostFiveActionsPerSet_Under28KB_WithFallbackText_AndNoMarkdown()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = host.CreateHttpClient();
        var cards = new List<(string Name, JObject Card)>();
        cards.AddRange(await ProfessionalCardTour.RunAsync(host, client, connector, TeamsHost.Municipality, TeamsHost.Manager));
        cards.AddRange(await ProfessionalCardTour.RunAsync(host, client, connector, TeamsHost.Municipality, TeamsHost.Manager, "en-GB"));

        output.WriteLine($"{cards.Count} cards; largest {cards.Max(c => Encoding.UTF8.GetByteCount(c.Card.ToString(Formatting.None))):N0} bytes");
        Assert.True(cards.Count >= 50, $"The tour collected only {cards.Count} cards.");
        Assert.All(cards, c => AssertFits(c.Name, c.Card));
        Assert.Contains(cards, c => c.Card["refresh"] is not null);
    }

    /// <summary>Like CardLimits for residents, with Action.Execute allowed only as the card's refresh.</summary>
    internal static void AssertFits(string name, JObject card)
    {
        var withoutRefresh = (JObject)card.DeepClone();
        var refresh = withoutRefresh["refresh"];
        withoutRefresh.Remove("refresh");
        if (refresh is not null)
        {
            Assert.Equal("Action.Execute", refresh.SelectToken("action.type")?.ToString());
            Assert.InRange(refresh["userIds"]!.Count(), 1, 60);
        }

        CardLimits.AssertFits(name, withoutRefresh);
        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) < 28 * 1024, $"{name}: over 28 KB");
    }
}
