using Microsoft.Playwright;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>
/// The real bot host plus Debian's Chromium driven by Playwright. We never let Playwright download a browser:
/// the test command installs Debian's chromium, and a missing browser fails the tests loudly.
/// </summary>
public sealed class BrowserHost : BotHost
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>With the demo meetings and poll, as a new user sees the bot after the README's run command.</summary>
    public BrowserHost() => With("Demo:Enabled", "true");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: VEERKRACHT_SCREENSHOTS, or a folder beside the test binaries.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("VEERKRACHT_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}. Run the README's test command (scripts/test.sh), which installs it.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1024, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "nl-NL",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>Saves a screenshot once Web Chat has finished connecting (its "connecting" notice lasts a moment).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.WaitForFunctionAsync("() => !(document.querySelector('.webchat__connectivityStatus')?.innerText || '').match(/Verbinding maken|Connecting/)");
        // Show the newest messages, as a resident sees them (Web Chat may still be scrolling when asked).
        await page.EvaluateAsync("() => document.querySelectorAll('.webchat__basic-transcript__scrollable').forEach(e => e.scrollTop = e.scrollHeight)");
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
