using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>The page at / in headless Chromium: the real Web Chat widget on the bot's local Direct Line.</summary>
public sealed class WebChatPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string SendBox = "[data-id='webchat-sendbox-input']";

    private static async Task SayAsync(IPage page, string text)
    {
        await page.Locator(SendBox).FillAsync(text);
        await page.Locator(SendBox).PressAsync("Enter");
    }

    [Fact]
    public async Task Resident_TypesAMessage_AndSeesTheBotsReply()
    {
        var page = await host.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };

        await page.GotoAsync("/");
        await page.GetByText("Hoi! Ik ben VeerkrachtBot").WaitForAsync();
        await SayAsync(page, "help");
        await page.GetByText("Je kunt altijd deze woorden typen").WaitForAsync();
        await BrowserHost.ScreenshotAsync(page, "webchat-reply");

        Assert.Equal("nl", await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal("Typ je bericht", await page.Locator(SendBox).GetAttributeAsync("placeholder"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Resident_ClicksEnglishOnTheCard_AndTheBotSwitches()
    {
        var page = await host.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ergens anders", Exact = true }).Last.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).Last.ClickAsync();
        await page.GetByText("From now on I will speak English with you.").WaitForAsync();

        // The page follows the bot: header, document language and the send box.
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        Assert.Equal("Have your say about your neighbourhood", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Nederlands", await page.Locator("#language-switch").InnerTextAsync());
        await BrowserHost.ScreenshotAsync(page, "webchat-english");
    }

    [Fact]
    public async Task LanguageLinkInTheHeader_AsksTheBotToSwitch_AndThePageFollows()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByText("Hoi! Ik ben VeerkrachtBot").WaitForAsync();

        await page.Locator("#language-switch").ClickAsync();

        await page.GetByText("From now on I will speak English with you.").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await page.Locator("#language-switch").ClickAsync();
        await page.GetByText("Vanaf nu praat ik Nederlands met je.").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'nl'");
        Assert.Equal("Typ je bericht", await page.Locator("[data-id='webchat-sendbox-input']").GetAttributeAsync("placeholder"));
    }

    [Fact]
    public async Task Polling_WorksAsWellAsTheWebSocket()
    {
        var page = await host.NewPageAsync();

        await page.GotoAsync("/?transport=polling");
        await page.GetByText("Hoi! Ik ben VeerkrachtBot").WaitForAsync();
        await SayAsync(page, "menu");

        await page.GetByText("Dit kun je bij mij doen.").WaitForAsync();
    }

    [Fact]
    public async Task OnAPhone_ThePageFitsAndWorks()
    {
        var page = await host.NewPageAsync(width: 375, height: 740);

        await page.GotoAsync("/");
        await page.GetByText("Hoi! Ik ben VeerkrachtBot").WaitForAsync();
        await BrowserHost.ScreenshotAsync(page, "webchat-phone");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The page scrolls sideways on a 375px wide phone.");
    }

    [Fact]
    public async Task EnglishPage_HasEnglishChrome()
    {
        var page = await host.NewPageAsync();

        await page.GotoAsync("/?lang=en");
        await page.GetByText("Hi! I am VeerkrachtBot").WaitForAsync();

        Assert.Equal("en", await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal("Have your say about your neighbourhood", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task Page_HasNoSeriousAccessibilityViolations()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByText("Hoi! Ik ben VeerkrachtBot").WaitForAsync();

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
