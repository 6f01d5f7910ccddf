using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Polls;

namespace VeerkrachtBot.Tools.Load;

/// <summary>What the simulated residents do in one session.</summary>
internal enum LoadScenario
{
    /// <summary>A new resident's first message: new resident, analysis, the bot's answers. One turn.</summary>
    First,

    /// <summary>A new resident shares an idea and confirms its themes, answers the poll and signs up for a meeting.</summary>
    Flows,
}

/// <summary>One turn: when it started and ended (seconds into the phase), how long it took, and its HTTP status.</summary>
internal readonly record struct LoadSample(double Start, double End, double Milliseconds, int Status)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// Runs simulated residents against a bot, closed loop (N residents, each starting its next turn when the last is
/// answered) or open loop (sessions started at a fixed rate, whatever the bot's answers do: a slow bot meets the same
/// arrivals, as it does in production). An open-loop turn's time counts from when it was due, not from when the
/// generator got round to it.
/// </summary>
internal sealed class LoadRun(Func<LoadResident> newResident, LoadScenario scenario)
{
    private static readonly string[] IdeaTexts =
    [
        "De lantaarnpaal bij de speeltuin is al weken kapot",
        "Er wordt veel te hard gereden in onze straat, vooral 's avonds",
        "Kunnen we niet een keer een buurtfeest organiseren met muziek?",
        "Er ligt steeds zwerfafval bij de glasbak op het plein",
        "Mijn huis is vochtig en er zit schimmel in de badkamer",
        "Graag meer bankjes in het park voor ouderen",
        "Ik zoek huiswerkbegeleiding voor mijn zoon",
        "De bus rijdt 's avonds bijna niet meer naar onze buurt",
        "Ik voel me vaak alleen, is er een koffieochtend in de buurt?",
        "Jongeren hangen rond bij het winkelcentrum en maken lawaai",
    ];

    private readonly ConcurrentQueue<LoadSample> _samples = new();
    private readonly ConcurrentQueue<string> _breaks = new();
    private readonly ConcurrentQueue<string> _acknowledgedIdeas = new();
    private int _acknowledgedRsvps;
    private Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyCollection<LoadSample> Samples => _samples;

    /// <summary>Sessions whose next button was not in the bot's answer (the flow did not go as scripted), with the first few described.</summary>
    public IReadOnlyCollection<string> Breaks => _breaks;

    public double Elapsed => _clock.Elapsed.TotalSeconds;

    /// <summary>Keys of the ideas the bot answered for: its reply comes after the commit, so each must be in the database.</summary>
    public IReadOnlyCollection<string> AcknowledgedIdeas => _acknowledgedIdeas;

    /// <summary>Sign-ups (or waiting-list places) the bot confirmed.</summary>
    public int AcknowledgedRsvps => Volatile.Read(ref _acknowledgedRsvps);

    public async Task ClosedAsync(int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        _clock = Stopwatch.StartNew();
        var end = duration.TotalSeconds;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(
            async () =>
            {
                while (Elapsed < end && !cancellationToken.IsCancellationRequested)
                {
                    await SessionAsync(due: null, end, cancellationToken);
                }
            },
            cancellationToken)));
    }

    /// <summary>Starts sessions at each phase's rate (sessions per second) for its duration, one phase after the other.</summary>
    public async Task OpenAsync(IReadOnlyList<(double Rate, TimeSpan Duration)> phases, CancellationToken cancellationToken)
    {
        _clock = Stopwatch.StartNew();
        var running = new List<Task>();
        var phaseStart = 0.0;
        foreach (var (rate, duration) in phases)
        {
            var phaseEnd = phaseStart + duration.TotalSeconds;
            for (long i = 0; ; i++)
            {
                var due = phaseStart + (i / rate);
                if (due >= phaseEnd || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var wait = due - Elapsed;
                if (wait > 0.001)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
                }

                running.Add(Task.Run(() => SessionAsync(due, double.MaxValue, cancellationToken), cancellationToken));
            }

            phaseStart = phaseEnd;
        }

        await Task.WhenAll(running);
    }

    private async Task SessionAsync(double? due, double end, CancellationToken cancellationToken)
    {
        var resident = newResident();
        var text = IdeaTexts[Random.Shared.Next(IdeaTexts.Length)];
        if (resident is DirectLineResident web)
        {
            var start = Elapsed;
            var opened = await web.StartAsync(cancellationToken);
            if (!opened.Succeeded)
            {
                Record(due ?? start, opened.Status);
                return;
            }
        }

        var said = await TurnAsync(due, () => resident.SayAsync(text, cancellationToken));
        if (said && resident.Last.Count > 0 && resident.LastKey is { } key)
        {
            _acknowledgedIdeas.Enqueue(key);
        }

        if (!said || scenario == LoadScenario.First)
        {
            return;
        }

        var texts = BotTexts.Dutch;
        // Each step is a button title; "a|b" clicks whichever the answer offers (a meeting that is full offers the waiting list).
        // The sign-up is stored when the resident says how many come (the last step).
        const string rsvp = "1";
        string[] steps =
        [
            "Pottenberg", texts.Ideas.Confirm, texts.Ideas.ContactNo,
            texts.PollsTitle, PollFlow.ScoreTitle(texts, 4), texts.Polls.NoComment,
            texts.MeetingsTitle, texts.Meetings.View.Split("{0}")[0] + "*", $"{texts.Meetings.Yes}|{texts.Meetings.JoinWaitingList}", rsvp,
        ];
        foreach (var choices in steps)
        {
            if (Elapsed >= end || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var last = resident.Last;
            var clicked = false;
            var answered = await TurnAsync(null, async () =>
            {
                var turn = await resident.ClickAsync(choices.Split('|'), cancellationToken);
                clicked = turn is not null;
                return turn ?? default;
            });
            if (!clicked)
            {
                if (_breaks.Count < 5)
                {
                    _breaks.Enqueue($"no '{choices}' in: {string.Join(" | ", last.Select(Describe))}");
                }
                else
                {
                    _breaks.Enqueue(choices);
                }

                return;
            }

            if (!answered)
            {
                return;
            }

            if (choices == rsvp && resident.Last.Count > 0)
            {
                Interlocked.Increment(ref _acknowledgedRsvps);
            }
        }
    }

    /// <summary>A reply in a line: its text, or its card's first text block.</summary>
    private static string Describe(System.Text.Json.Nodes.JsonObject reply) =>
        (string?)reply["text"]
        ?? (string?)reply["attachments"]?[0]?["content"]?["body"]?[0]?["text"]
        ?? "(no text)";

    /// <summary>Runs one turn and records it; false when it failed (the session then ends, as a resident would give up).</summary>
    private async Task<bool> TurnAsync(double? due, Func<Task<TurnResult>> turn)
    {
        var start = due ?? Elapsed;
        var result = await turn();
        if (result == default)
        {
            return false;
        }

        Record(start, result.Status);
        if (result.Status == 0)
        {
            // Nobody answered (the bot is down): a channel or a person tries again after a moment, not in a tight loop.
            await Task.Delay(250);
        }

        return result.Succeeded;
    }

    private void Record(double start, int status)
    {
        var end = Elapsed;
        _samples.Enqueue(new LoadSample(start, end, (end - start) * 1000, status));
    }
}

/// <summary>Figures of a set of turns.</summary>
internal sealed record LoadFigures(int Turns, int Succeeded, double Seconds, double P50, double P95, double P99, double Max, IReadOnlyDictionary<int, int> Errors)
{
    /// <summary>Keys of the ideas the bot answered for in the run.</summary>
    public IReadOnlyCollection<string> AcknowledgedIdeas { get; init; } = [];

    /// <summary>Sign-ups the bot confirmed in the run.</summary>
    public int AcknowledgedRsvps { get; init; }

    public double TurnsPerSecond => Seconds > 0 ? Succeeded / Seconds : 0;

    public static LoadFigures Of(IEnumerable<LoadSample> samples, double seconds)
    {
        var all = samples.ToList();
        var ok = all.Where(s => s.Succeeded).Select(s => s.Milliseconds).Order().ToArray();
        var errors = all.Where(s => !s.Succeeded).GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count());
        return new LoadFigures(all.Count, ok.Length, seconds, Percentile(ok, 0.50), Percentile(ok, 0.95), Percentile(ok, 0.99),
            all.Count == 0 ? 0 : all.Max(s => s.Milliseconds), errors);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Succeeded} turns answered in {Seconds:F1} s = {TurnsPerSecond:F1} turns/s; latency p50 {P50:F0} ms, p95 {P95:F0} ms, p99 {P99:F0} ms, slowest answer {Max:F0} ms; errors: {DescribeErrors()}");

    public string DescribeErrors() => Errors.Count == 0
        ? "none"
        : string.Join(", ", Errors.OrderBy(e => e.Key).Select(e => e.Key == 0 ? $"no answer x{e.Value}" : $"{e.Key} x{e.Value}"));

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
