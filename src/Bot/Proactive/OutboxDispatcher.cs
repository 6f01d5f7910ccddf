using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Telemetry;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>
/// One round of the outbox worker: claim due notifications with a lease, send them (one conversation's in order,
/// different conversations side by side) and record the outcome of each. A notification is only sent while at least
/// half of its lease is left, and a send times out after a quarter of the lease, so no send outlives the lease and no
/// other instance can take the notification over while it is on its way.
/// </summary>
public sealed partial class OutboxDispatcher(INotificationOutbox outbox, ProactiveSender sender, IOptions<ProactiveOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    /// <summary>This instance, as lease owner: machine, process and a random part (two hosts in one process differ too).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private long _claimed;

    /// <summary>Notifications this instance claimed since it started (for diagnostics and tests).</summary>
    public long Claimed => Interlocked.Read(ref _claimed);

    /// <summary>Claims and sends one batch; returns how many notifications it claimed (0: nothing was due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!await outbox.AnyDueAsync(cancellationToken))
        {
            return 0;
        }

        var claimed = await outbox.ClaimAsync(Owner, settings.BatchSize, settings.Lease, settings.MaxAttempts, cancellationToken);
        Interlocked.Add(ref _claimed, claimed.Count);
        await Parallel.ForEachAsync(claimed.GroupBy(n => n.Recipient), new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentSends, CancellationToken = cancellationToken },
            async (recipient, token) =>
            {
                var blocked = false;
                foreach (var notification in recipient)
                {
                    if (blocked)
                    {
                        // An earlier message to this recipient is still to send: a later one never overtakes it.
                        await outbox.ReleaseAsync(notification.Id, Owner, CancellationToken.None);
                        continue;
                    }

                    blocked = !await DeliverAsync(notification, token);
                }
            });
        return claimed.Count;
    }

    /// <summary>Sends one notification; false when it is still open afterwards (given back, or to try again).</summary>
    private async Task<bool> DeliverAsync(Notification notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (notification.LeaseUntil - clock.GetUtcNow() < settings.Lease / 2)
        {
            // Waiting for its turn (the pace of the conversation) took too long: another round sends it, with a fresh lease.
            await outbox.ReleaseAsync(notification.Id, Owner, CancellationToken.None);
            return false;
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(notification, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The instance is stopping: another round (here or elsewhere) sends it.
            await outbox.ReleaseAsync(notification.Id, Owner, CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is DbException || TransientDatabaseErrors.IsTransient(ex))
        {
            LogDatabaseUnavailable(ex, notification.Id);
            await outbox.ReleaseAsync(notification.Id, Owner, CancellationToken.None);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A message the bot cannot render or send for a reason of its own (a bug): it fails with the reason, logged
            // as an error, and the other messages go on.
            LogUnexpected(ex, notification.Id, notification.Kind);
            outcome = new DeliveryOutcome(DeliveryState.Failed, Reason: $"Unexpected error: {ex.GetType().Name}: {ex.Message}");
        }

        if (outcome.State == DeliveryState.Throttled && notification.Attempts >= settings.MaxAttempts)
        {
            outcome = outcome with { State = DeliveryState.Failed, RetryAt = null, Reason = $"Gave up after {notification.Attempts} attempts; the last: {outcome.Reason}" };
        }

        if (!await outbox.CompleteAsync(notification.Id, Owner, outcome, CancellationToken.None))
        {
            LogLeaseLost(notification.Id);
            return false;
        }

        LogOutcome(notification.Id, notification.Kind, notification.Recipient.Kind, outcome.State, outcome.Reason);
        CoreMetrics.ProactiveSends.Add(1, new TagList
        {
            { "result", SendResult(outcome.State) },
            { "kind", notification.Kind.ToString() },
            { "recipient", notification.Recipient.Kind.ToString() },
        });
        return outcome.State != DeliveryState.Throttled;
    }

    /// <summary>The metric's result: a 403/404 (the recipient removed the bot or the conversation is gone) is "inactive".</summary>
    internal static string SendResult(DeliveryState state) => state switch
    {
        DeliveryState.Succeeded => "sent",
        DeliveryState.Throttled => "retried",
        DeliveryState.RecipientGone => "inactive",
        DeliveryState.Skipped => "skipped",
        _ => "failed",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Proactive message {NotificationId} ({Kind} to a {RecipientKind}): {State} {Reason}")]
    private partial void LogOutcome(string notificationId, NotificationKind kind, RecipientKind recipientKind, DeliveryState state, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proactive message {NotificationId}: the lease was lost before the result was recorded (another instance took it over)")]
    private partial void LogLeaseLost(string notificationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Proactive message {NotificationId} ({Kind}) failed on an unexpected error")]
    private partial void LogUnexpected(Exception exception, string notificationId, NotificationKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proactive message {NotificationId} given back: the database is unavailable")]
    private partial void LogDatabaseUnavailable(Exception exception, string notificationId);
}
