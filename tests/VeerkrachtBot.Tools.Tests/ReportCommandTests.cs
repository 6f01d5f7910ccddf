using System.Diagnostics;
using Microsoft.Data.Sqlite;
using VeerkrachtBot.Core.Demo;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Tools.Tests;

/// <summary>
/// <c>veerkracht report pottenberg --demo</c>: a seeded year in, report.html with charts, report.pdf and CSV out; the PDF
/// renders to PNG with pdftoppm and holds the charts' text alternatives; no seeded personal value is in any output.
/// </summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task DemoReport_WritesHtmlPdfAndCsv_WithoutAnyPersonalValue_AndNoSmallCount()
    {
        var folder = Path.Combine(Path.GetTempPath(), "veerkracht-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, errors) = await RunAsync("dotnet", Path.Combine(AppContext.BaseDirectory, "veerkracht.dll"), "report", "pottenberg", "--demo", "--out", folder);
            Assert.True(code == 0, output + errors);

            foreach (var file in new[] { "report.html", "report.pdf", "deelname.png", "peiling-agency.png", "deelname.csv", "cohorten.csv", "peiling.csv", "bereik.csv", "themas.csv", "status.csv" })
            {
                Assert.True(File.Exists(Path.Combine(folder, file)), file);
            }

            var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
            Assert.Contains("<h1>Rapportage Pottenberg</h1>", html, StringComparison.Ordinal);
            Assert.Contains("<img src=\"deelname.png\"", html, StringComparison.Ordinal);
            Assert.Contains("alt=\"Staafdiagram: bewoners die meededen per periode.", html, StringComparison.Ordinal);
            Assert.Contains("Te weinig bereikt", html, StringComparison.Ordinal);

            // The PDF renders: pdftoppm makes a PNG per page, and its text holds the charts' text alternatives.
            var pages = Path.Combine(folder, "page");
            var (render, _, renderErrors) = await RunAsync("pdftoppm", "-png", "-r", "60", Path.Combine(folder, "report.pdf"), pages);
            Assert.True(render == 0, renderErrors);
            var pngs = Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal).ToList();
            Assert.True(pngs.Count >= 3, $"{pngs.Count} pages");
            Assert.All(pngs, png => Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(png).Take(4)));
            if (Environment.GetEnvironmentVariable("VEERKRACHT_SCREENSHOTS") is { Length: > 0 } screenshots)
            {
                Directory.CreateDirectory(screenshots);
                foreach (var png in pngs)
                {
                    File.Copy(png, Path.Combine(screenshots, "report-pdf-" + Path.GetFileName(png)), overwrite: true);
                }
            }

            var (_, pdfText, _) = await RunAsync("pdftotext", "-layout", Path.Combine(folder, "report.pdf"), "-");
            Assert.Contains("Rapportage Pottenberg", pdfText, StringComparison.Ordinal);
            Assert.Contains("Staafdiagram: bewoners die meededen", pdfText, StringComparison.Ordinal);
            Assert.Contains("95%-betrouwbaarheidsinterval", pdfText, StringComparison.Ordinal);

            // Every personal value the demo wrote: from the database the command seeded, and from the seeder's own list.
            var personal = new List<string>();
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "demo.db")};Pooling=False"))
            {
                await connection.OpenAsync();
                foreach (var sql in new[] { "SELECT id FROM residents", "SELECT original_text FROM ideas", "SELECT contact_detail FROM ideas WHERE contact_detail IS NOT NULL" })
                {
                    await using var command = new SqliteCommand(sql, connection);
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        personal.Add(reader.GetString(0));
                    }
                }
            }

            var scratch = new SqliteDatabase($"Data Source={Path.Combine(folder, "scratch.db")};Pooling=False");
            await new MigrationRunner(scratch, [new CoreMigrations(), new Core.Ideas.UrgentIdeaMigrations(), new Core.Pulse.PulseMigrations(), new Core.Evaluations.EvaluationMigrations()], Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance).ApplyAsync();
            var seeded = await MonitoringDemo.SeedAsync(scratch, DateTimeOffset.UtcNow);
            personal.AddRange(seeded.PersonalValues);
            Assert.Contains(personal, p => p.Contains('@', StringComparison.Ordinal));
            Assert.Contains(personal, p => p.StartsWith("06-", StringComparison.Ordinal));
            Assert.True(personal.Count > 300, $"{personal.Count} personal values");

            var outputs = new Dictionary<string, string> { ["report.html"] = html, ["report.pdf (text)"] = pdfText };
            foreach (var csv in Directory.GetFiles(folder, "*.csv"))
            {
                outputs[Path.GetFileName(csv)] = await File.ReadAllTextAsync(csv);
            }

            foreach (var (name, text) in outputs)
            {
                var leaked = personal.Distinct(StringComparer.Ordinal).Where(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)).ToList();
                Assert.True(leaked.Count == 0, $"{name} holds {string.Join(" | ", leaked.Take(5))}");
            }

            // No count in any CSV is between 1 and 9: small groups read "<10".
            foreach (var csv in Directory.GetFiles(folder, "*.csv").Where(f => !f.EndsWith("peiling.csv", StringComparison.Ordinal) && !f.EndsWith("bereik.csv", StringComparison.Ordinal)))
            {
                var lines = await File.ReadAllLinesAsync(csv);
                var counted = lines[0].Split(',').Select((name, index) => (name, index)).Where(c => c.name is not ("periods_later" or "running")).Select(c => c.index).ToHashSet();
                var cells = lines.Skip(1).SelectMany(l => l.Split(',').Where((_, index) => counted.Contains(index))).Where(c => int.TryParse(c, out _)).Select(int.Parse);
                Assert.DoesNotContain(cells, n => n is > 0 and < 10);
            }

            var participation = await File.ReadAllLinesAsync(Path.Combine(folder, "deelname.csv"));
            Assert.Equal("period,running,residents,new,returning,dropped_out,ideas,rsvps,attendance,poll_answers,pulse_respondents,evaluations", participation[0]);
            Assert.Contains(participation, l => l.Contains(",<10", StringComparison.Ordinal));
            var pulse = await File.ReadAllLinesAsync(Path.Combine(folder, "peiling.csv"));
            Assert.Equal("goal,period,respondents,dont_know,mean,ci95_low,ci95_high", pulse[0]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Report_RefusesABadPeriod_WithAClearMessage()
    {
        var (code, _, errors) = await RunAsync("dotnet", Path.Combine(AppContext.BaseDirectory, "veerkracht.dll"), "report", "pottenberg", "--from", "2026-Q9", "--out", Path.GetTempPath());

        Assert.Equal(2, code);
        Assert.Contains("--from is a quarter like 2026-Q1", errors, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output, await errors);
    }
}
