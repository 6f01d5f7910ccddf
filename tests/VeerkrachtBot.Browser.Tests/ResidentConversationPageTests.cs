using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>
/// Issue 12 in the real page: a reload goes on where the resident was, "Alles verwijderen" clears the page, the page
/// works on every address the bot answers on, and axe-core finds no serious or critical violation on a phone and a
/// desktop in both languages. Screenshots of arrival, the idea card, a waiting-list meeting and the urgent reply.
/// </summary>
public sealed class ResidentConversationPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string SendBox = "[data-id='webchat-sendbox-input']";

    private static async Task SayAsync(IPage page, string text)
    {
        await page.Locator(SendBox).FillAsync(text);
        await page.Locator(SendBox).PressAsync("Enter");
    }

    private static Task ClickAsync(IPage page, string button) =>
        page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).Last.ClickAsync();

    private static Task SeesAsync(IPage page, string text) => page.GetByText(text).Last.WaitForAsync();

    private async Task<(IPage Page, string UserId)> OpenAsync(int width = 390, int height = 844, string path = "/")
    {
        var page = await host.NewPageAsync(width, height);
        var token = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/webchat/token", StringComparison.Ordinal));
        await page.GotoAsync(path);
        var session = JsonDocument.Parse(await (await token).TextAsync());
        return (page, session.RootElement.GetProperty("userId").GetString()!);
    }

    private static async Task NoSeriousAccessibilityViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, where + "\n" + string.Join("\n", serious));
    }

    [Fact]
    public async Task AReload_MidFlow_ShowsTheConversation_AndContinuesTheStep()
    {
        var (page, userId) = await OpenAsync();
        await SeesAsync(page, "In welke buurt woon je?");
        await BrowserHost.ScreenshotAsync(page, "arrival-phone");
        await ClickAsync(page, "Pottenberg");
        await SeesAsync(page, "ik onthoud dat je in Pottenberg woont");
        await SayAsync(page, "Er ligt hondenpoep op de stoep bij de school");
        await SeesAsync(page, "Dit heb ik begrepen");
        await BrowserHost.ScreenshotAsync(page, "idea-card-phone");
        await ClickAsync(page, "Onderwerp aanpassen");
        await SeesAsync(page, "Kies er één of meer");

        await page.ReloadAsync();

        // The conversation is there again, and the theme list still waits for an answer.
        await SeesAsync(page, "Er ligt hondenpoep op de stoep bij de school");
        await SayAsync(page, "openbare ruimte");
        await SeesAsync(page, "Opgeslagen. Het onderwerp is nu: Openbare ruimte.");
        var resident = await host.Get<ResidentService>().FindAsync("directline", userId);
        var idea = Assert.Single(await host.Get<Core.Ideas.IdeaService>().MineAsync(resident!.Id));
        Assert.Equal(["public-space"], idea.Analysis.Themes.Select(t => t.ThemeId).ToArray());
    }

    [Fact]
    public async Task AllesVerwijderen_ClearsThePage_AndStartsAFreshConversation()
    {
        var (page, userId) = await OpenAsync();
        await ClickAsync(page, "Pottenberg");
        await SayAsync(page, "De lamp bij de speeltuin is kapot, bel me op 0612345678");
        await SeesAsync(page, "Dit heb ik begrepen");
        await SayAsync(page, "mijn gegevens");
        await ClickAsync(page, "Alles verwijderen");
        await ClickAsync(page, "Ja, verwijder alles");

        await SeesAsync(page, "Alles is verwijderd, ook dit gesprek.");
        await SeesAsync(page, "In welke buurt woon je?");
        Assert.Equal(0, await page.GetByText("0612345678").CountAsync());
        var newUser = await page.EvaluateAsync<string>("() => localStorage.getItem('veerkracht.conversation')");
        Assert.NotNull(newUser);
        Assert.Null(await host.Get<ResidentService>().FindAsync("directline", userId));
        await BrowserHost.ScreenshotAsync(page, "erased-phone");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task ThePage_WorksOnEveryAddressTheBotAnswersOn(string hostName)
    {
        var address = new UriBuilder(host.BaseAddress) { Host = hostName }.Uri;
        var (page, _) = await OpenAsync(1024, 768, address.ToString());
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };

        await SeesAsync(page, "In welke buurt woon je?");
        await SayAsync(page, "help");
        await SeesAsync(page, "Je kunt altijd deze woorden typen");

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [InlineData("nl", 390, 844)]
    [InlineData("nl", 1280, 800)]
    [InlineData("en", 390, 844)]
    [InlineData("en", 1280, 800)]
    public async Task NoSeriousOrCriticalViolations_OnPhoneAndDesktop_InBothLanguages(string language, int width, int height)
    {
        var (page, _) = await OpenAsync(width, height, language == "en" ? "/?lang=en" : "/");
        await SeesAsync(page, language == "en" ? "Which neighbourhood do you live in?" : "In welke buurt woon je?");
        await NoSeriousAccessibilityViolationsAsync(page, $"arrival {language} {width}x{height}");

        await ClickAsync(page, "Pottenberg");
        await SayAsync(page, language == "en" ? "The bins near the school are always full" : "De afvalbakken bij de school zitten altijd vol");
        await ClickAsync(page, language == "en" ? "Change the topic" : "Onderwerp aanpassen");
        await SeesAsync(page, language == "en" ? "What topic is it about?" : "Kies er één of meer");
        await NoSeriousAccessibilityViolationsAsync(page, $"theme list {language} {width}x{height}");

        // 16 px text on phones, and a visible focus on card buttons.
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('#webchat .ac-textRun')].every(e => parseFloat(getComputedStyle(e).fontSize) >= 16)"));
        await page.Locator("#webchat .ac-pushButton").Last.FocusAsync();
        Assert.Equal("3px", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineWidth"));
        await BrowserHost.ScreenshotAsync(page, $"theme-list-{language}-{width}");
    }

    [Fact]
    public async Task WaitingListMeeting_AndTheUrgentReply_AsTheResidentSeesThem()
    {
        var meeting = (await host.Get<MeetingService>().UpcomingAsync("pottenberg")).First(m => m.Capacity == 4);
        var other = await host.Get<ResidentService>().IdentifyAsync("test", "someone-" + Guid.NewGuid().ToString("N"));
        await host.Get<ResidentService>().ChooseNeighbourhoodAsync(other.Id, "pottenberg");
        await host.Get<RsvpService>().RespondAsync(meeting.Id, other.Id, RsvpResponse.Yes, 3);

        var (page, _) = await OpenAsync();
        await ClickAsync(page, "Pottenberg");
        await SayAsync(page, "bijeenkomsten");
        await ClickAsync(page, "Bekijk ‘" + meeting.Title + "’");
        await ClickAsync(page, "Ik kom");
        await SayAsync(page, "met z'n tweeën");
        await SeesAsync(page, "Met 2 personen past het niet");
        await ClickAsync(page, "Wachtlijst voor 2 personen");
        await SeesAsync(page, "Je staat op de wachtlijst: plek 1");
        await SayAsync(page, "bijeenkomsten");
        await ClickAsync(page, "Bekijk ‘" + meeting.Title + "’");
        await SeesAsync(page, "je staat op de wachtlijst: plek 1");
        await BrowserHost.ScreenshotAsync(page, "meeting-waiting-list-phone");

        await SayAsync(page, "ik ruik gas in het portiek");
        await SeesAsync(page, "Bel dan meteen 112");
        await SeesAsync(page, "Wil je dit ook delen");
        await BrowserHost.ScreenshotAsync(page, "urgent-reply-phone");
    }
}
