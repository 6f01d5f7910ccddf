using System.Data.Common;
using Dapper;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Evaluations;

/// <summary>What an evaluation question sent through the outbox asks about.</summary>
public sealed record EvaluationPayload(EvaluationSubject Subject, string SubjectId);

/// <summary>Storage of evaluations and meeting attendance.</summary>
public interface IEvaluationStore
{
    /// <summary>Stores an evaluation, replacing the resident's earlier one of the same subject; true when it replaced one.</summary>
    Task<bool> SaveAsync(Evaluation evaluation, CancellationToken cancellationToken = default);

    /// <summary>The resident's evaluation of a subject, or null.</summary>
    Task<Evaluation?> GetAsync(string residentId, EvaluationSubject subject, string subjectId, CancellationToken cancellationToken = default);

    /// <summary>Records that a resident was at a meeting (a second mark replaces the first).</summary>
    Task MarkAttendanceAsync(MeetingAttendance attendance, CancellationToken cancellationToken = default);

    /// <summary>Who was at a meeting, earliest mark first.</summary>
    Task<IReadOnlyList<MeetingAttendance>> AttendanceAsync(string meetingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each real meeting that ended after <paramref name="since"/> and at or before <paramref name="now"/> and was
    /// not handled before: one evaluation question (<see cref="NotificationKind.Evaluation"/>) per resident with a
    /// confirmed RSVP, written with the meeting's run row in one transaction, so any number of instances asks once.
    /// Returns the questions enqueued.
    /// </summary>
    Task<int> InviteAfterMeetingsAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enqueues for the residents who answered each poll closed since <paramref name="since"/> (closed early, or past its
    /// closing time) one message with its outcome and the evaluation question, once per poll across instances (the
    /// poll is claimed in the transaction that enqueues) and once per resident (the outbox's dedupe key); returns how many.
    /// </summary>
    Task<int> InviteAfterPollsAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IEvaluationStore"/> on the shared database; the evaluations' part of a resident's data.</summary>
public sealed class SqlEvaluationStore(IDatabase database) : IEvaluationStore, IResidentDataPart
{
    private const string Columns = """
        resident_id AS ResidentId, subject_kind AS SubjectKind, subject_id AS SubjectId, neighbourhood_id AS NeighbourhoodId, score AS Score, comment AS Comment, answered_at AS AnsweredAt
        """;

    internal const string SqliteEvaluationExists = "SELECT COUNT(*) FROM evaluations WHERE resident_id = @ResidentId AND subject_kind = @SubjectKind AND subject_id = @SubjectId";

    internal const string SqliteUpsertEvaluation = """
        INSERT INTO evaluations (id, resident_id, subject_kind, subject_id, neighbourhood_id, score, comment, answered_at)
        VALUES (@Id, @ResidentId, @SubjectKind, @SubjectId, @NeighbourhoodId, @Score, @Comment, @AnsweredAt)
        ON CONFLICT (resident_id, subject_kind, subject_id) WHERE resident_id IS NOT NULL
        DO UPDATE SET score = excluded.score, comment = excluded.comment, neighbourhood_id = excluded.neighbourhood_id, answered_at = excluded.answered_at
        """;

    internal const string SqlServerUpsertEvaluation = """
        MERGE evaluations WITH (HOLDLOCK) AS target
        USING (SELECT @ResidentId AS resident_id, @SubjectKind AS subject_kind, @SubjectId AS subject_id) AS source
            ON target.resident_id = source.resident_id AND target.subject_kind = source.subject_kind AND target.subject_id = source.subject_id
        WHEN MATCHED THEN UPDATE SET score = @Score, comment = @Comment, neighbourhood_id = @NeighbourhoodId, answered_at = @AnsweredAt
        WHEN NOT MATCHED THEN INSERT (id, resident_id, subject_kind, subject_id, neighbourhood_id, score, comment, answered_at)
            VALUES (@Id, @ResidentId, @SubjectKind, @SubjectId, @NeighbourhoodId, @Score, @Comment, @AnsweredAt)
        OUTPUT $action;
        """;

    internal const string SelectEvaluation = "SELECT " + Columns + " FROM evaluations WHERE resident_id = @residentId AND subject_kind = @subjectKind AND subject_id = @subjectId";

    internal const string SelectEvaluationsOfResident = "SELECT " + Columns + " FROM evaluations WHERE resident_id = @residentId ORDER BY answered_at";

    internal const string SqliteUpsertAttendance = """
        INSERT INTO meeting_attendance (meeting_id, resident_id, source, marked_by, marked_at) VALUES (@MeetingId, @ResidentId, @Source, @MarkedBy, @MarkedAt)
        ON CONFLICT (meeting_id, resident_id) DO UPDATE SET source = excluded.source, marked_by = excluded.marked_by, marked_at = excluded.marked_at
        """;

    internal const string SqlServerUpsertAttendance = """
        MERGE meeting_attendance WITH (HOLDLOCK) AS target
        USING (SELECT @MeetingId AS meeting_id, @ResidentId AS resident_id) AS source
            ON target.meeting_id = source.meeting_id AND target.resident_id = source.resident_id
        WHEN MATCHED THEN UPDATE SET source = @Source, marked_by = @MarkedBy, marked_at = @MarkedAt
        WHEN NOT MATCHED THEN INSERT (meeting_id, resident_id, source, marked_by, marked_at) VALUES (@MeetingId, @ResidentId, @Source, @MarkedBy, @MarkedAt);
        """;

    private const string AttendanceColumns = "meeting_id AS MeetingId, resident_id AS ResidentId, source AS Source, marked_by AS MarkedBy, marked_at AS MarkedAt";

    internal const string SelectAttendance = "SELECT " + AttendanceColumns + " FROM meeting_attendance WHERE meeting_id = @meetingId ORDER BY marked_at, resident_id";

    internal const string SelectAttendanceOfResident = "SELECT " + AttendanceColumns + " FROM meeting_attendance WHERE resident_id = @residentId ORDER BY marked_at";

    internal const string SelectEndedMeetings = """
        SELECT m.id FROM meetings m
        WHERE m.is_example = 0 AND m.ends_at > @since AND m.ends_at <= @now
          AND NOT EXISTS (SELECT 1 FROM meeting_evaluation_runs r WHERE r.meeting_id = m.id)
        ORDER BY m.ends_at, m.id
        """;

    internal const string SqliteClaimRun = """
        INSERT INTO meeting_evaluation_runs (meeting_id, invited, enqueued_at) VALUES (@meetingId, 0, @now) ON CONFLICT (meeting_id) DO NOTHING
        """;

    // The key-range lock makes a second instance wait here, then find the row and skip the meeting.
    internal const string SqlServerClaimRun = """
        INSERT INTO meeting_evaluation_runs (meeting_id, invited, enqueued_at)
        SELECT @meetingId, 0, @now
        WHERE NOT EXISTS (SELECT 1 FROM meeting_evaluation_runs WITH (UPDLOCK, HOLDLOCK) WHERE meeting_id = @meetingId)
        """;

    internal const string SelectGoing = "SELECT resident_id FROM rsvps WHERE meeting_id = @meetingId AND status = 'Confirmed' ORDER BY resident_id";

    internal const string SelectClosedPolls = """
        SELECT p.id FROM polls p
        WHERE p.is_example = 0 AND p.opens_at <= @now AND p.closes_at > @since AND (p.status = 'Closed' OR p.closes_at <= @now)
          AND NOT EXISTS (SELECT 1 FROM poll_evaluation_runs r WHERE r.poll_id = p.id)
        ORDER BY p.closes_at, p.id
        """;

    internal const string SqliteClaimPollRun = """
        INSERT INTO poll_evaluation_runs (poll_id, invited, enqueued_at) VALUES (@pollId, 0, @now) ON CONFLICT (poll_id) DO NOTHING
        """;

    internal const string SqlServerClaimPollRun = """
        INSERT INTO poll_evaluation_runs (poll_id, invited, enqueued_at)
        SELECT @pollId, 0, @now
        WHERE NOT EXISTS (SELECT 1 FROM poll_evaluation_runs WITH (UPDLOCK, HOLDLOCK) WHERE poll_id = @pollId)
        """;

    // Erased residents' answers have no author: nobody to ask.
    internal const string SelectAnswered = "SELECT DISTINCT resident_id FROM poll_responses WHERE poll_id = @pollId AND resident_id IS NOT NULL ORDER BY resident_id";

    internal const string UpdatePollRunInvited = "UPDATE poll_evaluation_runs SET invited = @invited WHERE poll_id = @pollId";

    internal const string UpdateRunInvited = "UPDATE meeting_evaluation_runs SET invited = @invited WHERE meeting_id = @meetingId";

    // Scores stay for the figures without author or comment, as poll answers do; attendance goes.
    internal const string AnonymiseEvaluations = "UPDATE evaluations SET resident_id = NULL, comment = NULL WHERE resident_id = @residentId";

    internal const string DeleteAttendance = "DELETE FROM meeting_attendance WHERE resident_id = @residentId";

    /// <inheritdoc />
    public string Name => "evaluations";

    /// <inheritdoc />
    public Task<bool> SaveAsync(Evaluation evaluation, CancellationToken cancellationToken = default)
    {
        var row = new
        {
            Id = Ids.New(), evaluation.ResidentId, SubjectKind = evaluation.Subject.ToString(), evaluation.SubjectId, evaluation.NeighbourhoodId,
            evaluation.Score, evaluation.Comment, AnsweredAt = evaluation.AnsweredAt.Ms(),
        };
        return database.WriteAsync(async (connection, transaction) =>
        {
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                return await connection.ExecuteScalarAsync<string>(SqlServerUpsertEvaluation, row, transaction).ConfigureAwait(false) == "UPDATE";
            }

            var existed = await connection.ExecuteScalarAsync<long>(SqliteEvaluationExists, row, transaction).ConfigureAwait(false) > 0;
            await connection.ExecuteAsync(SqliteUpsertEvaluation, row, transaction).ConfigureAwait(false);
            return existed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Evaluation?> GetAsync(string residentId, EvaluationSubject subject, string subjectId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<EvaluationRow>(SelectEvaluation, new { residentId, subjectKind = subject.ToString(), subjectId }), cancellationToken)
            .ConfigureAwait(false))?.ToEvaluation();

    /// <inheritdoc />
    public Task MarkAttendanceAsync(MeetingAttendance attendance, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(database.Pick(SqliteUpsertAttendance, SqlServerUpsertAttendance), new
        {
            attendance.MeetingId, attendance.ResidentId, Source = attendance.Source.ToString(), attendance.MarkedBy, MarkedAt = attendance.MarkedAt.Ms(),
        }, transaction), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MeetingAttendance>> AttendanceAsync(string meetingId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QueryAsync<AttendanceRow>(SelectAttendance, new { meetingId }), cancellationToken).ConfigureAwait(false))
            .Select(r => r.ToAttendance()).ToList();

    /// <inheritdoc />
    public async Task<int> InviteAfterMeetingsAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var ended = await database.ReadAsync(connection => connection.QueryAsync<string>(SelectEndedMeetings, new { since = since.Ms(), now = now.Ms() }), cancellationToken).ConfigureAwait(false);
        var invited = 0;
        foreach (var meetingId in ended)
        {
            invited += await database.WriteAsync(async (connection, transaction) =>
            {
                if (await connection.ExecuteAsync(database.Pick(SqliteClaimRun, SqlServerClaimRun), new { meetingId, now = now.Ms() }, transaction).ConfigureAwait(false) == 0)
                {
                    return 0;
                }

                var count = 0;
                var payload = NotificationPayloads.Write(new EvaluationPayload(EvaluationSubject.Meeting, meetingId));
                foreach (var residentId in await connection.QueryAsync<string>(SelectGoing, new { meetingId }, transaction).ConfigureAwait(false))
                {
                    var notification = new NewNotification(Recipient.Resident(residentId), NotificationKind.Evaluation, payload, $"evaluation:meeting:{meetingId}:{residentId}");
                    if (await SqlNotificationOutbox.EnqueueAsync(database, connection, transaction, notification, now).ConfigureAwait(false))
                    {
                        count++;
                    }
                }

                await connection.ExecuteAsync(UpdateRunInvited, new { meetingId, invited = count }, transaction).ConfigureAwait(false);
                return count;
            }, cancellationToken).ConfigureAwait(false);
        }

        return invited;
    }

    /// <inheritdoc />
    public async Task<int> InviteAfterPollsAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var closed = await database.ReadAsync(connection => connection.QueryAsync<string>(SelectClosedPolls, new { since = since.Ms(), now = now.Ms() }), cancellationToken).ConfigureAwait(false);
        var invited = 0;
        foreach (var pollId in closed)
        {
            invited += await database.WriteAsync(async (connection, transaction) =>
            {
                if (await connection.ExecuteAsync(database.Pick(SqliteClaimPollRun, SqlServerClaimPollRun), new { pollId, now = now.Ms() }, transaction).ConfigureAwait(false) == 0)
                {
                    return 0;
                }

                var count = 0;
                var payload = NotificationPayloads.Write(new EvaluationPayload(EvaluationSubject.Poll, pollId));
                foreach (var residentId in await connection.QueryAsync<string>(SelectAnswered, new { pollId }, transaction).ConfigureAwait(false))
                {
                    var notification = new NewNotification(Recipient.Resident(residentId), NotificationKind.Evaluation, payload, $"evaluation:poll:{pollId}:{residentId}");
                    if (await SqlNotificationOutbox.EnqueueAsync(database, connection, transaction, notification, now).ConfigureAwait(false))
                    {
                        count++;
                    }
                }

                await connection.ExecuteAsync(UpdatePollRunInvited, new { pollId, invited = count }, transaction).ConfigureAwait(false);
                return count;
            }, cancellationToken).ConfigureAwait(false);
        }

        return invited;
    }

    /// <inheritdoc />
    public async Task<object?> ExportAsync(DbConnection connection, string residentId, CancellationToken cancellationToken)
    {
        var evaluations = (await connection.QueryAsync<EvaluationRow>(SelectEvaluationsOfResident, new { residentId }).ConfigureAwait(false)).Select(r => r.ToEvaluation()).ToList();
        var attended = (await connection.QueryAsync<AttendanceRow>(SelectAttendanceOfResident, new { residentId }).ConfigureAwait(false)).Select(r => r.ToAttendance()).ToList();
        return evaluations.Count == 0 && attended.Count == 0 ? null : new ExportedEvaluations(evaluations, attended);
    }

    /// <inheritdoc />
    public async Task<int> EraseAsync(DbConnection connection, DbTransaction transaction, string residentId, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(AnonymiseEvaluations, new { residentId }, transaction).ConfigureAwait(false)
        + await connection.ExecuteAsync(DeleteAttendance, new { residentId }, transaction).ConfigureAwait(false);

    /// <summary>A resident's evaluations and the meetings they were marked at, as their export shows them.</summary>
    public sealed record ExportedEvaluations(IReadOnlyList<Evaluation> Evaluations, IReadOnlyList<MeetingAttendance> Attended);

    private sealed class EvaluationRow
    {
        public string ResidentId { get; set; } = "";
        public string SubjectKind { get; set; } = "";
        public string SubjectId { get; set; } = "";
        public string? NeighbourhoodId { get; set; }
        public int Score { get; set; }
        public string? Comment { get; set; }
        public long AnsweredAt { get; set; }

        public Evaluation ToEvaluation() => new(ResidentId, Enum.Parse<EvaluationSubject>(SubjectKind), SubjectId, NeighbourhoodId, Score, Comment, UnixTime.At(AnsweredAt));
    }

    private sealed class AttendanceRow
    {
        public string MeetingId { get; set; } = "";
        public string ResidentId { get; set; } = "";
        public string Source { get; set; } = "";
        public string MarkedBy { get; set; } = "";
        public long MarkedAt { get; set; }

        public MeetingAttendance ToAttendance() => new(MeetingId, ResidentId, Enum.Parse<AttendanceSource>(Source), MarkedBy, UnixTime.At(MarkedAt));
    }
}
