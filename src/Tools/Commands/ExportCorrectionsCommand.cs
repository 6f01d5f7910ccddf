using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>export-corrections</c>: the theme corrections professionals made in Teams, as a corpus part (JSON Lines in the
/// corpus format: id <c>t-&lt;idea id&gt;</c>, the idea's redacted text, language, the corrected themes, sentiment), so
/// the model learns from the programme's own traffic: <c>split-corpus corpus/part-*.jsonl</c> then <c>train</c>.
/// It reads the bot's database as the bot's configuration names it (<c>--db</c> for another SQLite file).
/// </summary>
internal static class ExportCorrectionsCommand
{
    public static Command Command()
    {
        var output = new Option<string>("--out") { Description = "the corpus part to write", DefaultValueFactory = _ => "corpus/part-corrections.jsonl" };
        var db = new Option<string?>("--db") { Description = "a SQLite database file (default: the bot's configuration, src/Bot/data/veerkracht.db)" };
        var command = new Command("export-corrections", "Write the professionals' theme corrections as a corpus part for training.") { output, db };
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine("src", "Bot", "appsettings.json"), optional: true)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(result.GetValue(db) is { } file ? new Dictionary<string, string?> { ["Database:Path"] = Path.GetFullPath(file), ["Database:ConnectionString"] = null } : [])
                .Build();
            await using var services = new ServiceCollection().AddLogging().AddVeerkrachtCore(settings, Path.Combine(Directory.GetCurrentDirectory(), "src", "Bot")).BuildServiceProvider();
            var examples = await services.GetRequiredService<ThemeCorrections>().ExamplesAsync(cancellationToken);
            var lines = examples.Select(e => JsonSerializer.Serialize(new LabelledMessage("t-" + e.IdeaId, e.RedactedText, e.Language, e.ThemeIds, e.Sentiment.ToString().ToLowerInvariant()),
                new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            var path = result.GetValue(output)!;
            await File.WriteAllLinesAsync(path, lines, cancellationToken);
            Console.WriteLine($"{examples.Count} corrected messages in {path}; next: split-corpus corpus/part-*.jsonl, then train");
            return 0;
        });
        return command;
    }
}
