using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using VeerkrachtBot.Core.Demo;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>
/// The public page "wat de buurt zei" (issue 16) in Chromium, served by the bot over a seeded year: Dutch at desktop,
/// phone and 320 px width (no sideways scrolling), English, and the 404 page; axe-core (WCAG 2.2 AA and best practice)
/// finds no serious or critical problem, the keyboard focus is visible, and every page is saved as a screenshot.
/// </summary>
public sealed class NeighbourhoodPageBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task PublicPage_IsAccessible_ReadableAt320Pixels_InBothLanguages()
    {
        await MonitoringDemo.SeedAsync(host.Get<IDatabase>(), DateTimeOffset.UtcNow);

        foreach (var (path, width, name, heading) in new[]
        {
            ("buurt/pottenberg", 1100, "buurt-desktop", "Wat de buurt zei: Pottenberg"),
            ("buurt/pottenberg", 390, "buurt-phone", "Wat de buurt zei: Pottenberg"),
            ("buurt/nazareth", 320, "buurt-320", "Wat de buurt zei: Nazareth"),
            ("buurt/pottenberg?lang=en", 390, "buurt-phone-en", "What the neighbourhood said: Pottenberg"),
            ("buurt/nergens", 390, "buurt-404", "Deze buurt kennen we niet"),
        })
        {
            var page = await host.NewPageAsync(width: width, height: 800);
            await page.GotoAsync(path);

            // The charts load lazily (a phone fetches only what comes into view): scroll each into view first.
            foreach (var image in await page.QuerySelectorAllAsync("img"))
            {
                await image.ScrollIntoViewIfNeededAsync();
            }

            await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");

            Assert.Equal(heading, await page.InnerTextAsync("h1"));
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), $"{name} scrolls sideways");
            Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.images].filter(i => !i.alt || i.alt.length < 40).length"));
            Assert.Equal(0, await page.EvaluateAsync<int>("() => document.scripts.length"));

            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("A", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
            Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
                .ToList();
            Assert.True(serious.Count == 0, name + ":\n" + string.Join("\n", serious));
            await page.EvaluateAsync("() => document.activeElement.blur()");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, name + ".png"), FullPage = true });
            await page.Context.CloseAsync();
        }
    }
}
