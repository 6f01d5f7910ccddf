using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>The resident flows in the real Web Chat widget, clicking the real cards, on the demo data of a fresh start.</summary>
public sealed class ResidentFlowsTests(BrowserHost host) : IClassFixture<BrowserHost>
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

    /// <summary>Opens the page as a new resident; returns the page and the Direct Line user id the page got.</summary>
    private async Task<(IPage Page, string UserId)> OpenAsync()
    {
        var page = await host.NewPageAsync(420, 900);
        var token = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/webchat/token", StringComparison.Ordinal));
        await page.GotoAsync("/");
        var session = JsonDocument.Parse(await (await token).TextAsync());
        await SeesAsync(page, "Hoi! Ik ben VeerkrachtBot");
        return (page, session.RootElement.GetProperty("userId").GetString()!);
    }

    private static async Task NoSeriousAccessibilityViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    [Fact]
    public async Task ShareAnIdea_AndConfirmItsThemesOnTheCard()
    {
        var (page, userId) = await OpenAsync();
        await ClickAsync(page, "Ergens anders");

        await ClickAsync(page, "Idee of zorg delen");
        await SeesAsync(page, "Vertel het maar!");
        await SayAsync(page, "De lamp bij de speeltuin aan de Pottenberg is al weken kapot. Bel me: 06-12345678");
        await SeesAsync(page, "Dan onthoud ik dat.");
        await ClickAsync(page, "Pottenberg");
        await SeesAsync(page, "Dit heb ik begrepen");
        await BrowserHost.ScreenshotAsync(page, "idea-understood");
        await NoSeriousAccessibilityViolationsAsync(page);
        await ClickAsync(page, "Ja, dat klopt");
        await ClickAsync(page, "Nee, liever niet");
        await SeesAsync(page, "Je idee staat genoteerd");
        await BrowserHost.ScreenshotAsync(page, "idea-thanks");

        var resident = await host.Get<ResidentService>().FindAsync("directline", userId);
        var idea = Assert.Single(await host.Get<Core.Ideas.IdeaService>().MineAsync(resident!.Id));
        Assert.All(idea.Analysis.Themes, t => Assert.True(t.Confirmed));
        Assert.DoesNotContain("12345678", idea.Analysis.RedactedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RsvpToAMeeting_AndDownloadTheCalendarFile()
    {
        var (page, userId) = await OpenAsync();
        await ClickAsync(page, "Pottenberg");
        await ClickAsync(page, "Terug naar het menu");
        await ClickAsync(page, "Bijeenkomsten");
        await SeesAsync(page, "Dit zijn de bijeenkomsten in Pottenberg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekijk ‘" }).First.ClickAsync();
        await ClickAsync(page, "Ik kom");
        await SeesAsync(page, "Met hoeveel mensen kom je?");
        await ClickAsync(page, "2");
        await SeesAsync(page, "Gelukt! Je bent aangemeld");
        await BrowserHost.ScreenshotAsync(page, "meeting-confirmed");
        await NoSeriousAccessibilityViolationsAsync(page);

        var download = new TaskCompletionSource<IDownload>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Download += (_, d) => download.TrySetResult(d);
        page.Context.Page += (_, popup) => popup.Download += (_, d) => download.TrySetResult(d);
        await ClickAsync(page, "Zet in mijn agenda");
        var file = await download.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var saved = Path.Combine(BrowserHost.ScreenshotFolder, file.SuggestedFilename);
        await file.SaveAsAsync(saved);

        var ics = await File.ReadAllTextAsync(saved);
        Assert.EndsWith(".ics", file.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Voorbeeld: ", ics, StringComparison.Ordinal);
        var resident = await host.Get<ResidentService>().FindAsync("directline", userId);
        var meeting = (await host.Get<MeetingService>().UpcomingAsync("pottenberg"))[0];
        Assert.Equal(2, (await host.Get<MeetingService>().RsvpOfAsync(meeting.Id, resident!.Id))!.PartySize);
    }

    [Fact]
    public async Task AnswerThePollOfferedOnArrival()
    {
        var (page, userId) = await OpenAsync();
        await SeesAsync(page, "In welke buurt woon je?");
        await ClickAsync(page, "Nazareth");
        await SeesAsync(page, "Wat vind je van de speelplekken voor kinderen in je buurt?");
        await BrowserHost.ScreenshotAsync(page, "poll-card");
        await ClickAsync(page, "🙂 Goed");
        await SeesAsync(page, "Wil je er nog iets over zeggen?");
        await SayAsync(page, "Meer schaduw bij de zandbak graag");
        await SeesAsync(page, "Je antwoord is opgeslagen");
        await BrowserHost.ScreenshotAsync(page, "poll-answered");

        var resident = await host.Get<ResidentService>().FindAsync("directline", userId);
        var poll = (await host.Get<Core.Polls.PollService>().OpenForAsync("nazareth"))[0];
        var answer = await host.Get<Core.Polls.PollService>().AnswerOfAsync(poll.Id, resident!.Id);
        Assert.Equal((4, "Meer schaduw bij de zandbak graag"), (answer!.Score, answer.Comment));
    }

    [Fact]
    public async Task DeleteMyData_AfterConfirming()
    {
        var (page, userId) = await OpenAsync();
        await ClickAsync(page, "Pottenberg");
        await ClickAsync(page, "Terug naar het menu");
        await ClickAsync(page, "Mijn gegevens");
        await SeesAsync(page, "Dit weet ik van je");
        await BrowserHost.ScreenshotAsync(page, "mydata");
        await NoSeriousAccessibilityViolationsAsync(page);
        await ClickAsync(page, "Alles verwijderen");
        await SeesAsync(page, "Weet je het zeker?");
        await ClickAsync(page, "Ja, verwijder alles");
        // The page clears itself and says so; the bot's own "Klaar" went with the transcript.
        await SeesAsync(page, "Alles is verwijderd, ook dit gesprek.");
        await BrowserHost.ScreenshotAsync(page, "mydata-deleted");

        Assert.Null(await host.Get<ResidentService>().FindAsync("directline", userId));
    }
}
