using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VeerkrachtBot.Bot.Reports;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Demo;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Reports;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>report</c>: the monitoring report of issue 16 from the bot's database (its configuration, like <c>digest</c>):
/// report.html with its chart PNGs, report.pdf (headless Chromium prints the page, so the PDF is the page), and CSV
/// files. <c>--demo</c> seeds a synthetic year into a new database in the output folder instead.
/// </summary>
internal static class ReportCommand
{
    public static Command Command()
    {
        var neighbourhood = new Argument<string>("neighbourhood") { Description = "neighbourhood id, several separated by commas, or all" };
        var period = new Option<string>("--period") { Description = "quarter or month", DefaultValueFactory = _ => "quarter" };
        var from = new Option<string?>("--from") { Description = "first period, e.g. 2026-Q1 or 2026-01 (default: three periods before --to)" };
        var to = new Option<string?>("--to") { Description = "last period, e.g. 2026-Q4 or 2026-11 (default: the current one)" };
        var demo = new Option<bool>("--demo") { Description = "seed a synthetic year into OUT/demo.db and report on that instead of the bot's database" };
        var output = DigestPreview.Output();
        var bot = DigestPreview.BotFolder();
        var command = new Command("report", "Write the monitoring report: report.html, chart PNGs, report.pdf and CSV files.") { neighbourhood, period, from, to, demo, output, bot };
        command.SetAction(async (result, cancellationToken) =>
        {
            var length = result.GetValue(period) switch
            {
                "quarter" => PulsePeriodLength.Quarter,
                "month" => PulsePeriodLength.Month,
                _ => (PulsePeriodLength?)null,
            };
            if (length is null)
            {
                Console.Error.WriteLine($"--period is quarter or month, not '{result.GetValue(period)}'.");
                return 2;
            }

            PulsePeriod? first = null, last = null;
            foreach (var (value, name) in new[] { (result.GetValue(from), "--from"), (result.GetValue(to), "--to") })
            {
                if (value is null)
                {
                    continue;
                }

                if (!PulsePeriod.TryParse(value, out var parsed) || parsed.Length is not (PulsePeriodLength.Quarter or PulsePeriodLength.Month))
                {
                    Console.Error.WriteLine($"{name} is a quarter like 2026-Q1 or a month like 2026-01, not '{value}'.");
                    return 2;
                }

                if (name == "--from")
                {
                    first = parsed;
                }
                else
                {
                    last = parsed;
                }
            }

            var folder = Directory.CreateDirectory(result.GetValue(output)!).FullName;
            Dictionary<string, string?>? overrides = null;
            if (result.GetValue(demo))
            {
                var path = Path.Combine(folder, "demo.db");
                File.Delete(path);
                overrides = new() { ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = null, ["Database:Path"] = path };
            }

            await using var services = await DigestPreview.ServicesAsync(result.GetValue(bot), cancellationToken, overrides);
            if (services is null)
            {
                return 2;
            }

            if (overrides is not null)
            {
                var seeded = await MonitoringDemo.SeedAsync(services.GetRequiredService<IDatabase>(), DateTimeOffset.UtcNow, cancellationToken: cancellationToken);
                Console.WriteLine($"seeded {seeded.Residents} demo residents into {overrides["Database:Path"]}");
            }

            var catalog = services.GetRequiredService<NeighbourhoodCatalog>();
            var ids = result.GetValue(neighbourhood) == "all" ? catalog.All.Select(n => n.Id).ToList() : DigestPreview.Split(result.GetValue(neighbourhood));
            MonitoringReport report;
            try
            {
                report = await services.GetRequiredService<ReportBuilder>().BuildAsync(new ReportRequest(ids, length.Value, first, last), cancellationToken);
            }
            catch (RuleViolation violation)
            {
                Console.Error.WriteLine(violation.Message);
                return 2;
            }

            var files = ReportFiles.Write(folder, report, catalog, services.GetRequiredService<ThemeCatalog>());
            Console.WriteLine($"wrote {string.Join(", ", files)}");
            var pdf = Path.Combine(folder, "report.pdf");
            var printed = await ReportFiles.PrintAsync(Path.Combine(folder, "report.html"), pdf, cancellationToken);
            if (printed is not null)
            {
                Console.Error.WriteLine(printed);
                return 3;
            }

            Console.WriteLine($"wrote {pdf}");
            var latest = report.Participation[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Periods[^1].Key}: {latest.Residents.Value?.ToString(CultureInfo.InvariantCulture) ?? "<" + report.MinGroupSize} residents took part"));
            return 0;
        });
        return command;
    }
}

/// <summary>Writes a report's files and prints its PDF.</summary>
internal static class ReportFiles
{
    /// <summary>The Chromium the browser tests use (Debian's); <c>VEERKRACHT_CHROMIUM</c> names another.</summary>
    public static string Chromium => Environment.GetEnvironmentVariable("VEERKRACHT_CHROMIUM") ?? "/usr/bin/chromium";

    public static IReadOnlyList<string> Write(string folder, MonitoringReport report, NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes)
    {
        var charts = ReportCharts.All(report);
        var written = new List<string>();
        foreach (var chart in charts)
        {
            written.Add(Save(folder, chart.Name + ".png", chart.Png));
        }

        var html = ReportHtml.Render(report, new ReportHtmlContext(neighbourhoods, themes, charts, c => c.Name + ".png"));
        written.Add(Save(folder, "report.html", Encoding.UTF8.GetBytes(html)));
        foreach (var (name, content) in ReportCsv.Files(report))
        {
            written.Add(Save(folder, name, Encoding.UTF8.GetBytes(content)));
        }

        return written;
    }

    /// <summary>Prints the page to PDF with headless Chromium (A4, the page's print CSS); null when it worked, else what went wrong.</summary>
    public static async Task<string?> PrintAsync(string html, string pdf, CancellationToken cancellationToken)
    {
        if (!File.Exists(Chromium))
        {
            return $"No PDF: Chromium was not found at {Chromium} (apt-get install chromium, or set VEERKRACHT_CHROMIUM). The HTML and CSV files are written.";
        }

        File.Delete(pdf);
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-pdf-header-footer", "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "veerkracht-report-chromium"), "--print-to-pdf=" + pdf, new Uri(html).AbsoluteUri })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return File.Exists(pdf) && new FileInfo(pdf).Length > 0 ? null : $"No PDF: Chromium exited with {process.ExitCode}: {await errors}";
    }

    private static string Save(string folder, string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
