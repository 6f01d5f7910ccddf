using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Tools.Commands;

/// <summary>
/// <c>bench-storage</c>: loads ideas and RSVPs into a fresh SQLite file through the real stores, then times the
/// digest queries for one neighbourhood and one week. Prints figures; asserts nothing.
/// </summary>
internal static class StorageBenchmark
{
    private static readonly string[] Themes = ["housing", "livelihood", "health", "mobility", "culture", "sport", "public-space", "safety", "community", "youth-education"];
    private static readonly string[] Neighbourhoods = ["pottenberg", "nazareth"];
    private static readonly DateTimeOffset Epoch = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);

    public static Command Command()
    {
        var ideas = new Option<int>("--ideas") { Description = "ideas to load", DefaultValueFactory = _ => 1_000_000 };
        var rsvps = new Option<int>("--rsvps") { Description = "RSVPs to load", DefaultValueFactory = _ => 100_000 };
        var residents = new Option<int>("--residents") { Description = "distinct residents", DefaultValueFactory = _ => 20_000 };
        var db = new Option<string?>("--db") { Description = "SQLite file (default: a new temporary file, deleted afterwards)" };
        var runs = new Option<int>("--runs") { Description = "timed runs per query", DefaultValueFactory = _ => 30 };
        var pollAnswers = new Option<int>("--poll-answers") { Description = "poll answers to load", DefaultValueFactory = _ => 20_000 };
        var command = new Command("bench-storage", "Load ideas and RSVPs into SQLite and time the digest queries.") { ideas, rsvps, residents, pollAnswers, db, runs };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(ideas), result.GetValue(rsvps), result.GetValue(residents), result.GetValue(pollAnswers), result.GetValue(db), result.GetValue(runs), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int ideaCount, int rsvpCount, int residentCount, int pollAnswers, string? path, int runs, CancellationToken cancellationToken)
    {
        var temporary = path is null;
        path ??= Path.Combine(Path.GetTempPath(), $"veerkracht-bench-{Guid.NewGuid():N}.db");
        var database = new SqliteDatabase($"Data Source={path}");
        await new MigrationRunner(database, [new CoreMigrations(), new VeerkrachtBot.Core.Notifications.NotificationMigrations(), new UrgentIdeaMigrations()], NullLogger<MigrationRunner>.Instance).ApplyAsync(cancellationToken);
        Console.WriteLine($"database: {path}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var random = new Random(42);
        var weeks = Math.Max(1, ideaCount / 10_000);
        await SeedResidentsAsync(database, residentCount);

        var ideaStore = new SqlIdeaStore(database);
        var watch = Stopwatch.StartNew();
        var loaded = await ideaStore.AddManyAsync(GenerateIdeas(ideaCount, residentCount, weeks, random), cancellationToken);
        Report("ideas", loaded, watch.Elapsed);

        var meetingStore = new SqlMeetingStore(database);
        var meetings = new List<Meeting>();
        var perMeeting = 200;
        for (var i = 0; i < Math.Max(1, rsvpCount / perMeeting); i++)
        {
            var starts = DateTimeOffset.UtcNow.AddDays(30 + (i % 60));
            var meeting = new Meeting(Ids.New(), Neighbourhoods[i % 2], $"Bijeenkomst {i}", "Benchmark", "Buurthuis", starts, starts.AddHours(2), 150, "Trajekt", true);
            await meetingStore.AddAsync(meeting, cancellationToken: cancellationToken);
            meetings.Add(meeting);
        }

        watch.Restart();
        var rsvpsDone = 0;
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < rsvpCount; i += Environment.ProcessorCount)
            {
                var meeting = meetings[i % meetings.Count];
                var resident = Resident((i / meetings.Count * 7919 + i % meetings.Count) % residentCount);
                var response = (i % 10) switch { 0 => RsvpResponse.Maybe, 1 => RsvpResponse.No, _ => RsvpResponse.Yes };
                await meetingStore.RespondAsync(meeting.Id, resident, response, 1 + i % 3, DateTimeOffset.UtcNow, cancellationToken);
                Interlocked.Increment(ref rsvpsDone);
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        Report("RSVPs (each its own transaction, through the waiting list)", rsvpsDone, watch.Elapsed);

        var pollStore = new VeerkrachtBot.Core.Polls.SqlPollStore(database);
        var polls = Neighbourhoods.Select(n => new VeerkrachtBot.Core.Polls.Poll(Ids.New(), "Speeltuin", "Hoe tevreden ben je?", true, [n],
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), VeerkrachtBot.Core.Polls.PollStatus.Open, true, "bench")).ToList();
        foreach (var poll in polls)
        {
            await pollStore.AddAsync(poll, cancellationToken);
        }

        watch.Restart();
        var answers = Math.Min(pollAnswers, residentCount * polls.Count);
        for (var i = 0; i < answers; i++)
        {
            var poll = polls[i % polls.Count];
            await pollStore.RespondAsync(new VeerkrachtBot.Core.Polls.PollResponse(poll.Id, Resident(i / polls.Count), poll.NeighbourhoodIds[0], 1 + i % 5, null, DateTimeOffset.UtcNow), cancellationToken);
        }

        Report("poll answers (each its own transaction)", answers, watch.Elapsed);

        var queries = new SqlDigestQueries(database);
        var week = Epoch.AddDays(7 * (weeks / 2));
        Console.WriteLine();
        Console.WriteLine($"digest queries for pottenberg, week of {week:yyyy-MM-dd}, {runs} runs each (ms):");
        Console.WriteLine("query                    median      p95      max   result");
        await TimeAsync("ideas per theme", runs, async () => string.Join(" ", (await queries.IdeasPerThemeAsync("pottenberg", week, week.AddDays(7), cancellationToken)).Take(3).Select(t => $"{t.ThemeId}={t.Ideas}")) + " …");
        await TimeAsync("sentiment split", runs, async () => string.Join(" ", (await queries.SentimentSplitAsync("pottenberg", week, week.AddDays(7), cancellationToken)).Select(kv => $"{kv.Key}={kv.Value}")));
        var now = DateTimeOffset.UtcNow;
        await TimeAsync("participation (week)", runs, async () => (await queries.ParticipationAsync("pottenberg", week, week.AddDays(7), cancellationToken)).ToString());
        await TimeAsync("participation (today)", runs, async () => (await queries.ParticipationAsync("pottenberg", now.AddDays(-1), now.AddDays(1), cancellationToken)).ToString());

        Console.WriteLine();
        Console.WriteLine($"database size: {new FileInfo(path).Length / (1024.0 * 1024):F0} MiB");
        if (temporary)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }

        return 0;
    }

    private static string Resident(int index) => $"r_bench_{index:D6}";

    private static async Task SeedResidentsAsync(IDatabase database, int count)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginWriteAsync();
        await connection.ExecuteAsync(
            "INSERT INTO residents (id, channel_id, created_at, last_seen_at) VALUES (@Id, 'webchat', @At, @At)",
            Enumerable.Range(0, count).Select(i => new { Id = Resident(i), At = Epoch.ToUnixTimeMilliseconds() }), transaction);
        await transaction.CommitAsync();
    }

    private static IEnumerable<(Idea, string)> GenerateIdeas(int count, int residents, int weeks, Random random)
    {
        // Texts, themes and sentiment of the labelled corpus when it is there, so a week holds thousands of different
        // messages as the digest's clustering will meet them; one fixed sentence otherwise.
        var corpus = Texts();
        var span = TimeSpan.FromDays(7 * weeks).TotalMilliseconds;
        for (var i = 0; i < count; i++)
        {
            var at = Epoch.AddMilliseconds(span * i / count);
            IdeaAnalysis analysis;
            if (corpus.Count > 0)
            {
                analysis = corpus[random.Next(corpus.Count)];
            }
            else
            {
                var first = Themes[random.Next(Themes.Length)];
                var themes = random.Next(3) == 0
                    ? new[] { new ThemeScore(first, 0.9, false), new ThemeScore(Themes[(Array.IndexOf(Themes, first) + 1 + random.Next(Themes.Length - 1)) % Themes.Length], 0.6, false) }
                    : [new ThemeScore(first, 0.85, false)];
                var label = (SentimentLabel)random.Next(4);
                analysis = new IdeaAnalysis("nl", "De stoep bij de bushalte is kapot en er ligt veel zwerfafval.", themes,
                    new Sentiment(label, label == SentimentLabel.Positive ? 0.6 : -0.4), ["stoep", "bushalte", "zwerfafval"], AnalysisSource.Local);
            }

            yield return (new Idea(Ids.New(), Resident(random.Next(residents)), Neighbourhoods[i % 2], null, analysis, IdeaStatus.Received, null, false, null, at, at),
                $"bench:{i}");
        }
    }

    private static List<IdeaAnalysis> Texts()
    {
        const string path = "corpus/train.jsonl";
        if (!File.Exists(path))
        {
            Console.WriteLine($"{path} not found: every idea gets the same sentence");
            return [];
        }

        return LabelledMessage.ReadAll(path)
            .Where(m => m.Themes.Count > 0)
            .Select(m => new IdeaAnalysis(m.Language, m.Text, m.Themes.Select((t, k) => new ThemeScore(t, k == 0 ? 0.9 : 0.6, false)).ToList(),
                new Sentiment(Enum.TryParse<SentimentLabel>(m.Sentiment, ignoreCase: true, out var label) ? label : SentimentLabel.Neutral, 0),
                KeyPhrases.Extract(m.Text, m.Language), AnalysisSource.Local))
            .ToList();
    }

    private static void Report(string what, int count, TimeSpan elapsed) =>
        Console.WriteLine($"loaded {count.ToString("N0", CultureInfo.InvariantCulture)} {what} in {elapsed.TotalSeconds:F1} s: {(count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)} per second");

    private static async Task TimeAsync(string name, int runs, Func<Task<string>> query)
    {
        var result = await query(); // warm-up: opens the pool and the page cache, not timed
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{name,-22} {times[times.Count / 2],8:F2} {times[(int)Math.Ceiling(times.Count * 0.95) - 1],8:F2} {times[^1],8:F2}   {result}");
    }
}
