using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;

namespace VeerkrachtBot.Tools.Hostile;

/// <summary>
/// <c>hostile</c>: sends the hostile-input corpus to a running bot and prints what happened: requests, answers
/// per status class, unhandled exceptions in the bot's log, and the database's integrity and row counts (nothing
/// may be created by refused requests). It runs its own connector on loopback to take the bot's replies; start
/// the bot with that connector in <c>Bot:AllowedServiceUrls</c> and its console output in a file
/// (<c>scripts/hostile.sh</c> does all of it).
/// </summary>
internal static class HostileCommand
{
    public static Command Command()
    {
        var url = new Option<string>("--url") { Description = "the running bot, e.g. http://127.0.0.1:5077", Required = true };
        var connectorPort = new Option<int>("--connector-port") { Description = "loopback port for the connector that takes the bot's replies (in the bot's Bot:AllowedServiceUrls)", Required = true };
        var log = new Option<string?>("--log") { Description = "the bot's console output, to count unhandled exceptions during the run" };
        var db = new Option<string?>("--db") { Description = "the bot's SQLite database, for row counts and integrity" };
        var corpus = new Option<string>("--corpus") { Description = "folder with the corpus", DefaultValueFactory = _ => "tests/hostile" };
        var command = new Command("hostile", "Send the hostile-input corpus to a running bot and print the totals.") { url, connectorPort, log, db, corpus };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!Uri.TryCreate(result.GetValue(url)!.TrimEnd('/') + "/", UriKind.Absolute, out var botUrl))
            {
                Console.Error.WriteLine($"--url must be the bot's absolute address, e.g. http://127.0.0.1:5077; got '{result.GetValue(url)}'.");
                return 2;
            }

            var logPath = result.GetValue(log);
            var dbPath = result.GetValue(db);
            var logStart = logPath is not null && File.Exists(logPath) ? new FileInfo(logPath).Length : 0;
            var cases = HostileCase.Load(result.GetValue(corpus)!);

            using var connector = new ReplySink(result.GetValue(connectorPort));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
            var run = new HostileRun(http, botUrl, connector.ServiceUrl);
            Func<Task<IReadOnlyDictionary<string, long>>> rows = dbPath is null
                ? () => Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>())
                : () => HostileDatabase.CountRowsAsync(dbPath);
            var report = await run.RunAsync(cases, rows, Console.Error.WriteLine, cancellationToken);

            // Give the bot a moment to write what it logs about the last requests.
            await Task.Delay(1000, cancellationToken);
            var failures = logPath is null ? null : LoggedFailures(logPath, logStart);
            (string Integrity, int ForeignKeyViolations)? check = dbPath is null ? null : await HostileDatabase.CheckAsync(dbPath);
            Print(report, connector.Received, failures, check);
            var sound = check is not { } c || (c.Integrity == "ok" && c.ForeignKeyViolations == 0);
            return report.Count(5) == 0 && report.Unexpected.Count == 0 && report.ChangedByRefused.Count == 0 && failures is not { Count: > 0 } && sound ? 0 : 1;
        });
        return command;
    }

    /// <summary>Lines the console logger wrote at Error ("fail:") or Critical ("crit:") after <paramref name="start"/>.</summary>
    internal static IReadOnlyList<string> LoggedFailures(string path, long start)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(start, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                lines.Add(line + " " + (reader.ReadLine()?.Trim() ?? ""));
            }
        }

        return lines;
    }

    private static void Print(HostileReport report, int replies, IReadOnlyList<string>? failures, (string Integrity, int ForeignKeyViolations)? check)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture, $"requests: {report.Requests} in {report.Duration.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(culture, $"2xx: {report.Count(2)}, 3xx: {report.Count(3)}, 4xx: {report.Count(4)}, 5xx: {report.Count(5)}"));
        Console.WriteLine("by status: " + string.Join(", ", report.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        Console.WriteLine(string.Create(culture, $"answers other than the corpus expects: {report.Unexpected.Count}"));
        foreach (var line in report.Unexpected)
        {
            Console.WriteLine("  " + line);
        }

        Console.WriteLine(string.Create(culture, $"replies the bot posted to the run's connector: {replies}"));
        Console.WriteLine(failures is null ? "unhandled exceptions in the bot's log: not checked (no --log)" : $"unhandled exceptions in the bot's log: {failures.Count}");
        foreach (var line in failures ?? [])
        {
            Console.WriteLine("  " + line);
        }

        if (check is not { } c)
        {
            Console.WriteLine("database: not checked (no --db)");
            return;
        }

        Console.WriteLine(string.Create(culture, $"database integrity_check: {c.Integrity}; foreign_key_check: {c.ForeignKeyViolations} violations"));
        Console.WriteLine(string.Create(culture, $"rows changed by the {report.RowsBefore.Count} tables while only refused requests were sent: {report.ChangedByRefused.Count}"));
        foreach (var line in report.ChangedByRefused)
        {
            Console.WriteLine("  " + line);
        }

        Console.WriteLine("rows after the run (before -> after): " + string.Join(", ", report.RowsAfter
            .Where(r => r.Value != report.RowsBefore.GetValueOrDefault(r.Key))
            .Select(r => $"{r.Key} {report.RowsBefore.GetValueOrDefault(r.Key)} -> {r.Value}")));
    }

    /// <summary>Takes the bot's replies on loopback, as a Bot Connector service would, and counts them.</summary>
    private sealed class ReplySink : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _received;

        public ReplySink(int port)
        {
            ServiceUrl = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(ServiceUrl);
            _listener.Start();
            _ = AnswerAsync();
        }

        public string ServiceUrl { get; }

        public int Received => Volatile.Read(ref _received);

        public void Dispose() => _listener.Close();

        private async Task AnswerAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return; // stopped
                }

                Interlocked.Increment(ref _received);
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                var body = Encoding.UTF8.GetBytes($"{{\"id\":\"{Guid.NewGuid():N}\"}}");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
