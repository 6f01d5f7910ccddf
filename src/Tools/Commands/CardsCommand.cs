using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Professionals;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Demo;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>cards --out DIR</c>: every card professionals see in Teams, built by the bot's own card builders from the demo
/// data (the example meetings and poll the run command seeds, plus example ideas analysed by the local model, a status
/// change, RSVPs and poll answers) in a throwaway database; written as JSON, and as one HTML page that renders them all
/// with the official Adaptive Cards renderer (a copy beside the page, no CDN) and a Teams-like host config.
/// </summary>
public static class CardsCommand
{
    /// <summary>Example ideas, as residents might write them (made up; the model analyses and redacts them as in the bot).</summary>
    private static readonly (string Text, string Neighbourhood)[] ExampleIdeas =
    [
        ("De lantaarnpaal bij de speeltuin aan de Vijverdalseweg is al drie weken kapot. 's Avonds is het daar echt donker en mijn dochter durft er niet meer langs. Bel me gerust op 06-12345678.", "pottenberg"),
        ("Kunnen er meer bankjes komen bij het Nazareth-plein? Voor ouderen is het een lange wandeling naar de supermarkt.", "nazareth"),
        ("Er is schimmel in onze badkamer en de woningcorporatie reageert niet op mijn mails.", "nazareth"),
        ("Great idea to have the homework club on Wednesdays, my son loves it! **Thank you** [all](https://example.org)", "pottenberg"),
        ("Auto's rijden veel te hard door de Brusselsestraat, vooral rond half negen als de kinderen naar school gaan.", "pottenberg"),
        ("Ik zou graag een buurtmoestuin beginnen met andere bewoners. Is daar ergens plek voor?", "nazareth"),
    ];

    public static Command Command()
    {
        var output = new Option<string>("--out") { Description = "the folder to write the cards and index.html to", Required = true };
        var command = new Command("cards", "Write every professional card (with demo data) as JSON and one HTML page that renders them.") { output };
        command.SetAction(async (result, cancellationToken) =>
        {
            var count = await WriteAsync(result.GetValue(output)!, cancellationToken);
            Console.WriteLine($"wrote {count} cards and index.html to {Path.GetFullPath(result.GetValue(output)!)}");
            return 0;
        });
        return command;
    }

    /// <summary>Writes the cards (Dutch and English) and index.html into <paramref name="folder"/>; returns how many cards.</summary>
    public static async Task<int> WriteAsync(string folder, CancellationToken cancellationToken = default)
    {
        var work = Path.Combine(Path.GetTempPath(), "veerkracht-cards-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Path"] = Path.Combine(work, "cards.db"),
                ["Demo:Enabled"] = "true",
            }).Build();
            await using var services = new ServiceCollection().AddLogging().AddVeerkrachtCore(configuration, work).BuildServiceProvider();
            await services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
            await services.GetRequiredService<DemoData>().SeedAsync(cancellationToken);
            var (sample, now) = await SeedAsync(services, cancellationToken);

            Directory.CreateDirectory(folder);
            var cards = new List<(string Name, JObject Card)>();
            foreach (var texts in new[] { ProfessionalTexts.Dutch, ProfessionalTexts.English })
            {
                cards.AddRange(CardGallery.Build(texts, services.GetRequiredService<NeighbourhoodCatalog>(), services.GetRequiredService<ThemeCatalog>(), sample, now)
                    .Select(c => (texts.Lang + "-" + c.Name, c.Card)));
            }

            foreach (var (name, card) in cards)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".json"), card.ToString(Formatting.Indented), cancellationToken);
            }

            await using (var renderer = typeof(CardsCommand).Assembly.GetManifestResourceStream("adaptivecards.min.js")
                ?? throw new InvalidOperationException("The Adaptive Cards renderer is not embedded: build src/Tools (it takes it from src/Bot/node_modules)."))
            await using (var copy = File.Create(Path.Combine(folder, "adaptivecards.min.js")))
            {
                await renderer.CopyToAsync(copy, cancellationToken);
            }

            await File.WriteAllTextAsync(Path.Combine(folder, "index.html"), Page(cards), cancellationToken);
            return cards.Count;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(CardGallery.Sample Sample, DateTimeOffset Now)> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var residents = services.GetRequiredService<ResidentService>();
        var ideas = services.GetRequiredService<IdeaService>();
        var analyzer = services.GetRequiredService<ITextAnalyzer>();
        var stored = new List<Idea>();
        foreach (var (text, neighbourhood, index) in ExampleIdeas.Select((e, i) => (e.Text, e.Neighbourhood, i)))
        {
            var resident = await residents.IdentifyAsync("webchat", "example-resident-" + index, cancellationToken);
            await residents.ChooseNeighbourhoodAsync(resident.Id, neighbourhood, cancellationToken);
            var (idea, _) = await ideas.SubmitAsync(new IdeaService.Submission("example:" + index, resident.Id, neighbourhood, text, false, await analyzer.AnalyzeAsync(text, cancellationToken)), cancellationToken);
            stored.Add(idea);
        }

        var first = stored[0].Id;
        await ideas.ChangeStatusAsync(first, IdeaStatus.InDiscussion, "We hebben het doorgegeven aan de gemeente; die kijkt deze week naar de lamp.", "voorbeeld-professional", cancellationToken);
        var poll = (await services.GetRequiredService<PollService>().OpenForAsync("pottenberg", cancellationToken))[0];
        var meetings = services.GetRequiredService<MeetingService>();
        var rsvps = services.GetRequiredService<RsvpService>();
        var upcoming = (await meetings.UpcomingAsync("pottenberg", 5, cancellationToken)).Concat(await meetings.UpcomingAsync("nazareth", 5, cancellationToken)).ToList();
        foreach (var (score, index) in new[] { 4, 5, 3, 4, 2, 5, 4 }.Select((s, i) => (s, i)))
        {
            var resident = await residents.IdentifyAsync("webchat", "example-answer-" + index, cancellationToken);
            await residents.ChooseNeighbourhoodAsync(resident.Id, "pottenberg", cancellationToken);
            await services.GetRequiredService<PollService>().RespondAsync(poll.Id, resident.Id, "pottenberg", score, index % 3 == 0 ? "Meer schaduw graag" : null, cancellationToken);
            await rsvps.RespondAsync(upcoming[index % 2].Id, resident.Id, index == 6 ? RsvpResponse.Maybe : RsvpResponse.Yes, index % 3 == 0 ? 2 : 1, cancellationToken);
        }

        var sample = new CardGallery.Sample(
            (await Task.WhenAll(stored.Select(i => ideas.GetAsync(i.Id, cancellationToken)))).Select(i => i!).OrderByDescending(i => i.ReceivedAt).ToList(),
            await services.GetRequiredService<IIdeaStore>().HistoryAsync(first, cancellationToken),
            poll,
            await services.GetRequiredService<IPollStore>().ResultsAsync(poll.Id, cancellationToken),
            (await Task.WhenAll(upcoming.Select(async m => (m, await meetings.AttendanceAsync(m.Id, cancellationToken))))).ToList(),
            [("pottenberg", "*"), ("nazareth", "housing")]);
        var firstIdea = sample.Ideas.First(i => i.Id == first);
        return (sample with { Ideas = [firstIdea, .. sample.Ideas.Where(i => i.Id != first)] }, clock.GetUtcNow());
    }

    /// <summary>
    /// The preview page: each card rendered by the official renderer with a host config close to Teams' light theme
    /// (Segoe UI, Teams' colours and spacing, up to six actions), its name above it, and parse or validation problems
    /// in red beside it. Buttons only show what they would send.
    /// </summary>
    private static string Page(IReadOnlyList<(string Name, JObject Card)> cards)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <title>VeerkrachtBot: kaarten voor professionals (voorbeeld)</title>
            <style>
              body { font-family: "Segoe UI", system-ui, sans-serif; background: #f5f5f5; margin: 24px; color: #242424; }
              h1 { font-size: 20px; font-weight: 600; }
              .card { display: inline-block; vertical-align: top; width: 420px; margin: 0 16px 24px 0; }
              .name { font-size: 12px; color: #616161; margin-bottom: 4px; font-family: monospace; }
              .host { background: #fff; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); padding: 0; overflow: hidden; }
              .problems { color: #c4314b; font-size: 12px; white-space: pre-wrap; }
              .sent { color: #616161; font-size: 12px; font-family: monospace; white-space: pre-wrap; }
            </style>
            <script src="adaptivecards.min.js"></script>
            </head>
            <body>
            <h1>Kaarten voor professionals in Microsoft Teams (voorbeeldgegevens)</h1>
            <p>Elke kaart zoals de bot hem stuurt, getekend door de officiële Adaptive Cards-renderer met een Teams-achtige hostconfiguratie.</p>
            <div id="cards"></div>
            <script>
            const hostConfig = new AdaptiveCards.HostConfig({
              fontFamily: "Segoe UI, system-ui, sans-serif",
              supportsInteractivity: true,
              spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
              separator: { lineThickness: 1, lineColor: "#E0E0E0" },
              fontSizes: { small: 12, default: 14, medium: 18, large: 20, extraLarge: 24 },
              fontWeights: { lighter: 200, default: 400, bolder: 600 },
              containerStyles: {
                default: { backgroundColor: "#FFFFFF", foregroundColors: {
                  default: { default: "#242424", subtle: "#616161" }, accent: { default: "#5B5FC7", subtle: "#5B5FC7" },
                  attention: { default: "#C4314B", subtle: "#C4314B" }, good: { default: "#237B4B", subtle: "#237B4B" }, warning: { default: "#835B00", subtle: "#835B00" } } },
                emphasis: { backgroundColor: "#F5F5F5", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } }
              },
              actions: { maxActions: 6, spacing: "default", buttonSpacing: 8, showCard: { actionMode: "inline", inlineTopMargin: 16 }, actionsOrientation: "horizontal", actionAlignment: "left" },
              adaptiveCard: { allowCustomStyle: false },
              inputs: { label: { requiredInputs: { weight: "Bolder" }, optionalInputs: { weight: "Bolder" } } }
            });
            const cards = 
            """);
        html.Append(JsonConvert.SerializeObject(cards.Select(c => new { name = c.Name, card = c.Card })).Replace("</", "<\\/", StringComparison.Ordinal));
        html.Append("""
            ;
            const root = document.getElementById("cards");
            window.cardProblems = [];
            for (const { name, card } of cards) {
              const box = document.createElement("div"); box.className = "card"; box.id = name;
              const label = document.createElement("div"); label.className = "name"; label.textContent = name; box.appendChild(label);
              const host = document.createElement("div"); host.className = "host"; box.appendChild(host);
              const problems = document.createElement("div"); problems.className = "problems"; box.appendChild(problems);
              const sent = document.createElement("div"); sent.className = "sent"; box.appendChild(sent);
              const adaptive = new AdaptiveCards.AdaptiveCard();
              adaptive.hostConfig = hostConfig;
              const context = new AdaptiveCards.SerializationContext();
              adaptive.parse(card, context);
              const found = [];
              for (let i = 0; i < context.eventCount; i++) found.push("parse: " + context.getEventAt(i).message);
              for (const e of adaptive.validateProperties().validationEvents) found.push("validate: " + e.message);
              adaptive.onExecuteAction = (action) => { sent.textContent = "→ " + JSON.stringify(action.data || action.verb || action.url); };
              const element = adaptive.render();
              if (element) host.appendChild(element); else found.push("render: nothing rendered");
              problems.textContent = found.join("\n");
              for (const p of found) window.cardProblems.push(name + ": " + p);
              root.appendChild(box);
            }
            </script>
            </body>
            </html>
            """);
        return html.ToString();
    }
}
