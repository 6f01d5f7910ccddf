using System.Diagnostics;

namespace VeerkrachtBot.Tools.Tests;

/// <summary>
/// A short run of <c>load</c> as a person runs it: it starts the bot (fresh database) and the echo bot as processes
/// of their own, runs the scripted flows through /api/messages and the local Direct Line, and prints its figure
/// lines. No figure is judged here (tests never assert times); the flows must go as scripted.
/// </summary>
public sealed class LoadCommandTests
{
    [Fact]
    public async Task AShortRun_OfTheFlows_ThroughBothPaths_PrintsTheFigureLines()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "veerkracht.dll"), "load", "--mode", "open", "--rate", "2", "--duration", "3",
                "--warmup", "0", "--scenario", "flows", "--path", "directline",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var printed = await output;

        Assert.True(process.ExitCode == 0, printed + await errors);
        Assert.Contains("veerkracht (open loop 2/s for 3 s, flows): ", printed, StringComparison.Ordinal);
        Assert.Contains("web chat (local Direct Line) (open loop 2/s for 3 s, flows): ", printed, StringComparison.Ordinal);
        Assert.Contains("echo bot (open loop 2/s for 3 s, first): ", printed, StringComparison.Ordinal);
        Assert.Matches(@"turns/s; latency p50 \d+ ms, p95 \d+ ms, p99 \d+ ms", printed);
        Assert.Contains("veerkracht memory: peak ", printed, StringComparison.Ordinal);
        Assert.Contains("echo bot, shared contracts (open loop 2/s for 3 s, first): ", printed, StringComparison.Ordinal);
        Assert.Contains("ratio veerkracht/echo bot: throughput ", printed, StringComparison.Ordinal);
        Assert.Contains("ratio veerkracht/echo bot, shared contracts: throughput ", printed, StringComparison.Ordinal);
        Assert.Contains("ratio web chat/messages: throughput ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("did not go as scripted", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunWithTheLanguageServiceFailing_AndASigkill_LosesNothingTheBotAcknowledged()
    {
        var (exitCode, printed) = await RunAsync(
            "load", "--mode", "open", "--rate", "2", "--duration", "20", "--warmup", "3", "--scenario", "flows",
            "--fault", "language-errors", "--kill-after", "6", "--no-echo");

        Assert.True(exitCode == 0, printed);
        Assert.Matches(@"SIGKILL at [\d.]+ s \(\d+ ideas acknowledged by then\); restarted on the same database", printed);
        Assert.Matches(@"fault language-errors: language service asked [1-9]\d* times", printed);
        Assert.Matches(@"acknowledged ideas [1-9]\d*, in the database \d+, missing 0;", printed);
        Assert.DoesNotContain("(MISSING)", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownFault_IsRefusedWithTheChoices()
    {
        var (exitCode, printed) = await RunAsync("load", "--fault", "meteor");

        Assert.Equal(2, exitCode);
        Assert.Contains("--fault must be one of: none, language-slow, language-errors, language-429, connector-429, connector-5xx, database-locked.", printed, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Printed)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "veerkracht.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await errors);
    }
}
