using Dapper;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Privacy;

/// <summary><see cref="IResidentDataStore"/> on the shared database.</summary>
/// <remarks>
/// The <see cref="IResidentDataPart"/>s of other features (their notifications, how to reach them) are exported with the
/// rest and erased in the same transaction.
/// </remarks>
public sealed class SqlResidentDataStore(IDatabase database, IResidentStore residents, IIdeaStore ideas, IMeetingStore meetings, IPollStore polls,
    IEnumerable<IResidentDataPart>? parts = null) : IResidentDataStore
{
    private readonly IReadOnlyList<IResidentDataPart> _parts = parts?.ToList() ?? [];

    internal const string SelectRsvpMeetings = "SELECT DISTINCT meeting_id FROM rsvps WHERE resident_id = @id";

    internal const string SelectConfirmedMeetings = "SELECT DISTINCT meeting_id FROM rsvps WHERE resident_id = @id AND status = 'Confirmed'";

    internal const string SelectRsvpKeys = "SELECT meeting_id FROM rsvps WHERE resident_id = @id";

    internal const string SelectPollKeys = "SELECT poll_id FROM poll_responses WHERE resident_id = @id";

    internal const string DeleteRsvps = "DELETE FROM rsvps WHERE resident_id = @id";

    // The source key names the channel conversation and message: it goes too, or the idea could be linked back.
    internal const string AnonymiseIdeas = """
        UPDATE ideas SET resident_id = NULL, original_text = NULL, redacted_text = '', key_phrases = '[]',
            contact_allowed = 0, contact_detail = NULL, source_key = id, updated_at = @now
        WHERE resident_id = @id
        """;

    internal const string AnonymisePollAnswers = "UPDATE poll_responses SET resident_id = NULL, comment = NULL WHERE resident_id = @id";

    internal const string DeleteConsents = "DELETE FROM resident_consents WHERE resident_id = @id";

    internal const string DeleteResident = "DELETE FROM residents WHERE id = @id";

    /// <inheritdoc />
    public async Task<ResidentExport?> ExportAsync(string residentId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var resident = await residents.FindAsync(residentId, cancellationToken).ConfigureAwait(false);
        if (resident is null)
        {
            return null;
        }

        var exportedIdeas = new List<ExportedIdea>();
        foreach (var idea in await ideas.ListByResidentAsync(residentId, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            exportedIdeas.Add(new ExportedIdea(idea, await ideas.HistoryAsync(idea.Id, cancellationToken).ConfigureAwait(false)));
        }

        var rsvps = new List<ExportedRsvp>();
        var meetingIds = await database.ReadAsync(connection => connection.QueryAsync<string>(SelectRsvpKeys, new { id = residentId }), cancellationToken).ConfigureAwait(false);
        foreach (var meetingId in meetingIds)
        {
            var meeting = await meetings.GetAsync(meetingId, cancellationToken).ConfigureAwait(false);
            var rsvp = await meetings.GetRsvpAsync(meetingId, residentId, cancellationToken).ConfigureAwait(false);
            if (meeting is not null && rsvp is not null)
            {
                rsvps.Add(new ExportedRsvp(rsvp, meeting.Title, meeting.StartsAt));
            }
        }

        var answers = new List<PollResponse>();
        var pollIds = await database.ReadAsync(connection => connection.QueryAsync<string>(SelectPollKeys, new { id = residentId }), cancellationToken).ConfigureAwait(false);
        foreach (var pollId in pollIds)
        {
            if (await polls.GetResponseAsync(pollId, residentId, cancellationToken).ConfigureAwait(false) is { } answer)
            {
                answers.Add(answer);
            }
        }

        var more = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var part in _parts)
        {
            more[part.Name] = await database.ReadAsync(connection => part.ExportAsync(connection, residentId, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return new ResidentExport(now, resident, await residents.ConsentsAsync(residentId, cancellationToken).ConfigureAwait(false), exportedIdeas, rsvps, answers)
        {
            Parts = more,
        };
    }

    /// <inheritdoc />
    public Task<ErasureReport> EraseAsync(string residentId, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var parameters = new { id = residentId, now = now.Ms() };
        return database.WriteAsync(async (connection, transaction) =>
        {
            // Every meeting the resident has any RSVP for is locked before the RSVPs are read for real: a cancellation
            // elsewhere can otherwise promote this resident (waiting) between the read and the delete, and that place
            // would be deleted without going to the next person. Ids are locked in order, as RespondAsync locks a
            // meeting before its RSVPs; the loop catches an RSVP that arrived while locking (rare, and then the order
            // may differ: a deadlock victim is retried by the runner).
            var locked = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var missing = (await connection.QueryAsync<string>(SelectRsvpMeetings, parameters, transaction).ConfigureAwait(false))
                    .Where(id => !locked.Contains(id)).ToList();
                if (missing.Count == 0)
                {
                    break;
                }

                await SqlMeetingStore.LockAllAsync(database, connection, transaction, missing).ConfigureAwait(false);
                locked.UnionWith(missing);
            }

            var freedMeetings = (await connection.QueryAsync<string>(SelectConfirmedMeetings, parameters, transaction).ConfigureAwait(false)).Order(StringComparer.Ordinal).ToList();
            var rsvps = await connection.ExecuteAsync(DeleteRsvps, parameters, transaction).ConfigureAwait(false);
            var ideaCount = await connection.ExecuteAsync(AnonymiseIdeas, parameters, transaction).ConfigureAwait(false);
            var answers = await connection.ExecuteAsync(AnonymisePollAnswers, parameters, transaction).ConfigureAwait(false);
            var consents = await connection.ExecuteAsync(DeleteConsents, parameters, transaction).ConfigureAwait(false);
            var found = await connection.ExecuteAsync(DeleteResident, parameters, transaction).ConfigureAwait(false) == 1;
            var erasedParts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var part in _parts)
            {
                erasedParts[part.Name] = await part.EraseAsync(connection, transaction, residentId, cancellationToken).ConfigureAwait(false);
            }

            // Whoever gets the freed places is told, like any promotion: the notice is written here, after this
            // resident's own notifications went, in the erasure's transaction.
            var promoted = new List<Rsvp>();
            foreach (var meetingId in freedMeetings)
            {
                promoted.AddRange(await SqlMeetingStore.PromoteWaitingAsync(database, connection, transaction, meetingId, now).ConfigureAwait(false));
            }

            return new ErasureReport(found, ideaCount, rsvps, answers, consents, promoted) { PartsErased = erasedParts };
        }, cancellationToken);
    }
}
