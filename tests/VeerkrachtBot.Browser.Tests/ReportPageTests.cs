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
    /// <summary>Words of table headers whose letters lie on more than one line.</summary>
    private const string BrokenWords = """
        () => [...document.querySelectorAll('th')].flatMap(th => {
          const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
          const broken = [];
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, match.index);
              range.setEnd(node, match.index + match[0].length);
              const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
              if (tops.size > 1) broken.push(match[0]);
            }
          }
          return broken;
        })
        """;

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
                // On a desktop a header wraps between words, never inside one ("Aanmeldin-gen"); on a phone it may.
                if (width > 1000)
                {
                    var broken = await page.EvaluateAsync<string[]>(BrokenWords);
                    Assert.True(broken.Length == 0, "broken inside a word: " + string.Join(", ", broken));
                    Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth).length"));
                }

                await BrowserHost.ScreenshotAsync(page, name);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
