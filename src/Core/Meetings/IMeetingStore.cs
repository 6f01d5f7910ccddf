namespace VeerkrachtBot.Core.Meetings;

/// <summary>Storage of meetings and RSVPs.</summary>
public interface IMeetingStore
{
    /// <summary>
    /// Stores a new meeting, the audit entry when given, and, for a real one (not an example), an announcement to each
    /// resident of its neighbourhood who asked for news (<see cref="Residents.ConsentKind.News"/>), in one transaction.
    /// </summary>
    Task AddAsync(Meeting meeting, Audit.AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>The meeting, or null.</summary>
    Task<Meeting?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Meetings of a neighbourhood that have not ended at <paramref name="now"/>, soonest first.</summary>
    Task<IReadOnlyList<Meeting>> UpcomingAsync(string neighbourhoodId, DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an answer and applies <see cref="WaitingList"/> in one transaction that holds the meeting's lock,
    /// so concurrent answers never give away more places than there are. Each resident who moves up gets a
    /// notification (<see cref="Notifications.NotificationKind.WaitingListPromotion"/>) in the same transaction.
    /// </summary>
    Task<RsvpOutcome> RespondAsync(string meetingId, string residentId, RsvpResponse response, int partySize, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Real meetings of a neighbourhood created after <paramref name="since"/> that have not started at <paramref name="now"/>, soonest first.</summary>
    Task<IReadOnlyList<Meeting>> CreatedSinceAsync(string neighbourhoodId, DateTimeOffset since, DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>A resident's RSVP, or null.</summary>
    Task<Rsvp?> GetRsvpAsync(string meetingId, string residentId, CancellationToken cancellationToken = default);

    /// <summary>The resident's place (1-based) on the waiting list, or null when they are not waiting.</summary>
    Task<int?> WaitingPositionAsync(string meetingId, string residentId, CancellationToken cancellationToken = default);

    /// <summary>How full the meeting is.</summary>
    Task<Attendance> AttendanceAsync(string meetingId, CancellationToken cancellationToken = default);
}
