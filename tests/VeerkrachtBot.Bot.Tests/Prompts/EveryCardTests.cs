using System.Text;
using Newtonsoft.Json;
using VeerkrachtBot.Bot.Conversations;
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
        var cards = (await CardTour.RunAsync(client, connector, BotTexts.Dutch)).Concat(await CardTour.RunAsync(client, connector, BotTexts.English)).ToList();

        Assert.True(cards.Count >= 40, $"The tour collected only {cards.Count} cards.");
        output.WriteLine($"{cards.Count} cards; largest {cards.Max(c => Encoding.UTF8.GetByteCount(c.Card.ToString(Formatting.None))):N0} bytes");
        Assert.All(cards, c =>
        {
            Assert.Equal("1.5", c.Card.Value<string>("version"));
            Assert.All(c.Card.SelectTokens("$..type").Select(t => t.ToString()).Where(t => t.StartsWith("Action.", StringComparison.Ordinal)),
                type => Assert.Contains(type, new[] { "Action.Submit", "Action.OpenUrl" }));
            Assert.All(c.Card.SelectTokens("$..actions").OfType<Newtonsoft.Json.Linq.JArray>(), set => Assert.True(set.Count <= 5, $"{c.Name}: more than five actions in a set"));
            Assert.True(Encoding.UTF8.GetByteCount(c.Card.ToString(Formatting.None)) < 28 * 1024, $"{c.Name}: over 28 KB");
            Assert.False(string.IsNullOrWhiteSpace(c.Card.Value<string>("fallbackText")), $"{c.Name}: no fallback text");
            Assert.Empty(c.Card.SelectTokens("$..[?(@.type == 'TextBlock')]"));
        });
    }
}
