using Microsoft.Playwright;
using Newtonsoft.Json;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Professionals;
using VeerkrachtBot.Tools.Commands;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>
/// The professionals' cards in the official renderer: every card of the Teams tour parses, validates and renders
/// without a problem, and the preview page that 'veerkracht cards' writes renders them all and is screenshotted for review.
/// </summary>
public sealed class ProfessionalCardsTests : IAsyncLifetime
{
    private readonly BrowserHost _host = (BrowserHost)new BrowserHost()
        .With("Teams:AllowedTenants:0", TeamsHost.Municipality)
        .With("Teams:ProgrammeManagers:0", TeamsHost.Manager);

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)_host).DisposeAsync();

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

    [Fact]
    public async Task EveryProfessionalCardOfTheTeamsTour_ParsesValidatesAndRendersCleanly()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = _host.CreateHttpClient();
        var cards = new List<(string Name, Newtonsoft.Json.Linq.JObject Card)>();
        cards.AddRange(await ProfessionalCardTour.RunAsync(_host, client, connector, TeamsHost.Municipality, TeamsHost.Manager));
        cards.AddRange(await ProfessionalCardTour.RunAsync(_host, client, connector, TeamsHost.Municipality, TeamsHost.Manager, "en-GB"));
        var page = await _host.NewPageAsync();
        await page.GotoAsync("about:blank");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = RendererPath() });

        var problems = new List<string>();
        foreach (var (name, card) in cards)
        {
            problems.AddRange((await page.EvaluateAsync<string[]>(Check, card.ToString(Formatting.None))).Select(p => $"{name}: {p}"));
        }

        Assert.True(cards.Count >= 50, $"The tour collected only {cards.Count} cards.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task TheCardPreviewPage_RendersEveryCardWithoutProblems_AndIsScreenshotted()
    {
        var folder = Path.Combine(Path.GetTempPath(), "veerkracht-card-preview-" + Guid.NewGuid().ToString("N"));
        try
        {
            var count = await CardsCommand.WriteAsync(folder);
            var page = await _host.NewPageAsync(1400, 900);
            await page.GotoAsync(new Uri(Path.Combine(folder, "index.html")).AbsoluteUri);
            await page.WaitForSelectorAsync(".card .host .ac-adaptiveCard");

            var problems = await page.EvaluateAsync<string[]>("() => window.cardProblems");
            var rendered = await page.Locator(".card .host .ac-adaptiveCard").CountAsync();

            Assert.True(count >= 30, $"only {count} cards");
            Assert.Equal(count, rendered);
            Assert.True(problems.Length == 0, string.Join("\n", problems));
            var shots = Directory.CreateDirectory(Path.Combine(BrowserHost.ScreenshotFolder, "professional-cards")).FullName;
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "index.png"), FullPage = true });
            foreach (var id in await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.card')].map(c => c.id)"))
            {
                await page.Locator("[id='" + id + "']").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(shots, id + ".png") });
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string RendererPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "VeerkrachtBot.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? ".", "src", "Bot", "node_modules", "adaptivecards", "dist", "adaptivecards.min.js");
    }
}
