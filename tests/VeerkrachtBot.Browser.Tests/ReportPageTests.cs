using System.CommandLine;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using VeerkrachtBot.Tools.Commands;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>
/// The printable monitoring report (issue 16) in Chromium: the <c>report --demo</c> command writes it, the page shows
/// every chart, axe-core (WCAG 2.2 AA and best practice) finds no serious or critical problem, on a desktop and on a
/// phone's width, and both are saved as screenshots.
/// </summary>
public sealed class ReportPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task DemoReport_IsAccessible_AndShowsItsCharts_OnDesktopAndPhone()
    {
        var folder = Directory.CreateTempSubdirectory("veerkracht-report-page-").FullName;
        try
        {
            var root = new RootCommand { ReportCommand.Command() };
            var code = await root.Parse(["report", "all", "--demo", "--out", folder]).InvokeAsync();
            Assert.True(code is 0 or 3, $"exit code {code}");

            foreach (var (width, name) in new[] { (1100, "report-desktop"), (390, "report-phone") })
            {
                var page = await host.NewPageAsync(width: width, height: 900);
                await page.GotoAsync(new Uri(Path.Combine(folder, "report.html")).AbsoluteUri);
                await page.WaitForFunctionAsync("() => [...document.images].length >= 2 && [...document.images].every(i => i.complete && i.naturalWidth > 0)");

                Assert.Equal("Rapportage Pottenberg en Nazareth", await page.InnerTextAsync("h1"));
                Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.images].filter(i => !i.alt || i.alt.length < 40).length"));
                var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
                var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
                    .ToList();
                Assert.True(serious.Count == 0, string.Join("\n", serious));
                await BrowserHost.ScreenshotAsync(page, name);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
