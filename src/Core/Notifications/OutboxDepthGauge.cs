using System.Data.Common;
using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.Logging;
using Polly;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Telemetry;

namespace VeerkrachtBot.Core.Notifications;

/// <summary>
/// The outbox depth as an observable gauge (<c>veerkracht.outbox.depth</c>, tag <c>state</c>: pending or retrying),
/// read from the database when the exporter collects, at most once per <see cref="ReadEvery"/>: one count over the
/// open rows, which the outbox's partial index holds. Every instance reports the same figure (the database's), so
/// a chart takes the maximum, not the sum.
/// </summary>
public sealed partial class OutboxDepthGauge : IDisposable
{
    internal const string SelectDepth = """
        SELECT CAST(COALESCE(SUM(CASE WHEN state = 'Pending' THEN 1 ELSE 0 END), 0) AS BIGINT) AS Pending,
               CAST(COALESCE(SUM(CASE WHEN state = 'Throttled' THEN 1 ELSE 0 END), 0) AS BIGINT) AS Retrying
        FROM notification_outbox WHERE state IN ('Pending', 'Throttled')
        """;

    /// <summary>How long a read is reused: exporters collect every few seconds, the figure need not be fresher.</summary>
    public static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(10);

    private readonly IDatabase _database;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxDepthGauge> _logger;
    private readonly Meter _meter;
    private readonly Lock _gate = new();
    private Measurement<long>[] _last = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>Creates the gauge on a meter of <paramref name="meters"/>, named <see cref="CoreMetrics.MeterName"/>.</summary>
    public OutboxDepthGauge(IMeterFactory meters, IDatabase database, TimeProvider clock, ILogger<OutboxDepthGauge> logger)
    {
        _database = database;
        _clock = clock;
        _logger = logger;
        _meter = meters.Create(CoreMetrics.MeterName);
        _meter.CreateObservableGauge("veerkracht.outbox.depth", Observe, "{message}", "Messages the bot starts that wait to be sent, by state");
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private Measurement<long>[] Observe()
    {
        lock (_gate)
        {
            if (_clock.GetUtcNow() - _readAt < ReadEvery)
            {
                return _last;
            }

            try
            {
                // The collection is synchronous (the exporter's own thread); the read is one short statement.
                var (pending, retrying) = ReadAsync().GetAwaiter().GetResult();
                _last = [new(pending, new KeyValuePair<string, object?>("state", "pending")), new(retrying, new KeyValuePair<string, object?>("state", "retrying"))];
                _readAt = _clock.GetUtcNow();
            }
            catch (Exception ex) when (ex is DbException || TransientDatabaseErrors.IsTransient(ex))
            {
                // No figure is better than a stale one presented as current; the next collection tries again.
                LogUnavailable(ex);
                _last = [];
            }

            return _last;
        }
    }

    private Task<(long Pending, long Retrying)> ReadAsync() =>
        _database.ReadAsync(connection => connection.QuerySingleAsync<(long Pending, long Retrying)>(SelectDepth), ResiliencePipeline.Empty);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox depth could not be read; the gauge reports nothing this time")]
    private partial void LogUnavailable(Exception exception);
}
