using System.CommandLine;
using System.Globalization;
using System.Net;

namespace VeerkrachtBot.Tools.Load;

/// <summary>
/// <c>load</c>: simulated residents run real flows against the bot through <c>/api/messages</c> (and, with
/// <c>--path directline</c>, through the local Direct Line as the web chat does), and the same run measures a
/// minimal echo bot on the same adapter and host, so the bot's figures are read as a ratio to the floor measured
/// under the same machine load. Unless <c>--url</c> is given it starts the bot itself, as a separate process on a
/// free port with a fresh SQLite database, and its connector takes the bot's replies on loopback.
/// </summary>
internal static class LoadCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Command()
    {
        var mode = new Option<string>("--mode") { Description = "closed (N residents at once) or open (sessions started at a fixed rate)", DefaultValueFactory = _ => "closed" };
        var clients = new Option<int>("--clients") { Description = "closed loop: residents at once", DefaultValueFactory = _ => 16 };
        var rate = new Option<double>("--rate") { Description = "open loop: sessions started per second", DefaultValueFactory = _ => 60 };
        var duration = new Option<double>("--duration") { Description = "seconds measured", DefaultValueFactory = _ => 20 };
        var thenRate = new Option<double?>("--then-rate") { Description = "open loop: a second phase at this rate (e.g. normal load after a burst)" };
        var thenDuration = new Option<double>("--then-duration") { Description = "seconds of the second phase", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup") { Description = "seconds of unmeasured turns first (JIT, connection pools, caches)", DefaultValueFactory = _ => 5 };
        var scenario = new Option<string>("--scenario") { Description = "first (a new resident's first message) or flows (idea with themes confirmed, poll answer, RSVP)", DefaultValueFactory = _ => "first" };
        var path = new Option<string>("--path") { Description = "messages (/api/messages), directline (the web chat's local Direct Line, with its ratio to messages)", DefaultValueFactory = _ => "messages" };
        var every = new Option<double>("--report-every") { Description = "print figures every N seconds (60 for a soak); 0: only the totals", DefaultValueFactory = _ => 0 };
        var noEcho = new Option<bool>("--no-echo") { Description = "skip the echo bot" };
        var url = new Option<string?>("--url") { Description = "a bot that is already running (its Bot:AllowedServiceUrls must allow --connector-port)" };
        var pid = new Option<int?>("--pid") { Description = "with --url: the bot's process id, for its memory" };
        var connectorPort = new Option<int>("--connector-port") { Description = "port of the loopback connector (0: any free port)", DefaultValueFactory = _ => 0 };
        var keep = new Option<bool>("--keep") { Description = "keep the started bot's database and logs (the folder is printed)" };
        var fault = new Option<string>("--fault") { Description = "what goes wrong around the bot: none, language-slow, language-errors, language-429, connector-429, connector-5xx, database-locked", DefaultValueFactory = _ => "none" };
        var killAfter = new Option<double?>("--kill-after") { Description = "SIGKILL the started bot this many seconds into its measurement, restart it on the same database, and check that nothing it acknowledged is missing" };
        var settings = new Option<string[]>("--bot-setting") { Description = "KEY=VALUE configuration for the started bot, e.g. Bot:MaxConcurrentTurns=4", AllowMultipleArgumentsPerToken = false };
        var command = new Command("load", "Run simulated residents against the bot and an echo bot; print turns/s, latency percentiles, errors and memory.")
        {
            mode, clients, rate, duration, thenRate, thenDuration, warmup, scenario, path, every, noEcho, url, pid, connectorPort, settings, keep, fault, killAfter,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new LoadOptions(
                result.GetValue(mode)!, result.GetValue(clients), result.GetValue(rate), TimeSpan.FromSeconds(result.GetValue(duration)),
                result.GetValue(thenRate), TimeSpan.FromSeconds(result.GetValue(thenDuration)), TimeSpan.FromSeconds(result.GetValue(warmup)),
                result.GetValue(scenario)!, result.GetValue(path)!, result.GetValue(every), !result.GetValue(noEcho),
                result.GetValue(url), result.GetValue(pid), result.GetValue(connectorPort), result.GetValue(settings) ?? [], result.GetValue(keep),
                result.GetValue(fault)!, result.GetValue(killAfter));
            if (options.Validate() is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }

            return await RunAsync(options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("veerkracht-load-").FullName;
        await using var connector = await LoadConnector.StartAsync(options.ConnectorPort);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = TimeSpan.FromSeconds(30) };

        Console.WriteLine(string.Create(Invariant, $"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (1, 5, 15 min) at the start"));
        BotProcess? started = null;
        BotProcess? echo = null;
        await using var language = options.Fault.OfLanguage() ? await FaultyLanguageService.StartAsync(options.Fault) : null;
        var extra = language is null ? [] : new Dictionary<string, string>
        {
            ["Language:Provider"] = "Azure",
            ["Language:AzureEndpoint"] = language.Url,
            ["Language:AzureKey"] = "load-fault-key",
        };
        try
        {
            Uri botUrl;
            int? botPid = options.Pid;
            if (options.Url is { } existing)
            {
                botUrl = new Uri(existing.TrimEnd('/') + "/");
                Console.WriteLine($"bot: {botUrl} (already running)");
            }
            else
            {
                started = await BotProcess.StartAsync(BotDll(), BotArguments(options, folder, connector.ServiceUrl, extra), "readyz", folder, "bot", cancellationToken);
                botUrl = started.Url;
                botPid = started.Id;
                Console.WriteLine($"bot: {botUrl} (pid {started.Id}, {Configuration()}, fresh SQLite database in {folder})");
            }

            if (options.Fault is LoadFault.Connector429 or LoadFault.Connector5xx)
            {
                connector.FailEvery(3, options.Fault == LoadFault.Connector429 ? 429 : 503);
            }

            var databasePath = Path.Combine(folder, "bot.db");
            await using var locker = options.Fault == LoadFault.DatabaseLocked && started is not null ? new DatabaseLocker(databasePath) : null;
            Func<LoadRun, CancellationToken, Task>? killAndRestart = null;
            if (options.KillAfter is { } killAfter && started is not null)
            {
                killAndRestart = async (run, token) =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(killAfter), token);
                    var acknowledged = run.AcknowledgedIdeas.Count;
                    started.Kill();
                    var killedAt = run.Elapsed;
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    started.Dispose();
                    started = await BotProcess.StartAsync(BotDll(), BotArguments(options, folder, connector.ServiceUrl, extra), "readyz", folder, "bot", token, botUrl.Port);
                    botPid = started.Id;
                    Console.WriteLine(string.Create(Invariant, $"  SIGKILL at {killedAt:F1} s ({acknowledged} ideas acknowledged by then); restarted on the same database and ready after {watch.Elapsed.TotalSeconds:F1} s (pid {started.Id})"));
                };
            }

            var bot = await MeasureAsync("veerkracht", () => new MessagesResident(http, botUrl, connector), options, options.Scenario, () => botPid, cancellationToken, killAndRestart);
            connector.FailEvery(0, 0);
            if (options.Fault != LoadFault.None)
            {
                Console.WriteLine(string.Create(Invariant, $"  fault {options.FaultName}: {(language is null ? "" : $"language service asked {language.Requests} times, never answered well; ")}{(connector.Refused > 0 ? $"connector refused {connector.Refused} replies; " : "")}{(locker is null ? "" : $"database locked {locker.Locks} times for 1.5 s")}"));
            }

            if (started is not null)
            {
                Console.WriteLine("  " + await AcknowledgedCheck.DescribeAsync(databasePath, bot.AcknowledgedIdeas, bot.AcknowledgedRsvps));
            }

            LoadFigures? web = null;
            if (options.DirectLine)
            {
                web = await MeasureAsync("web chat (local Direct Line)", () => new DirectLineResident(http, botUrl), options, options.Scenario, () => botPid, cancellationToken);
            }

            // Two floors: the SDK's echo bot as it comes (the issue's floor), and the same with the serializer contracts
            // shared across turns as the bot's adapter does, so that the ratio does not flatter the bot with a fix the floor lacks.
            var floors = new List<(string Name, LoadFigures Figures)>();
            if (options.Echo)
            {
                foreach (var (name, arguments) in new[] { ("echo bot", new[] { "echo-bot" }), ("echo bot, shared contracts", ["echo-bot", "--shared-contracts"]) })
                {
                    echo = await BotProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "veerkracht.dll"), arguments, "healthz", folder, "echo", cancellationToken);
                    var echoPid = echo.Id;
                    floors.Add((name, await MeasureAsync(name, () => new MessagesResident(http, echo.Url, connector), options, LoadScenario.First, () => echoPid, cancellationToken)));
                    echo.Dispose();
                    echo = null;
                }
            }

            foreach (var (name, floor) in floors)
            {
                Console.WriteLine(string.Create(Invariant, $"ratio veerkracht/{name}: throughput {Ratio(bot.TurnsPerSecond, floor.TurnsPerSecond)}, p50 {Ratio(bot.P50, floor.P50)}, p99 {Ratio(bot.P99, floor.P99)}"));
            }

            if (web is not null)
            {
                Console.WriteLine(string.Create(Invariant, $"ratio web chat/messages: throughput {Ratio(web.TurnsPerSecond, bot.TurnsPerSecond)}, p50 {Ratio(web.P50, bot.P50)}, p99 {Ratio(web.P99, bot.P99)}"));
            }

            Console.WriteLine(string.Create(Invariant, $"replies the connector took: {connector.Received}; load average {LoadAverage()} at the end"));
            return 0;
        }
        finally
        {
            echo?.Dispose();
            started?.Dispose();
            if (options.Keep)
            {
                Console.WriteLine($"database and logs kept in {folder}");
            }

            try
            {
                if (!options.Keep)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // A log still being written by a process that is going away; the temp folder is cleaned by the OS.
            }
        }
    }

    private static async Task<LoadFigures> MeasureAsync(
        string label, Func<LoadResident> resident, LoadOptions options, LoadScenario scenario, Func<int?> pid, CancellationToken cancellationToken,
        Func<LoadRun, CancellationToken, Task>? meanwhileRun = null)
    {
        if (options.Warmup > TimeSpan.Zero)
        {
            await new LoadRun(resident, scenario).ClosedAsync(Math.Min(options.Clients, 4), options.Warmup, cancellationToken);
        }

        var run = new LoadRun(resident, scenario);
        var peakRss = 0.0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleAsync(run, options.ReportEvery, pid, rss => peakRss = Math.Max(peakRss, rss), stop.Token);
        var meanwhile = meanwhileRun?.Invoke(run, cancellationToken) ?? Task.CompletedTask;
        if (options.Open)
        {
            List<(double, TimeSpan)> phases = [(options.Rate, options.Duration)];
            if (options.ThenRate is { } next)
            {
                phases.Add((next, options.ThenDuration));
            }

            await run.OpenAsync(phases, cancellationToken);
        }
        else
        {
            await run.ClosedAsync(options.Clients, options.Duration, cancellationToken);
        }

        // Until the last answer: turns started near the end are answered after it, and count.
        var seconds = run.Elapsed;
        await meanwhile;
        await stop.CancelAsync();
        await sampler;

        var how = options.Open
            ? string.Create(Invariant, $"open loop {options.Rate:0.#}/s for {options.Duration.TotalSeconds:0} s") + (options.ThenRate is { } r ? string.Create(Invariant, $", then {r:0.#}/s for {options.ThenDuration.TotalSeconds:0} s") : "")
            : string.Create(Invariant, $"closed loop, {options.Clients} residents, {options.Duration.TotalSeconds:0} s");
        var figures = LoadFigures.Of(run.Samples, seconds) with { AcknowledgedIdeas = run.AcknowledgedIdeas.ToList(), AcknowledgedRsvps = run.AcknowledgedRsvps };
        Console.WriteLine($"{label} ({how}, {scenario.ToString().ToLowerInvariant()}): {figures.Describe()}");
        if (options.ThenRate is not null)
        {
            var burstEnd = options.Duration.TotalSeconds;
            var after = LoadFigures.Of(run.Samples.Where(s => s.Start >= burstEnd + 5), options.ThenDuration.TotalSeconds - 5);
            var during = LoadFigures.Of(run.Samples.Where(s => s.Start < burstEnd), burstEnd);
            Console.WriteLine($"  during the first phase: {during.Describe()}");
            Console.WriteLine($"  from 5 s after the first phase: {after.Describe()}");
        }

        if (run.Breaks.Count > 0)
        {
            Console.WriteLine(string.Create(Invariant, $"  sessions that did not go as scripted: {run.Breaks.Count}; first: {run.Breaks.First()}"));
        }

        if (pid() is { } id && BotProcess.Memory(id) is { } memory)
        {
            Console.WriteLine(string.Create(Invariant, $"  {label} memory: peak {memory.PeakMb:F0} MB (VmHWM, whole process life), highest during this measurement {peakRss:F0} MB, now {memory.NowMb:F0} MB (VmRSS)"));
        }

        return figures;
    }

    /// <summary>Reads the bot's memory every second and, when asked, prints the figures of each interval.</summary>
    private static async Task SampleAsync(LoadRun run, double every, Func<int?> pid, Action<double> rss, CancellationToken cancellationToken)
    {
        var lastReport = 0.0;
        var intervalPeak = 0.0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(1000, cancellationToken);
                if (pid() is { } id && BotProcess.Memory(id) is { } memory)
                {
                    rss(memory.NowMb);
                    intervalPeak = Math.Max(intervalPeak, memory.NowMb);
                }

                if (every > 0 && run.Elapsed - lastReport >= every)
                {
                    var from = lastReport;
                    var to = run.Elapsed;
                    var figures = LoadFigures.Of(run.Samples.Where(s => s.End >= from && s.End < to), to - from);
                    Console.WriteLine(string.Create(Invariant, $"  {from,5:F0}-{to,4:F0} s: {figures.TurnsPerSecond,6:F1} turns/s, p50 {figures.P50,5:F0} ms, p99 {figures.P99,5:F0} ms, slowest {figures.Max,5:F0} ms, errors {figures.DescribeErrors()}, bot memory {intervalPeak:F0} MB"));
                    lastReport = to;
                    intervalPeak = 0;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The measurement is over.
        }
    }

    private static IEnumerable<string> BotArguments(LoadOptions options, string folder, string serviceUrl, IReadOnlyDictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Path"] = Path.Combine(folder, "bot.db"),
            ["Demo:Enabled"] = "true",
            ["Bot:AllowedServiceUrls:0"] = serviceUrl,
            // Every simulated resident comes from 127.0.0.1: the per-address limits are for real clients.
            ["Bot:NewConversationsPerMinutePerClient"] = "100000",
            ["Bot:NewUsersPerMinutePerClient"] = "100000",
            ["DirectLine:ActivitiesPerMinutePerClient"] = "100000",
            ["WebChat:TokensPerMinutePerClient"] = "100000",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        foreach (var setting in options.BotSettings)
        {
            var (key, value) = (setting.Split('=', 2)[0], setting.Split('=', 2)[1]);
            settings[key] = value;
        }

        return settings.Select(s => $"--{s.Key}={s.Value}");
    }

    /// <summary>The bot built in the same configuration as this tool: <c>dotnet run -c Release --project src/Tools</c> builds it in Release.</summary>
    private static string BotDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "VeerkrachtBot.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null ? null : Path.Combine(root.FullName, "src", "Bot", "bin", Configuration(), "net10.0", "VeerkrachtBot.Bot.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The bot is not built here ({dll}); build src/Bot in {Configuration()} or give --url.");
    }

    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Ratio(double value, double floor) => floor > 0 ? (value / floor).ToString("F2", Invariant) : "n/a";
}

/// <summary>The <c>load</c> command's options.</summary>
internal sealed record LoadOptions(
    string ModeName, int Clients, double Rate, TimeSpan Duration, double? ThenRate, TimeSpan ThenDuration, TimeSpan Warmup,
    string ScenarioName, string PathName, double ReportEvery, bool Echo, string? Url, int? Pid, int ConnectorPort, string[] BotSettings, bool Keep,
    string FaultName, double? KillAfter)
{
    public LoadFault Fault => LoadFaults.Names.GetValueOrDefault(FaultName, LoadFault.None);

    public bool Open => ModeName == "open";

    public bool DirectLine => PathName == "directline";

    public LoadScenario Scenario => ScenarioName == "flows" ? LoadScenario.Flows : LoadScenario.First;

    public string? Validate() =>
        ModeName is not ("closed" or "open") ? "--mode must be closed or open."
        : ScenarioName is not ("first" or "flows") ? "--scenario must be first or flows."
        : PathName is not ("messages" or "directline") ? "--path must be messages or directline."
        : Clients is < 1 or > 10_000 ? "--clients must be 1 to 10000."
        : Rate is <= 0 or > 100_000 || ThenRate is <= 0 ? "--rate and --then-rate must be above 0."
        : Duration <= TimeSpan.Zero ? "--duration must be above 0."
        : BotSettings.FirstOrDefault(s => !s.Contains('=', StringComparison.Ordinal) || s.StartsWith('=')) is { } bad ? $"--bot-setting '{bad}' is not KEY=VALUE."
        : Url is not null && !Uri.TryCreate(Url, UriKind.Absolute, out _) ? "--url must be an absolute URL."
        : !LoadFaults.Names.ContainsKey(FaultName) ? $"--fault must be one of: {string.Join(", ", LoadFaults.Names.Keys)}."
        : KillAfter is not null && (Url is not null || KillAfter <= 0) ? "--kill-after needs a bot the load starts itself (no --url) and seconds above 0."
        : Fault != LoadFault.None && Url is not null ? "--fault needs a bot the load starts itself (no --url)."
        : null;
}
