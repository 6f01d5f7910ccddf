using System.Text;
using Newtonsoft.Json;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Prompts;

/// <summary>Every card the bot sent in a walk through all flows stays within what Teams and Web Chat accept.</summary>
public sealed class EveryCardTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly BotHost _host = new BotHost().With("Demo:Enabled", "true");

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task EveryCard_IsSchema15_SubmitOrOpenUrlOnly_AtMostFiveActionsPerSet_Under28KB_WithFallbackText()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = _host.CreateHttpClient();
        var cards = await CardTour.RunInBothLanguagesAsync(client, connector);

        Assert.True(cards.Count >= 40, $"The tour collected only {cards.Count} cards.");
        output.WriteLine($"{cards.Count} cards; largest {cards.Max(c => Encoding.UTF8.GetByteCount(c.Card.ToString(Formatting.None))):N0} bytes");
        Assert.All(cards, c => CardLimits.AssertFits(c.Name, c.Card));
    }
}
