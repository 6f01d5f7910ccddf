using System.Diagnostics.Metrics;

namespace VeerkrachtBot.Core.Telemetry;

/// <summary>
/// The domain's metrics, recorded where the event happens; the bot's OpenTelemetry setup exports the meter
/// <see cref="MeterName"/>. Tags hold only values from fixed sets (a kind, a result, a reason): never a text, an id or
/// an address, so no tag carries personal data and their number stays bounded.
/// </summary>
public static class CoreMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "VeerkrachtBot.Core";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>
    /// Messages Azure AI Language did not analyse, so the local analysis answered; tag <c>reason</c>: deadline, unreachable,
    /// refused (an HTTP error), malformed, document-error (the service refused the text), no-result, language-unknown.
    /// </summary>
    public static readonly Counter<long> AnalysisFallbacks = Meter.CreateCounter<long>(
        "veerkracht.analysis.fallbacks", "{message}", "Messages analysed locally because Azure AI Language did not answer in time or failed");

    /// <summary>Attempts to send a message the bot starts, by <c>result</c> (sent, retried, inactive, failed, skipped), <c>kind</c> and <c>recipient</c>.</summary>
    public static readonly Counter<long> ProactiveSends = Meter.CreateCounter<long>(
        "veerkracht.proactive.sends", "{attempt}", "Attempts to send a message the bot starts, by result");

    /// <summary>Scheduled digest runs, by <c>kind</c> (week, month) and <c>result</c> (enqueued, empty, done-elsewhere, failed).</summary>
    public static readonly Counter<long> DigestRuns = Meter.CreateCounter<long>(
        "veerkracht.digest.runs", "{run}", "Scheduled digest runs, by result");

    /// <summary>Daily retention runs this instance did (<c>result</c>: ran); a day another instance ran is not counted here.</summary>
    public static readonly Counter<long> RetentionRuns = Meter.CreateCounter<long>(
        "veerkracht.retention.runs", "{run}", "Daily retention runs, by result");

    /// <summary>Records an analysis fall-back.</summary>
    public static void AnalysisFellBack(string reason) => AnalysisFallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
