using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>store-idea</c>: stores one idea through the real service and prints <c>STORED &lt;id&gt;</c> once the
/// database acknowledged it. With <c>--hold</c> it then waits to be killed: the durability check kills it with
/// SIGKILL right after the acknowledgement and looks for the row.
/// </summary>
internal static class StoreIdeaCommand
{
    public static Command Command()
    {
        var db = new Option<string>("--db") { Description = "SQLite database file", Required = true };
        var source = new Option<string>("--source") { Description = "source key (channel:activity id)", Required = true };
        var text = new Option<string>("--text") { Description = "the idea", Required = true };
        var hold = new Option<bool>("--hold") { Description = "wait to be killed after storing" };
        var command = new Command("store-idea", "Store one idea and report when it is durable.") { db, source, text, hold };
        command.SetAction(async (result, cancellationToken) =>
        {
            var database = new SqliteDatabase($"Data Source={result.GetValue(db)}");
            await new MigrationRunner(database, [new CoreMigrations(), new VeerkrachtBot.Core.Notifications.NotificationMigrations(), new UrgentIdeaMigrations()], NullLogger<MigrationRunner>.Instance).ApplyAsync(cancellationToken);
            var clock = TimeProvider.System;
            var residents = new ResidentService(new SqlResidentStore(database), new ResidentPseudonyms(new SecretStore(database, clock)), new NeighbourhoodCatalog([]), clock);
            var resident = await residents.IdentifyAsync("durability-check", "resident-1", cancellationToken);
            var ideas = new IdeaService(new SqlIdeaStore(database), new NeighbourhoodCatalog([]), clock);
            var words = result.GetValue(text)!;
            var analysis = new IdeaAnalysis("nl", words, [new ThemeScore("community", 1, false)], new Sentiment(SentimentLabel.Neutral, 0), [], AnalysisSource.Pending);
            var (idea, _) = await ideas.SubmitAsync(new IdeaService.Submission(result.GetValue(source)!, resident.Id, "pottenberg", words, true, analysis), cancellationToken);
            Console.Out.WriteLine($"STORED {idea.Id}");
            Console.Out.Flush();
            if (result.GetValue(hold))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return 0;
        });
        return command;
    }
}
