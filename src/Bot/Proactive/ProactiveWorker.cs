using System.Data.Common;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>
/// Sends what the outbox holds, on every instance where <see cref="ProactiveOptions.Enabled"/>: a round as soon as
/// something is due, a cheap look every <see cref="ProactiveOptions.WorkerIntervalSeconds"/> otherwise. Starts once the
/// host listens (the local Direct Line's connector is this host). Once an hour it removes sent messages older than
/// <see cref="ProactiveOptions.KeepDays"/>, and every <see cref="ProactiveOptions.MonitorSeconds"/> it logs the outbox
/// figures: a warning when a due message waited longer than <see cref="ProactiveOptions.BacklogWarningMinutes"/>.
/// </summary>
public sealed partial class ProactiveWorker(
    OutboxDispatcher dispatcher,
    INotificationOutbox outbox,
    IHostApplicationLifetime lifetime,
    IOptions<ProactiveOptions> options,
    TimeProvider clock,
    ILogger<ProactiveWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            await RunAsync(settings, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was claimed and not sent was given back.
        }
    }

    private async Task RunAsync(ProactiveOptions settings, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        var purgedAt = DateTimeOffset.MinValue;
        var monitoredAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() - purgedAt >= PurgeEvery)
                {
                    purgedAt = clock.GetUtcNow();
                    await outbox.PurgeCompletedAsync(purgedAt.AddDays(-settings.KeepDays), stoppingToken);
                }

                if (clock.GetUtcNow() - monitoredAt >= settings.MonitorEvery)
                {
                    monitoredAt = clock.GetUtcNow();
                    await MonitorAsync(settings, monitoredAt, stoppingToken);
                }

                if (await dispatcher.RunOnceAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (Exception ex) when (ex is DbException || TransientDatabaseErrors.IsTransient(ex))
            {
                LogDatabaseUnavailable(ex);
            }

            await Task.Delay(settings.Interval, clock, stoppingToken);
        }
    }

    private async Task MonitorAsync(ProactiveOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var figures = await outbox.StatisticsAsync(cancellationToken);
        var results = string.Join(", ", figures.Results.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"));
        var waiting = figures.OldestDueAt is { } due ? now - due : TimeSpan.Zero;
        if (figures.OldestDueAt is not null && waiting > settings.BacklogWarning)
        {
            LogBacklog(figures.Depth, figures.Leased, (int)waiting.TotalMinutes, results);
        }
        else
        {
            LogFigures(figures.Depth, figures.Leased, results);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Depth} to send, {Leased} being sent; all rows by state: {Results}")]
    private partial void LogFigures(int depth, int leased, string results);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox behind: {Depth} to send, {Leased} being sent, the oldest due for {WaitingMinutes} minutes; all rows by state: {Results}")]
    private partial void LogBacklog(int depth, int leased, int waitingMinutes, string results);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox worker could not reach the database; it tries again")]
    private partial void LogDatabaseUnavailable(Exception exception);
}
