using System.Collections.Concurrent;
using System.Diagnostics;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>
/// The bot as its own process (<c>dotnet VeerkrachtBot.Bot.dll</c>), configured only through environment variables as
/// App Service does, on 127.0.0.1 and a free port. For what must not share the test process: its own trust store
/// (SSL_CERT_FILE), its own environment, its whole console output.
/// </summary>
public sealed class ConfiguredBotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConfiguredBotProcess(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "VeerkrachtBot.Bot.dll"), "--contentRoot", AppContext.BaseDirectory },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every line the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output => _output.ToList();

    public static async Task<ConfiguredBotProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var bot = new ConfiguredBotProcess(environment);
        bot._process.Start();
        bot._process.BeginOutputReadLine();
        bot._process.BeginErrorReadLine();
        var exited = bot._process.WaitForExitAsync();
        var first = await Task.WhenAny(bot._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != bot._listening.Task)
        {
            var output = string.Join(Environment.NewLine, bot.Output);
            await bot.DisposeAsync();
            throw new InvalidOperationException("The bot process did not start:" + Environment.NewLine + output);
        }

        bot.BaseAddress = await bot._listening.Task;
        return bot;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        const string listening = "Now listening on: ";
        var at = line.IndexOf(listening, StringComparison.Ordinal);
        if (at >= 0)
        {
            _listening.TrySetResult(new Uri(line[(at + listening.Length)..].Trim().TrimEnd('/') + "/"));
        }
    }
}
