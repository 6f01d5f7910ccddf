using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Bot.Builder;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

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

    /// <summary>Turns handled, by channel, activity type and outcome (completed or failed).</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("veerkracht.turns", "{turn}", "Turns handled");

    /// <summary>How long a turn took in the bot, replies and state saving included.</summary>
    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("veerkracht.turn.duration", "ms", "Turn latency");

    public static IServiceCollection AddVeerkrachtTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(Name))
            .WithMetrics(metrics => metrics.AddMeter(Name));
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
        var outcome = "failed";
        try
        {
            await next(cancellationToken);
            outcome = "completed";
        }
        finally
        {
            var tags = new TagList { { "channel", channel }, { "activity_type", type }, { "outcome", outcome } };
            Telemetry.Turns.Add(1, tags);
            Telemetry.TurnDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
            activity?.SetTag("veerkracht.outcome", outcome);
        }
    }
}
