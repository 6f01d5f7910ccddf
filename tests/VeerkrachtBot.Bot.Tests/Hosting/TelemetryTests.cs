using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Hosting;

/// <summary>
/// Residents go through every flow with their name, e-mail address and phone number in what they type; every log
/// line the host writes (every category, Debug and up, with exceptions and structured state) holds none of it.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string Name = "Fatima Bouzid-Verhoeven";
    private const string Email = "fatima.bouzid@voorbeeld.nl";
    private const string Phone = "06 4837 2915";
    private const string Idea = "Graag een bankje bij de vijver voor de oudere buren";

    private readonly AllLogs _logs = new();
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new BotHost()
            .With("Demo:Enabled", "true")
            .With("Logging:LogLevel:Default", "Debug")
            .With("Logging:LogLevel:Microsoft.AspNetCore", "Debug")
            .With("Logging:LogLevel:System.Net.Http.HttpClient", "Debug")
            .With("Logging:LogLevel:VeerkrachtBot.Bot.Adapter.VeerkrachtAdapter", "Debug")
            .WithServices(s => s.AddSingleton<ILoggerProvider>(_logs));
        await _host.InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task EveryFlow_LogsNoResidentText_Name_Email_OrPhone()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = _host.CreateHttpClient();
        var texts = BotTexts.Dutch;

        await CardTour.RunInBothLanguagesAsync(client, connector);
        var chat = new ResidentChat(client, connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");
        await chat.SayAsync("menu");
        await chat.ClickAsync(texts.ShareIdea);
        await chat.SayAsync($"Ik ben {Name}. {Idea}. Bel me op {Phone} of mail {Email}");
        await chat.ClickAsync(texts.Ideas.Correct);
        await chat.ClickAsync(texts.Ideas.Save, new { themes = "public-space" });
        await chat.ClickAsync(texts.Ideas.ContactYes);
        await chat.SayAsync(Email);
        await chat.ClickAsync(texts.MyIdeas);
        await chat.SayAsync($"mijn nummer is {Phone}");
        await chat.ClickAsync(texts.MyData);
        await chat.ClickAsync(texts.Privacy.Erase);
        await chat.ClickAsync(texts.Privacy.EraseYes);

        var lines = _logs.Lines;
        Assert.True(lines.Count > 50, $"Only {lines.Count} log lines: the capture does not see the host's logging.");
        // The phone number's parts are searched as the two groups together ("4837 2915", "4837-2915"): "4837" alone
        // also turns up in a timing under load ("after 4837.1 ms") and failed the test for no leak.
        string[] personal =
        [
            Name, "Bouzid", Email, "voorbeeld.nl", Phone, Phone.Replace(" ", "", StringComparison.Ordinal), "4837 2915", "4837-2915", Idea, "bankje bij de vijver",
            "Meer schaduw bij de speeltuin", "De lamp bij het speeltuintje", "iemand@example.nl",
        ];
        foreach (var value in personal)
        {
            Assert.DoesNotContain(lines, line => line.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Turns_AreCountedAndTimed_ByChannelAndOutcome()
    {
        var turns = new ConcurrentQueue<(long Value, Dictionary<string, object?> Tags)>();
        var durations = new ConcurrentQueue<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == VeerkrachtBot.Bot.Hosting.Telemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => turns.Enqueue((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => durations.Enqueue(value));
        listener.Start();
        await using var connector = await LoopbackConnector.StartAsync();
        using var client = _host.CreateHttpClient();

        var chat = new ResidentChat(client, connector, channelId: "webchat");
        await chat.ArriveAsync();
        await chat.SayAsync("hallo");
        await chat.SayAsync("help");

        var completed = turns.Where(t => Equals(t.Tags["channel"], "webchat") && Equals(t.Tags["outcome"], "ok")).ToList();
        Assert.True(completed.Sum(t => t.Value) >= 3, $"{completed.Count} completed webchat turns recorded");
        Assert.Contains(completed, t => Equals(t.Tags["activity_type"], "message"));
        Assert.Contains(completed, t => Equals(t.Tags["activity_type"], "conversationUpdate"));
        Assert.True(durations.Count >= 3 && durations.All(d => d >= 0));
        Assert.All(turns, t => Assert.Equal(["activity_type", "channel", "flow", "outcome"], t.Tags.Keys.Order()));
    }

    /// <summary>Every log line at every level the host's filters let through, with its exception and structured state.</summary>
    private sealed class AllLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => _lines.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(AllLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                logs._lines.Enqueue($"scope {category}: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                logs._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}");
            }
        }
    }
}
