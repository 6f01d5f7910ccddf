using System.Diagnostics;
using System.Text.Json;

namespace VeerkrachtBot.Tools.Tests;

/// <summary><c>veerkracht analyze</c>: JSON Lines in, one JSON line per input out; a bad line gets an error line.</summary>
public sealed class AnalyzeCommandTests
{
    [Fact]
    public async Task Analyze_ReadsJsonLines_AndWritesOneResultPerLine()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "veerkracht.dll"), "analyze" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.StandardInput.WriteLineAsync("""{"id":"a","text":"De huur gaat weer omhoog en de schimmel in de badkamer wordt niet aangepakt. Mail me: jan@example.nl"}""");
        await process.StandardInput.WriteLineAsync("{not json");
        await process.StandardInput.WriteLineAsync("""{"id":7,"text":"Great walking group on Tuesdays, thank you!"}""");
        await process.StandardInput.WriteLineAsync("""{"id":"u","text":"Er is brand in de flat naast ons!!"}""");
        process.StandardInput.Close();
        var output = (await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(4, output.Length);
        using var first = JsonDocument.Parse(output[0]);
        var root = first.RootElement;
        Assert.Equal("a", root.GetProperty("id").GetString());
        Assert.Equal("nl", root.GetProperty("language").GetString());
        Assert.Equal("housing", root.GetProperty("themes")[0].GetProperty("id").GetString());
        var scores = root.GetProperty("themes").EnumerateArray().Select(t => t.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal("negative", root.GetProperty("sentiment").GetProperty("label").GetString());
        Assert.True(root.GetProperty("keyPhrases").GetArrayLength() > 0);
        Assert.DoesNotContain("jan@example.nl", root.GetProperty("redacted").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("urgent").ValueKind);
        Assert.Contains("error", output[1], StringComparison.Ordinal);
        using var third = JsonDocument.Parse(output[2]);
        Assert.Equal(7, third.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("en", third.RootElement.GetProperty("language").GetString());
        using var urgent = JsonDocument.Parse(output[3]);
        Assert.Equal("emergency", urgent.RootElement.GetProperty("urgent").GetProperty("kind").GetString());
        Assert.InRange(urgent.RootElement.GetProperty("urgent").GetProperty("score").GetDouble(), 0.5, 1);
    }
}
