using Dapper;
using Microsoft.Extensions.Logging;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Professionals;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Digests;

/// <summary>A closed poll's results for one recipient.</summary>
/// <param name="PollId">The poll.</param>
/// <param name="NeighbourhoodIds">For a subscribed conversation: the poll's neighbourhoods it follows (sorted); empty for a programme manager.</param>
public sealed record PollResultsPayload(string PollId, IReadOnlyList<string> NeighbourhoodIds)
{
    /// <summary>Whether it goes to a programme manager (who gets every poll's results, followed or not).</summary>
    public bool ForProgrammeManager => NeighbourhoodIds.Count == 0;

    /// <summary>The outbox key: one results message per poll and conversation (or Teams user not yet in a personal chat), ever.</summary>
    public static string DedupeKey(string pollId, string recipientKey) => $"poll-results:{pollId}:{recipientKey}";
}

/// <summary>
/// Sends a poll's results when it closes (by its close time or closed early) to the programme managers and to the Teams
/// conversations that follow one of its neighbourhoods, through the outbox. Every instance may look: the row in
/// <c>poll_results_sent</c> is written in the transaction that enqueues, so a second instance finds it and does nothing,
/// and the outbox's dedupe key (<see cref="PollResultsPayload.DedupeKey"/>) keeps it to one message per conversation
/// even so. A programme manager who has a personal chat with the bot is written there (so a manager whose chat also
/// follows the neighbourhood gets one message); one the bot saw only elsewhere gets a new personal chat; one the bot
/// never saw cannot be reached and is left out.
/// </summary>
public sealed partial class PollResultsScheduler(IDatabase database, ProgrammeManagers managers, ConversationDirectory directory, TimeProvider clock, ILogger<PollResultsScheduler> logger)
{
    internal const string SelectDue = """
        SELECT p.id FROM polls p
        WHERE p.is_example = 0 AND p.opens_at <= @now
          AND (p.status = 'Closed' OR (p.status = 'Open' AND p.closes_at <= @now))
          AND NOT EXISTS (SELECT 1 FROM poll_results_sent s WHERE s.poll_id = p.id)
        ORDER BY p.closes_at, p.id
        """;

    internal const string SelectSubscribers = """
        SELECT s.conversation_reference_id AS ConversationReferenceId, s.neighbourhood_id AS NeighbourhoodId
        FROM teams_subscriptions s JOIN poll_neighbourhoods n ON n.neighbourhood_id = s.neighbourhood_id
        WHERE n.poll_id = @pollId
        ORDER BY s.conversation_reference_id, s.neighbourhood_id
        """;

    internal const string SqliteInsertSent = """
        INSERT INTO poll_results_sent (poll_id, recipients, done_at) VALUES (@pollId, 0, @now)
        ON CONFLICT (poll_id) DO NOTHING
        """;

    internal const string SqlServerInsertSent = """
        INSERT INTO poll_results_sent (poll_id, recipients, done_at)
        SELECT @pollId, 0, @now
        WHERE NOT EXISTS (SELECT 1 FROM poll_results_sent WITH (UPDLOCK, HOLDLOCK) WHERE poll_id = @pollId)
        """;

    internal const string UpdateSent = "UPDATE poll_results_sent SET recipients = @recipients WHERE poll_id = @pollId";

    /// <summary>Enqueues the results of every poll that closed and was not announced yet; returns how many messages this instance enqueued.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = (await database.ReadAsync(connection => connection.QueryAsync<string>(SelectDue, new { now = now.Ms() }), cancellationToken).ConfigureAwait(false)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var programmeManagers = await ManagerRecipientsAsync(cancellationToken).ConfigureAwait(false);
        var enqueued = 0;
        foreach (var pollId in due)
        {
            enqueued += await AnnounceAsync(pollId, programmeManagers, now, cancellationToken).ConfigureAwait(false);
        }

        return enqueued;
    }

    private async Task<int> AnnounceAsync(string pollId, IReadOnlyList<(Recipient Recipient, string Key)> programmeManagers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var enqueued = await database.WriteAsync(async (connection, transaction) =>
        {
            if (await connection.ExecuteAsync(database.Pick(SqliteInsertSent, SqlServerInsertSent), new { pollId, now = now.Ms() }, transaction).ConfigureAwait(false) == 0)
            {
                return -1;
            }

            var messages = new Dictionary<string, (Recipient Recipient, PollResultsPayload Payload)>(StringComparer.Ordinal);
            foreach (var (recipient, key) in programmeManagers)
            {
                messages.TryAdd(key, (recipient, new PollResultsPayload(pollId, [])));
            }

            var subscribers = await connection.QueryAsync<(string ConversationReferenceId, string NeighbourhoodId)>(SelectSubscribers, new { pollId }, transaction).ConfigureAwait(false);
            foreach (var conversation in subscribers.GroupBy(s => s.ConversationReferenceId, StringComparer.Ordinal))
            {
                messages.TryAdd(conversation.Key, (Recipient.Conversation(conversation.Key),
                    new PollResultsPayload(pollId, conversation.Select(s => s.NeighbourhoodId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())));
            }

            var count = 0;
            foreach (var (key, (recipient, payload)) in messages)
            {
                var notification = new NewNotification(recipient, NotificationKind.PollResults, NotificationPayloads.Write(payload), PollResultsPayload.DedupeKey(pollId, key));
                if (await SqlNotificationOutbox.EnqueueAsync(database, connection, transaction, notification, now).ConfigureAwait(false))
                {
                    count++;
                }
            }

            await connection.ExecuteAsync(UpdateSent, new { pollId, recipients = messages.Count }, transaction).ConfigureAwait(false);
            return count;
        }, cancellationToken).ConfigureAwait(false);

        if (enqueued >= 0)
        {
            LogAnnounced(pollId, enqueued);
        }

        return Math.Max(enqueued, 0);
    }

    /// <summary>Where each programme manager is written: their personal chat's id, else (by Entra id) a new personal chat.</summary>
    private async Task<IReadOnlyList<(Recipient Recipient, string Key)>> ManagerRecipientsAsync(CancellationToken cancellationToken)
    {
        var ids = managers.Configured.Concat((await managers.StoredAsync(cancellationToken).ConfigureAwait(false)).Select(m => m.AadObjectId))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var recipients = new List<(Recipient, string)>();
        foreach (var id in ids)
        {
            var (personal, seenIn) = await directory.OfTeamsUserAsync(id, cancellationToken).ConfigureAwait(false);
            if (personal is not null)
            {
                recipients.Add((Recipient.Conversation(personal.Id), personal.Id));
            }
            else if (seenIn is not null)
            {
                recipients.Add((Recipient.TeamsUser(id), "user:" + id));
            }
        }

        if (ids.Count > recipients.Count)
        {
            LogManagersUnreachable(ids.Count - recipients.Count);
        }

        return recipients;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {PollId} closed: {Enqueued} results messages enqueued by this instance")]
    private partial void LogAnnounced(string pollId, int enqueued);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} programme managers were never seen in Teams: the poll results cannot reach them")]
    private partial void LogManagersUnreachable(int count);
}
