using System.Data.Common;
using Dapper;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Meetings;

/// <summary><see cref="IMeetingStore"/> on the shared database.</summary>
public sealed class SqlMeetingStore(IDatabase database) : IMeetingStore
{
    internal const string Insert = """
        INSERT INTO meetings (id, neighbourhood_id, title, description, place, starts_at, ends_at, capacity, organiser, is_example, created_at)
        VALUES (@Id, @NeighbourhoodId, @Title, @Description, @Place, @StartsAt, @EndsAt, @Capacity, @Organiser, @IsExample, @CreatedAt)
        """;

    private const string SelectColumns = """
        SELECT id AS Id, neighbourhood_id AS NeighbourhoodId, title AS Title, description AS Description, place AS Place,
               starts_at AS StartsAt, ends_at AS EndsAt, capacity AS Capacity, organiser AS Organiser, is_example AS IsExample
        FROM meetings
        """;

    internal const string SelectById = SelectColumns + " WHERE id = @id";

    internal const string SqlServerSelectByIdForUpdate = SelectColumns + " WITH (UPDLOCK, HOLDLOCK) WHERE id = @id";

    internal const string SqliteUpcoming = SelectColumns + " WHERE neighbourhood_id = @neighbourhoodId AND ends_at > @now ORDER BY starts_at LIMIT @max";

    internal const string SqlServerUpcoming = SelectColumns + " WHERE neighbourhood_id = @neighbourhoodId AND ends_at > @now ORDER BY starts_at OFFSET 0 ROWS FETCH NEXT @max ROWS ONLY";

    internal const string SqliteCreatedSince = SelectColumns + """
         WHERE neighbourhood_id = @neighbourhoodId AND created_at > @since AND starts_at > @now AND is_example = 0 ORDER BY starts_at LIMIT @max
        """;

    internal const string SqlServerCreatedSince = SelectColumns + """
         WHERE neighbourhood_id = @neighbourhoodId AND created_at > @since AND starts_at > @now AND is_example = 0 ORDER BY starts_at OFFSET 0 ROWS FETCH NEXT @max ROWS ONLY
        """;

    internal const string SelectRsvps = """
        SELECT meeting_id AS MeetingId, resident_id AS ResidentId, response AS Response, party_size AS PartySize, status AS Status,
               waiting_since AS WaitingSince, responded_at AS RespondedAt
        FROM rsvps WHERE meeting_id = @meetingId
        """;

    internal const string SqliteUpsertRsvp = """
        INSERT INTO rsvps (meeting_id, resident_id, neighbourhood_id, response, party_size, status, waiting_since, responded_at)
        VALUES (@MeetingId, @ResidentId, @NeighbourhoodId, @Response, @PartySize, @Status, @WaitingSince, @RespondedAt)
        ON CONFLICT (meeting_id, resident_id) DO UPDATE SET response = excluded.response, party_size = excluded.party_size,
            status = excluded.status, waiting_since = excluded.waiting_since, responded_at = excluded.responded_at
        """;

    internal const string SqlServerUpsertRsvp = """
        MERGE rsvps WITH (HOLDLOCK) AS target
        USING (SELECT @MeetingId AS meeting_id, @ResidentId AS resident_id) AS source
            ON target.meeting_id = source.meeting_id AND target.resident_id = source.resident_id
        WHEN MATCHED THEN UPDATE SET response = @Response, party_size = @PartySize, status = @Status, waiting_since = @WaitingSince, responded_at = @RespondedAt
        WHEN NOT MATCHED THEN INSERT (meeting_id, resident_id, neighbourhood_id, response, party_size, status, waiting_since, responded_at)
            VALUES (@MeetingId, @ResidentId, @NeighbourhoodId, @Response, @PartySize, @Status, @WaitingSince, @RespondedAt);
        """;

    internal const string Promote = "UPDATE rsvps SET status = 'Confirmed', waiting_since = NULL WHERE meeting_id = @MeetingId AND resident_id = @ResidentId";

    /// <inheritdoc />
    public Task AddAsync(Meeting meeting, AuditEntry? audit = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var now = DateTimeOffset.UtcNow;
            await connection.ExecuteAsync(Insert, new
            {
                meeting.Id, meeting.NeighbourhoodId, meeting.Title, meeting.Description, meeting.Place,
                StartsAt = meeting.StartsAt.Ms(), EndsAt = meeting.EndsAt.Ms(), meeting.Capacity, meeting.Organiser, meeting.IsExample,
                CreatedAt = now.Ms(),
            }, transaction).ConfigureAwait(false);
            if (audit is not null)
            {
                await SqlAuditLog.AppendAsync(connection, transaction, audit).ConfigureAwait(false);
            }

            await AnnounceAsync(database, connection, transaction, meeting, now).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// A real meeting (not an example) is announced, in the transaction that stores it, to the residents of its
    /// neighbourhood who asked for news.
    /// </summary>
    internal static Task AnnounceAsync(IDatabase database, DbConnection connection, DbTransaction transaction, Meeting meeting, DateTimeOffset now) =>
        meeting.IsExample
            ? Task.CompletedTask
            : SqlNotificationOutbox.AnnounceAsync(database, connection, transaction, new AnnouncementPayload(AnnouncedItem.Meeting, meeting.Id), [meeting.NeighbourhoodId], now, now);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Meeting>> CreatedSinceAsync(string neighbourhoodId, DateTimeOffset since, DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<MeetingRow>(database.Pick(SqliteCreatedSince, SqlServerCreatedSince),
            new { neighbourhoodId, since = since.Ms(), now = now.Ms(), max }), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToMeeting()).ToList();
    }

    /// <inheritdoc />
    public async Task<Meeting?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<MeetingRow>(SelectById, new { id }), cancellationToken).ConfigureAwait(false))?.ToMeeting();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Meeting>> UpcomingAsync(string neighbourhoodId, DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<MeetingRow>(database.Pick(SqliteUpcoming, SqlServerUpcoming), new { neighbourhoodId, now = now.Ms(), max }), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToMeeting()).ToList();
    }

    /// <inheritdoc />
    public Task<RsvpOutcome> RespondAsync(string meetingId, string residentId, RsvpResponse response, int partySize, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var meeting = await LockAsync(database, connection, transaction, meetingId).ConfigureAwait(false)
                ?? throw new RuleViolation(RuleCode.NotFound, $"There is no meeting '{meetingId}'.");
            if (now >= meeting.StartsAt)
            {
                throw new RuleViolation(RuleCode.MeetingStarted, "The meeting has started; answers can no longer change.");
            }

            var current = await RsvpsAsync(connection, transaction, meetingId).ConfigureAwait(false);
            var (own, promoted) = WaitingList.Apply(current, meeting.Capacity, meetingId, residentId, response, partySize, now);
            await connection.ExecuteAsync(database.Pick(SqliteUpsertRsvp, SqlServerUpsertRsvp), Row(own, meeting.NeighbourhoodId), transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(Promote, promoted.Select(p => Row(p, meeting.NeighbourhoodId)), transaction).ConfigureAwait(false);
            await TellPromotedAsync(database, connection, transaction, current, promoted, now).ConfigureAwait(false);

            var after = current.Where(r => r.ResidentId != residentId && promoted.All(p => p.ResidentId != r.ResidentId)).Concat(promoted).Append(own).ToList();
            var placesLeft = meeting.Capacity - after.Where(r => r.Status == RsvpStatus.Confirmed).Sum(r => r.PartySize);
            return new RsvpOutcome(own, WaitingList.Position(after, residentId), promoted, placesLeft);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<Rsvp?> GetRsvpAsync(string meetingId, string residentId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => RsvpsAsync(connection, null, meetingId), cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.ResidentId == residentId);

    /// <inheritdoc />
    public Task<int?> WaitingPositionAsync(string meetingId, string residentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection => WaitingList.Position(await RsvpsAsync(connection, null, meetingId).ConfigureAwait(false), residentId), cancellationToken);

    /// <inheritdoc />
    public Task<Attendance> AttendanceAsync(string meetingId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            var meeting = (await connection.QuerySingleOrDefaultAsync<MeetingRow>(SelectById, new { id = meetingId }).ConfigureAwait(false))?.ToMeeting()
                ?? throw new RuleViolation(RuleCode.NotFound, $"There is no meeting '{meetingId}'.");
            var rsvps = await RsvpsAsync(connection, null, meetingId).ConfigureAwait(false);
            var confirmed = rsvps.Where(r => r.Status == RsvpStatus.Confirmed).ToList();
            return new Attendance(meeting.Capacity, confirmed.Sum(r => r.PartySize), confirmed.Count,
                rsvps.Count(r => r.Status == RsvpStatus.Waiting), rsvps.Count(r => r.Status == RsvpStatus.Maybe));
        }, cancellationToken);

    /// <summary>
    /// Moves waiting parties up after places were freed outside <see cref="RespondAsync"/> (erasure); the caller
    /// holds the meeting's lock. Returns the promoted RSVPs, so they can be told.
    /// </summary>
    internal static async Task<IReadOnlyList<Rsvp>> PromoteWaitingAsync(IDatabase database, DbConnection connection, DbTransaction transaction, string meetingId, DateTimeOffset now)
    {
        var meeting = await LockAsync(database, connection, transaction, meetingId).ConfigureAwait(false);
        if (meeting is null)
        {
            return [];
        }

        var current = await RsvpsAsync(connection, transaction, meetingId).ConfigureAwait(false);
        var promoted = WaitingList.Promotions(current, meeting.Capacity);
        await connection.ExecuteAsync(Promote, promoted.Select(p => Row(p, meeting.NeighbourhoodId)), transaction).ConfigureAwait(false);
        await TellPromotedAsync(database, connection, transaction, current, promoted, now).ConfigureAwait(false);
        return promoted;
    }

    /// <summary>Each resident who moved up gets a notice, written in the transaction that gave them the place.</summary>
    private static async Task TellPromotedAsync(IDatabase database, DbConnection connection, DbTransaction transaction, IReadOnlyList<Rsvp> before, IReadOnlyList<Rsvp> promoted, DateTimeOffset now)
    {
        foreach (var rsvp in promoted)
        {
            var waitingSince = before.FirstOrDefault(r => r.ResidentId == rsvp.ResidentId)?.WaitingSince ?? now;
            await SqlNotificationOutbox.EnqueueAsync(database, connection, transaction, Notices.Promotion(rsvp, waitingSince), now).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Locks meetings in id order before their RSVPs change outside <see cref="RespondAsync"/> (erasure): the same
    /// order as RespondAsync (meeting first, then its RSVPs), so the two cannot deadlock on SQL Server.
    /// </summary>
    internal static async Task LockAllAsync(IDatabase database, DbConnection connection, DbTransaction transaction, IEnumerable<string> meetingIds)
    {
        foreach (var id in meetingIds.Order(StringComparer.Ordinal))
        {
            await LockAsync(database, connection, transaction, id).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the meeting inside the write transaction, holding its lock until commit.</summary>
    private static async Task<Meeting?> LockAsync(IDatabase database, DbConnection connection, DbTransaction transaction, string meetingId) =>
        (await connection.QuerySingleOrDefaultAsync<MeetingRow>(database.Pick(SelectById, SqlServerSelectByIdForUpdate), new { id = meetingId }, transaction).ConfigureAwait(false))?.ToMeeting();

    private static async Task<List<Rsvp>> RsvpsAsync(DbConnection connection, DbTransaction? transaction, string meetingId) =>
        (await connection.QueryAsync<RsvpRow>(SelectRsvps, new { meetingId }, transaction).ConfigureAwait(false)).Select(r => r.ToRsvp()).ToList();

    private static object Row(Rsvp r, string neighbourhoodId) => new
    {
        r.MeetingId, r.ResidentId, NeighbourhoodId = neighbourhoodId, Response = r.Response.ToString(), r.PartySize, Status = r.Status.ToString(),
        WaitingSince = r.WaitingSince?.Ms(), RespondedAt = r.RespondedAt.Ms(),
    };

    private sealed class MeetingRow
    {
        public string Id { get; set; } = "";
        public string NeighbourhoodId { get; set; } = "";
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";
        public string Place { get; set; } = "";
        public long StartsAt { get; set; }
        public long EndsAt { get; set; }
        public int Capacity { get; set; }
        public string Organiser { get; set; } = "";
        public bool IsExample { get; set; }

        public Meeting ToMeeting() => new(Id, NeighbourhoodId, Title, Description, Place, UnixTime.At(StartsAt), UnixTime.At(EndsAt), Capacity, Organiser, IsExample);
    }

    private sealed class RsvpRow
    {
        public string MeetingId { get; set; } = "";
        public string ResidentId { get; set; } = "";
        public string Response { get; set; } = "";
        public int PartySize { get; set; }
        public string Status { get; set; } = "";
        public long? WaitingSince { get; set; }
        public long RespondedAt { get; set; }

        public Rsvp ToRsvp() => new(MeetingId, ResidentId, Enum.Parse<RsvpResponse>(Response), PartySize, Enum.Parse<RsvpStatus>(Status), UnixTime.At(WaitingSince), UnixTime.At(RespondedAt));
    }
}
