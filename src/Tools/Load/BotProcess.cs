using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VeerkrachtBot.Tools.Load;

/// <summary>
/// A bot the load run started as a process of its own (so the bot's memory and CPU are its own, as in production),
/// on a free loopback port, with its console output in a file. Killed when disposed.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;

    private readonly ProcessLog _log;

    private BotProcess(Process process, Uri url, string log, ProcessLog writer)
    {
        _process = process;
        _log = writer;
        Url = url;
        LogPath = log;
    }

    public Uri Url { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    /// <summary>Starts <c>dotnet &lt;dll&gt; [arguments] --urls ...</c> and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<BotProcess> StartAsync(string dll, IEnumerable<string> arguments, string readyPath, string folder, string name, CancellationToken cancellationToken, int? port = null)
    {
        port ??= FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var log = Path.Combine(folder, name + ".log");
        if (File.Exists(log))
        {
            log = Path.Combine(folder, $"{name}-{DateTime.UtcNow:HHmmssfff}.log");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.AbsoluteUri.TrimEnd('/'));
        // Development: the load runs without authentication on loopback, which the production checks at start refuse.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var writer = new ProcessLog(log);
        process.OutputDataReceived += (_, e) => writer.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => writer.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var bot = new BotProcess(process, url, log, writer);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                bot.Dispose();
                throw new InvalidOperationException($"{name} exited at start with {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(15))}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri(url, readyPath), cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return bot;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Starting slowly on a busy machine.
            }

            await Task.Delay(200, cancellationToken);
        }

        bot.Dispose();
        throw new TimeoutException($"{name} did not become ready in 120 s; see {log}.");
    }

    /// <summary>Peak and current resident memory of the process in MB (Linux /proc), or null where that is not readable.</summary>
    public static (double PeakMb, double NowMb)? Memory(int pid)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        double? peak = null, now = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                now = Kilobytes(line) / 1024.0;
            }
        }

        return peak is { } p && now is { } n ? (p, n) : null;
    }

    /// <summary>SIGKILL, as a crash or an out-of-memory kill would end it: no shutdown, nothing flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _log.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>
    /// The bot's console output in a file. A killed process's last lines can arrive from the output readers after the
    /// file was closed (waiting for the exit does not wait for them); those are dropped instead of crashing the run.
    /// </summary>
    private sealed class ProcessLog(string path) : IDisposable
    {
        private readonly StreamWriter _writer = new(path) { AutoFlush = true };
        private readonly Lock _gate = new();
        private bool _closed;

        public void WriteLine(string? line)
        {
            lock (_gate)
            {
                if (!_closed)
                {
                    _writer.WriteLine(line);
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _closed = true;
                _writer.Dispose();
            }
        }
    }
}
