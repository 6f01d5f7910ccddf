using System.Data.Common;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>
/// Looks every <see cref="DigestScheduleOptions.CheckSeconds"/> whether a digest run is due and has the
/// <see cref="DigestScheduler"/> enqueue it, and whether a poll closed whose results the <see cref="PollResultsScheduler"/>
/// has not sent yet; the outbox worker sends. The first look is at start, so a run missed while the bot was down goes
/// out when it is back.
/// </summary>
public sealed partial class DigestScheduleWorker(DigestScheduler scheduler, PollResultsScheduler pollResults, IOptions<DigestScheduleOptions> options, TimeProvider clock, ILogger<DigestScheduleWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await scheduler.RunDueAsync(stoppingToken);
                    if (settings.PollResults)
                    {
                        await pollResults.RunDueAsync(stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is DbException || TransientDatabaseErrors.IsTransient(ex))
                {
                    LogDatabaseUnavailable(ex);
                }

                await Task.Delay(TimeSpan.FromSeconds(settings.CheckSeconds), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a run is one transaction, so it is done or not at all.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest schedule could not reach the database; it looks again")]
    private partial void LogDatabaseUnavailable(Exception exception);
}
