using System.Data.Common;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Retention;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Privacy;

/// <summary>
/// Looks every <see cref="RetentionOptions.RetentionCheckMinutes"/> whether today's retention run is done and has the
/// <see cref="RetentionJob"/> do it when not; the first look is at start. Every instance looks, one runs it.
/// </summary>
public sealed partial class RetentionWorker(RetentionJob job, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RetentionJobEnabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await job.RunDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is DbException || TransientDatabaseErrors.IsTransient(ex))
                {
                    LogDatabaseUnavailable(ex);
                }

                await Task.Delay(TimeSpan.FromMinutes(settings.RetentionCheckMinutes), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a run is one transaction, so it is done or not at all.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention run could not reach the database; it looks again")]
    private partial void LogDatabaseUnavailable(Exception exception);
}
