using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Digests.Clustering;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>bench-digest</c>: times building whole digests (every query, the clustering of two periods, the card's data) on a
/// database that <c>bench-storage --db FILE</c> filled. Prints figures; asserts nothing.
/// </summary>
internal static class DigestBenchmark
{
    public static Command Command()
    {
        var db = new Option<string>("--db") { Description = "the SQLite file of a bench-storage run (bench-storage --db FILE keeps it)", Required = true };
        var runs = new Option<int>("--runs") { Description = "timed runs per digest", DefaultValueFactory = _ => 10 };
        var command = new Command("bench-digest", "Time whole digests (queries and clustering) on the bench-storage database.") { db, runs };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(db)!, result.GetValue(runs), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, int runs, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path} does not exist: run bench-storage --db {path} first.");
            return 2;
        }

        var database = new SqliteDatabase($"Data Source={path}");
        var watch = Stopwatch.StartNew();
        await new MigrationRunner(database, [new CoreMigrations(), new VeerkrachtBot.Core.Notifications.NotificationMigrations(), new VeerkrachtBot.Core.Ideas.UrgentIdeaMigrations(), new DigestMigrations()], NullLogger<MigrationRunner>.Instance).ApplyAsync(cancellationToken);
        Console.WriteLine($"database: {path} ({new FileInfo(path).Length / (1024.0 * 1024):F0} MiB), digest indexes ready in {watch.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            Console.WriteLine($"ideas stored: {await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ideas"):N0}");
        }

        var builder = new DigestBuilder(database, new NeighbourhoodCatalog([]), Options.Create(new DigestOptions()), TimeProvider.System);
        var (first, last) = await RangeAsync(database, cancellationToken);
        var middle = first + (last - first) / 2;
        var week = DigestPeriod.Containing(middle, DigestPeriodKind.Week);
        var month = DigestPeriod.Containing(middle, DigestPeriodKind.Month);

        Console.WriteLine();
        Console.WriteLine($"whole digest, {runs} timed runs after one warm-up (ms; load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]}):");
        // CPU time of the whole process per digest: on a shared machine the wall clock also counts other programs' turns.
        Console.WriteLine("digest                                        median      p95      max  CPU med   ideas (this + previous period), clusters shown, content fingerprint");
        await TimeAsync($"pottenberg, week of {week.FirstDay:yyyy-MM-dd}", runs, phase => builder.BuildAsync(new DigestFilter(["pottenberg"], []), week, phase, cancellationToken));
        await TimeAsync($"pottenberg, safety only, same week", runs, phase => builder.BuildAsync(new DigestFilter(["pottenberg"], ["safety"]), week, phase, cancellationToken));
        await TimeAsync($"both neighbourhoods, same week", runs, phase => builder.BuildAsync(new DigestFilter(["pottenberg", "nazareth"], []), week, phase, cancellationToken));
        await BreakdownAsync(database, week, cancellationToken);
        await TimeAsync($"pottenberg, month of {month.FirstDay:yyyy-MM}", Math.Max(1, runs / 3), phase => builder.BuildAsync(new DigestFilter(["pottenberg"], []), month, phase, cancellationToken));
        return 0;
    }

    /// <summary>
    /// Where the grouping of one week's digest goes (the builder's way: this week grouped, the previous week sharing the
    /// vector space), with a fingerprint of every group so a faster grouping can be checked to group the same.
    /// </summary>
    private static async Task BreakdownAsync(IDatabase database, DigestPeriod week, CancellationToken cancellationToken)
    {
        var source = new SqlDigestSource(database);
        var watch = Stopwatch.StartNew();
        var current = (await source.IdeasAsync(["pottenberg"], week.Start, week.End, cancellationToken)).Where(i => i.Text.Length > 0).ToList();
        var previous = (await source.IdeasAsync(["pottenberg"], week.Previous().Start, week.Previous().End, cancellationToken)).Where(i => i.Text.Length > 0).ToList();
        var read = watch.Elapsed.TotalMilliseconds;
        var items = current.Select(i => new ClusterItem(i.Id, i.Text, i.Language, i.ThemeIds)).ToList();
        var context = previous.Select(i => new ClusterItem(i.Id, i.Text, i.Language, i.ThemeIds)).ToList();
        var settings = new ClusteringSettings();
        watch.Restart();
        _ = ConcernClusterer.Vectorize([.. items, .. context], settings);
        var vectorize = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var (groups, _, _) = ConcernClusterer.Run(items, context, settings);
        var all = watch.Elapsed.TotalMilliseconds;
        var fingerprint = Fingerprint(string.Join("\n", groups.Select(g => string.Join(",", g.Select(i => items[i].Id)))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  one week's grouping: read {items.Count:N0} + {context.Count:N0} ideas {read:F0} ms, vectors {vectorize:F0} ms, vectors and grouping {all:F0} ms ({groups.Count:N0} groups, fingerprint {fingerprint})"));
    }

    /// <summary>The first 12 hex digits of the SHA-256 of a text: equal content, equal fingerprint.</summary>
    private static string Fingerprint(string text) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12].ToLowerInvariant();

    private static async Task<(DateTimeOffset First, DateTimeOffset Last)> RangeAsync(IDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (first, last) = await connection.QuerySingleAsync<(long First, long Last)>("SELECT MIN(received_at), MAX(received_at) FROM ideas");
        return (DateTimeOffset.FromUnixTimeMilliseconds(first), DateTimeOffset.FromUnixTimeMilliseconds(last));
    }

    private static async Task TimeAsync(string name, int runs, Func<Action<string, TimeSpan>, Task<Digest>> build)
    {
        var digest = await build((_, _) => { }); // warm-up: JIT, connection pool, page cache
        var times = new List<double>();
        var phases = new Dictionary<string, List<double>>();
        void Phase(string phase, TimeSpan elapsed)
        {
            if (!phases.TryGetValue(phase, out var list))
            {
                phases[phase] = list = [];
            }

            list.Add(elapsed.TotalMilliseconds);
        }

        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await build(Phase);
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        times.Sort();
        cpu.Sort();
        // Everything the digest holds but the time it was built: the same fingerprint before and after a speed change.
        var content = Fingerprint(System.Text.Json.JsonSerializer.Serialize(digest with { BuiltAt = DateTimeOffset.UnixEpoch }));
        var ideas = $"{digest.Participation.Ideas.Value?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} + {digest.PreviousParticipation.Ideas.Value?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-44} {times[times.Count / 2],8:F0} {times[(int)Math.Ceiling(times.Count * 0.95) - 1],8:F0} {times[^1],8:F0} {cpu[cpu.Count / 2],8:F0}   {ideas}, {digest.Clusters.Count}, content {content}"));
        // Median per phase (DigestBuilder's own stopwatch), so a slow digest says where its time went.
        Console.WriteLine("    phases (median ms): " + string.Join(", ", phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Order().ElementAt(p.Value.Count / 2):F0}"))));
    }
}
