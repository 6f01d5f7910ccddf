using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Bot.Builder;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Telemetry;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics: to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is
/// set (the Azure Monitor distro, which also sends the logs), otherwise to the console (off with
/// <c>Telemetry:Console=false</c>). Tags hold only bounded, non-personal values: never a text, id or address.
/// </summary>
public static class Telemetry
{
    public const string Name = "VeerkrachtBot";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Turns handled, by channel, activity type, flow (<see cref="TurnRecord.Flow"/>) and outcome (<see cref="TurnRecord.Outcome"/>).</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("veerkracht.turns", "{turn}", "Turns handled");

    /// <summary>How long a turn took in the bot, replies and state saving included.</summary>
    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("veerkracht.turn.duration", "ms", "Turn latency");

    public static IServiceCollection AddVeerkrachtTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(Name))
            .WithMetrics(metrics => metrics.AddMeter(Name, CoreMetrics.MeterName));
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitor();
        }
        else if (configuration.GetValue("Telemetry:Console", defaultValue: true))
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddConsoleExporter());
        }

        services.AddSingleton<TurnTelemetry>();
        services.AddSingleton<OutboxDepthGauge>();
        services.AddHostedService<GaugesAtStart>();
        return services;
    }
}

/// <summary>Times every turn and counts it with its outcome; the first middleware, so refused turns count too.</summary>
public sealed class TurnTelemetry : Microsoft.Bot.Builder.IMiddleware
{
    private static readonly HashSet<string> KnownChannels = ["webchat", "directline", "msteams", "emulator", "test", "slack"];
    private static readonly HashSet<string> KnownTypes = ["message", "conversationUpdate", "installationUpdate", "invoke", "event", "messageReaction", "typing"];

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        // Channel ids and types come from the client when authentication is off: only known values become tags.
        var channel = KnownChannels.Contains(turnContext.Activity.ChannelId ?? "") ? turnContext.Activity.ChannelId : "other";
        var type = KnownTypes.Contains(turnContext.Activity.Type ?? "") ? turnContext.Activity.Type : "other";
        using var activity = Telemetry.Source.StartActivity("turn");
        activity?.SetTag("veerkracht.channel", channel);
        activity?.SetTag("veerkracht.activity_type", type);
        var started = Stopwatch.GetTimestamp();
        var record = new TurnRecord();
        turnContext.TurnState.Set(record);
        var outcome = TurnOutcomes.Failed;
        try
        {
            await next(cancellationToken);
            outcome = record.Outcome ?? TurnOutcomes.Ok;
        }
        finally
        {
            var tags = new TagList { { "channel", channel }, { "activity_type", type }, { "flow", record.Flow }, { "outcome", outcome } };
            Telemetry.Turns.Add(1, tags);
            Telemetry.TurnDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
            activity?.SetTag("veerkracht.flow", record.Flow);
            activity?.SetTag("veerkracht.outcome", outcome);
        }
    }
}

/// <summary>The outcomes a turn is counted with.</summary>
public static class TurnOutcomes
{
    /// <summary>The turn ran and its replies and state were saved.</summary>
    public const string Ok = "ok";

    /// <summary>The turn failed (the resident heard an apology), or the channel stopped waiting for it.</summary>
    public const string Failed = "failed";

    /// <summary>Not run: over a rate limit, or from a tenant or caller that is not let in.</summary>
    public const string Refused = "refused";

    /// <summary>Not run again: the channel delivered an activity that was handled already.</summary>
    public const string Redelivered = "redelivered";
}

/// <summary>
/// What a turn's handlers tell the telemetry middleware: which flow handled it and, when not "ok", how it ended. Kept
/// in the turn's state; the values are names from the code (a flow's class, an outcome constant), never input.
/// </summary>
public sealed class TurnRecord
{
    /// <summary>The flow that handled the turn: "none" until a handler says.</summary>
    public string Flow { get; set; } = "none";

    /// <summary>How the turn ended when not <see cref="TurnOutcomes.Ok"/>; null otherwise.</summary>
    public string? Outcome { get; set; }
}

/// <summary>Lets handlers name a turn's flow and outcome for <see cref="TurnTelemetry"/> (nothing happens outside it).</summary>
public static class TurnRecords
{
    /// <summary>Names the flow that handles the turn.</summary>
    public static void RecordFlow(this ITurnContext turnContext, string flow)
    {
        if (turnContext.TurnState.Get<TurnRecord>() is { } record)
        {
            record.Flow = flow;
        }
    }

    /// <summary>Names the flow after the handler's class: <c>IdeaFlow</c> is "idea", <c>PollsCommand</c> with prefix "teams-" is "teams-polls".</summary>
    public static void RecordFlow(this ITurnContext turnContext, object handler, string prefix = "") =>
        turnContext.RecordFlow(prefix + FlowName(handler.GetType()));

    /// <summary>Records how the turn ended, when not ok.</summary>
    public static void RecordOutcome(this ITurnContext turnContext, string outcome)
    {
        if (turnContext.TurnState.Get<TurnRecord>() is { } record)
        {
            record.Outcome = outcome;
        }
    }

    internal static string FlowName(Type type)
    {
        var name = type.Name;
        foreach (var suffix in (string[])["Flow", "Command"])
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
            }
        }

        return name.ToLowerInvariant();
    }
}

/// <summary>Creates the observable gauges at start, so the first collection has them.</summary>
internal sealed class GaugesAtStart(OutboxDepthGauge outboxDepth) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(outboxDepth);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
