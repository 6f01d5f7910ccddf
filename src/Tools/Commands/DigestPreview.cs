using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>digest</c> and <c>poll-results</c>: what professionals would get in Teams, without Teams. Reads the bot's own
/// configuration (<c>src/Bot/appsettings*.json</c> and environment variables, the same environment as
/// <c>dotnet run --project src/Bot</c>), so it previews the bot's database; writes the card JSON, the chart PNGs and an
/// HTML page that renders the card with the official <c>adaptivecards</c> renderer (copied beside it, no CDN).
/// </summary>
internal static class DigestPreview
{
    public static IEnumerable<Command> Commands() => [DigestCommand(), PollResultsCommand()];

    private static Command DigestCommand()
    {
        var neighbourhoods = new Argument<string>("neighbourhood") { Description = "neighbourhood id, or several separated by commas (pottenberg,nazareth)" };
        var period = new Option<string>("--period") { Description = "week or month", DefaultValueFactory = _ => "week" };
        var at = new Option<string?>("--at") { Description = "a day in the period (yyyy-MM-dd, Amsterdam); default: the last whole period before now" };
        var themes = new Option<string?>("--themes") { Description = "only these theme ids, separated by commas (default: all themes)" };
        var output = Output();
        var bot = BotFolder();
        var command = new Command("digest", "Preview a neighbourhood's digest card: digest.card.json, chart PNGs and digest.html.") { neighbourhoods, period, at, themes, output, bot };
        command.SetAction(async (result, cancellationToken) =>
        {
            var kind = result.GetValue(period) switch
            {
                "week" => DigestPeriodKind.Week,
                "month" => DigestPeriodKind.Month,
                _ => (DigestPeriodKind?)null,
            };
            if (kind is null)
            {
                Console.Error.WriteLine($"--period is week or month, not '{result.GetValue(period)}'.");
                return 2;
            }

            DigestPeriod digestPeriod;
            if (result.GetValue(at) is { } day)
            {
                if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    Console.Error.WriteLine($"--at is a date like 2026-03-04, not '{day}'.");
                    return 2;
                }

                digestPeriod = DigestPeriod.Containing(AmsterdamTime.FromLocal(date.ToDateTime(new TimeOnly(12, 0))), kind.Value);
            }
            else
            {
                digestPeriod = DigestPeriod.LastCompleteBefore(DateTimeOffset.UtcNow, kind.Value);
            }

            await using var services = await ServicesAsync(result.GetValue(bot), cancellationToken);
            if (services is null)
            {
                return 2;
            }

            var filter = new DigestFilter(Split(result.GetValue(neighbourhoods)), Split(result.GetValue(themes)));
            Digest digest;
            try
            {
                digest = await services.GetRequiredService<DigestBuilder>().BuildAsync(filter, digestPeriod, cancellationToken);
            }
            catch (RuleViolation violation)
            {
                Console.Error.WriteLine(violation.Message);
                return 2;
            }

            var folder = Directory.CreateDirectory(result.GetValue(output)!).FullName;
            var themeCatalog = services.GetRequiredService<ThemeCatalog>();
            var chart = digest.IsEmpty ? null : DigestCard.ThemesChart(digest, themeCatalog);
            var charts = chart is null ? [] : new[] { chart };
            var card = DigestCard.Build(digest, new DigestCardContext(services.GetRequiredService<NeighbourhoodCatalog>(), themeCatalog,
                chart is null ? null : new Uri(chart.Name + ".png", UriKind.Relative)));
            Write(folder, "digest", card, charts, $"{DigestTexts.Title(digestPeriod.Kind, string.Join(", ", filter.NeighbourhoodIds))} {DigestTexts.Dates(digestPeriod)}");
            Console.WriteLine($"{DigestTexts.Dates(digestPeriod)}: {(digest.IsEmpty ? "nothing new" : $"{digest.Clusters.Count} clusters, {digest.Participation.Ideas.Value?.ToString(CultureInfo.InvariantCulture) ?? "a few"} ideas")}");
            Console.WriteLine($"wrote {Path.Combine(folder, "digest.card.json")}, {Path.Combine(folder, "digest.html")}{string.Concat(charts.Select(c => ", " + Path.Combine(folder, c.Name + ".png")))}");
            return 0;
        });
        return command;
    }

    private static Command PollResultsCommand()
    {
        var pollId = new Argument<string>("poll-id") { Description = "the poll's id" };
        var output = Output();
        var bot = BotFolder();
        var command = new Command("poll-results", "Preview a poll's results card: poll-results.card.json, the chart PNG and poll-results.html.") { pollId, output, bot };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await ServicesAsync(result.GetValue(bot), cancellationToken);
            if (services is null)
            {
                return 2;
            }

            PollResultsReport report;
            try
            {
                report = await services.GetRequiredService<PollResultsService>().ResultsAsync(result.GetValue(pollId)!, cancellationToken);
            }
            catch (RuleViolation violation)
            {
                Console.Error.WriteLine(violation.Message);
                return 2;
            }

            var folder = Directory.CreateDirectory(result.GetValue(output)!).FullName;
            var chart = PollResultsCard.DistributionChart(report);
            var charts = chart is null ? [] : new[] { chart };
            var card = PollResultsCard.Build(report, new PollResultsCardContext(services.GetRequiredService<NeighbourhoodCatalog>(),
                chart is null ? null : new Uri(chart.Name + ".png", UriKind.Relative)));
            Write(folder, "poll-results", card, charts, "Peiling " + report.Poll.AgendaItem);
            Console.WriteLine($"wrote {Path.Combine(folder, "poll-results.card.json")}, {Path.Combine(folder, "poll-results.html")}{string.Concat(charts.Select(c => ", " + Path.Combine(folder, c.Name + ".png")))}");
            return 0;
        });
        return command;
    }

    internal static Option<string> Output() => new("--out") { Description = "folder to write into", Required = true };

    internal static Option<string?> BotFolder() => new("--bot") { Description = "the bot's folder with appsettings.json (default: src/Bot of this repository)" };

    internal static List<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Core on the bot's configuration: appsettings.json, appsettings.{environment}.json, then environment variables, as the bot reads them.</summary>
    internal static async Task<ServiceProvider?> ServicesAsync(string? botFolder, CancellationToken cancellationToken, IDictionary<string, string?>? overrides = null)
    {
        var folder = botFolder ?? FindBotFolder();
        if (folder is null || !File.Exists(Path.Combine(folder, "appsettings.json")))
        {
            Console.Error.WriteLine("The bot's folder (with appsettings.json) was not found; run from the repository or pass --bot src/Bot.");
            return null;
        }

        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(folder)
            .AddJsonFile("appsettings.json", optional: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddVeerkrachtCore(configuration, folder)
            .BuildServiceProvider();
        // The bot applies these at start; a preview of a database the bot never opened gets the same schema.
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        return services;
    }

    private static string? FindBotFolder()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "Bot");
            if (File.Exists(Path.Combine(candidate, "appsettings.json")) && File.Exists(Path.Combine(candidate, "VeerkrachtBot.Bot.csproj")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Write(string folder, string name, JObject card, IEnumerable<Chart> charts, string title)
    {
        File.WriteAllText(Path.Combine(folder, name + ".card.json"), card.ToString(Formatting.Indented) + "\n");
        foreach (var chart in charts)
        {
            File.WriteAllBytes(Path.Combine(folder, chart.Name + ".png"), chart.Png);
        }

        var renderer = RendererScript();
        File.Copy(renderer, Path.Combine(folder, "adaptivecards.min.js"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, name + ".html"), Page(title, card), Encoding.UTF8);
    }

    /// <summary>The official renderer from the bot's npm packages (the bot's build installs them).</summary>
    private static string RendererScript()
    {
        var bot = FindBotFolder() ?? throw new InvalidOperationException("The bot's folder was not found, so neither was the adaptivecards package.");
        var path = Path.Combine(bot, "node_modules", "adaptivecards", "dist", "adaptivecards.min.js");
        return File.Exists(path) ? path : throw new FileNotFoundException("The adaptivecards npm package is missing; building src/Bot runs npm ci.", path);
    }

    /// <summary>
    /// A page that renders the card like Teams would (width of a Teams message) and lists every parse or validation
    /// problem the renderer reports under it. The card JSON is embedded with "&lt;" escaped, so no text in it can
    /// close the script element.
    /// </summary>
    internal static string Page(string title, JObject card)
    {
        var json = card.ToString(Formatting.None).Replace("<", "\\u003c", StringComparison.Ordinal);
        return $$"""
            <!DOCTYPE html>
            <html lang="nl">
            <head>
              <meta charset="utf-8">
              <title>{{System.Net.WebUtility.HtmlEncode(title)}}</title>
              <style>
                body { font-family: "Segoe UI", "DejaVu Sans", sans-serif; background: #f5f5f5; margin: 24px; }
                #card { max-width: 560px; background: #fff; border: 1px solid #e1e1e1; border-radius: 6px; padding: 4px; }
                #problems { color: #a80000; font-family: monospace; white-space: pre-wrap; }
                .ac-image { max-width: 100%; }
              </style>
              <script src="adaptivecards.min.js"></script>
            </head>
            <body>
              <div id="card"></div>
              <pre id="problems"></pre>
              <script id="card-json" type="application/json">{{json}}</script>
              <script>
                const card = new AdaptiveCards.AdaptiveCard();
                const context = new AdaptiveCards.SerializationContext();
                card.parse(JSON.parse(document.getElementById('card-json').textContent), context);
                const problems = [];
                for (let i = 0; i < context.eventCount; i++) problems.push('parse: ' + context.getEventAt(i).message);
                for (const e of card.validateProperties().validationEvents) problems.push('validate: ' + e.message);
                card.onExecuteAction = a => { document.getElementById('problems').textContent = 'button: ' + JSON.stringify(a.data || a.verb); };
                const element = card.render();
                if (!element) problems.push('render: nothing rendered'); else document.getElementById('card').appendChild(element);
                document.getElementById('problems').textContent = problems.join('\n');
                document.body.dataset.problems = String(problems.length);
                document.body.dataset.rendered = 'true';
              </script>
            </body>
            </html>

            """;
    }
}
