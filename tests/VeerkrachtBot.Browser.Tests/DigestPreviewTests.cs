using System.CommandLine;
using System.Text.Json;
using Microsoft.Playwright;
using VeerkrachtBot.Bot.Tests.Digests;
using VeerkrachtBot.Tools.Commands;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>
/// The preview a reviewer without Teams uses: the Tools commands write the card, its charts and an HTML page on the
/// official renderer (self-hosted); Chromium opens the page, which must render with no parse or validation problem,
/// show its charts, and is saved as a screenshot.
/// </summary>
public sealed class DigestPreviewTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task DigestAndPollResultsPages_RenderCleanly_WithTheirCharts()
    {
        await using var seed = await DigestSeed.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("veerkracht-preview-").FullName;
        try
        {
            // A bot folder of its own whose appsettings.json points at the seeded database: the commands read it as the bot would.
            var bot = Directory.CreateDirectory(Path.Combine(folder, "bot")).FullName;
            await File.WriteAllTextAsync(Path.Combine(bot, "appsettings.json"), JsonSerializer.Serialize(new { Database = new { ConnectionString = seed.ConnectionString } }));
            var output = Path.Combine(folder, "out");
            var root = new RootCommand();
            foreach (var command in DigestPreview.Commands())
            {
                root.Subcommands.Add(command);
            }

            Assert.Equal(0, await root.Parse(["digest", "pottenberg", "--at", "2026-11-18", "--out", output, "--bot", bot]).InvokeAsync());
            Assert.Equal(0, await root.Parse(["poll-results", seed.PollId, "--out", output, "--bot", bot]).InvokeAsync());
            Assert.Equal(2, await root.Parse(["digest", "nowhere", "--out", output, "--bot", bot]).InvokeAsync());
            Assert.Equal(2, await root.Parse(["digest", "pottenberg", "--period", "year", "--out", output, "--bot", bot]).InvokeAsync());

            foreach (var (page, chart) in new[] { ("digest", "themes.png"), ("poll-results", "answers.png") })
            {
                Assert.True(File.Exists(Path.Combine(output, page + ".card.json")));
                Assert.True(File.Exists(Path.Combine(output, chart)));
                var browser = await host.NewPageAsync(width: 640, height: 900);
                await browser.GotoAsync(new Uri(Path.Combine(output, page + ".html")).AbsoluteUri);
                await browser.WaitForSelectorAsync("body[data-rendered='true']");

                Assert.Equal("", await browser.InnerTextAsync("#problems"));
                Assert.Equal("0", await browser.GetAttributeAsync("body", "data-problems"));
                await browser.WaitForFunctionAsync("() => [...document.images].length > 0 && [...document.images].every(i => i.complete && i.naturalWidth > 0)");
                await browser.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, $"{page}-preview.png"), FullPage = true });
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
