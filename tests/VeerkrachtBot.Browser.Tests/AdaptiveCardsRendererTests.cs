using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Bot.Tests.Digests;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Prompts;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>
/// Every card the bot can send is parsed, validated and rendered by the official Adaptive Cards renderer
/// (npm adaptivecards) in Chromium: no parse events, no validation events, no exceptions.
/// </summary>
public sealed class AdaptiveCardsRendererTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    /// <summary>All cards the bot sends, in every language. New card builders add their cases here.</summary>
    public static TheoryData<string, string> Cards()
    {
        var data = new TheoryData<string, string>();
        foreach (var texts in new[] { BotTexts.Dutch, BotTexts.English })
        {
            var lang = texts.Language.ToString();
            data.Add($"menu-welcome-{lang}", PromptCard.Build(MainMenu.Build(texts, texts.Welcome)).ToString(Formatting.None));
        }

        data.Add("everything", PromptCard.Build(PromptCardTests.Everything()).ToString(Formatting.None));
        data.Add("digest", DigestCard.Build(DigestSamples.Full(), DigestSamples.Context()).ToString(Formatting.None));
        data.Add("digest-empty", DigestCard.Build(DigestSamples.Empty(), DigestSamples.Context()).ToString(Formatting.None));
        data.Add("poll-results-open", PollResultsCard.Build(DigestSamples.Poll(), DigestSamples.PollContext()).ToString(Formatting.None));
        data.Add("poll-results-closed", PollResultsCard.Build(DigestSamples.Poll(open: false), DigestSamples.PollContext()).ToString(Formatting.None));
        return data;
    }

    private const string Check = """
        (json) => {
          const card = new AdaptiveCards.AdaptiveCard();
          const context = new AdaptiveCards.SerializationContext();
          card.parse(JSON.parse(json), context);
          const problems = [];
          for (let i = 0; i < context.eventCount; i++) problems.push('parse: ' + context.getEventAt(i).message);
          for (const e of card.validateProperties().validationEvents) problems.push('validate: ' + e.message);
          const element = card.render();
          if (!element) problems.push('render: nothing rendered');
          return problems;
        }
        """;

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task Card_ParsesValidatesAndRendersCleanly(string name, string json)
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("about:blank");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = RendererPath() });

        var problems = await page.EvaluateAsync<string[]>(Check, json);

        Assert.True(problems.Length == 0, $"{name}: {string.Join("; ", problems)}");
        Assert.Equal("1.5", JObject.Parse(json).Value<string>("version"));
    }

    [Fact]
    public async Task EveryCardOfEveryFlow_ParsesValidatesAndRendersCleanly()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = host.CreateHttpClient();
        var cards = await CardTour.RunInBothLanguagesAsync(client, connector);
        var page = await host.NewPageAsync();
        await page.GotoAsync("about:blank");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = RendererPath() });

        var problems = new List<string>();
        foreach (var (name, card) in cards)
        {
            problems.AddRange((await page.EvaluateAsync<string[]>(Check, card.ToString(Formatting.None))).Select(p => $"{name}: {p}"));
        }

        Assert.True(cards.Count >= 40, $"The tour collected only {cards.Count} cards.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Check_DetectsABrokenCard()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("about:blank");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = RendererPath() });

        var problems = await page.EvaluateAsync<string[]>(Check, """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Frobnicator"}],"actions":[{"type":"Action.Submit"},{"type":"Action.Submit"}]}""");

        Assert.NotEmpty(problems);
    }

    private static string RendererPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "VeerkrachtBot.sln")))
        {
            folder = folder.Parent;
        }

        var path = Path.Combine(folder?.FullName ?? ".", "src", "Bot", "node_modules", "adaptivecards", "dist", "adaptivecards.min.js");
        return File.Exists(path) ? path : throw new FileNotFoundException("The adaptivecards npm package is missing; building src/Bot runs npm ci.", path);
    }
}
