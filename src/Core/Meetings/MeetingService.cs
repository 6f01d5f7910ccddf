using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Core.Meetings;

/// <summary>Neighbourhood meetings as residents find them: upcoming ones, their details and how full they are.</summary>
public sealed class MeetingService(IMeetingStore store, NeighbourhoodCatalog neighbourhoods, TimeProvider clock)
{
    /// <summary>Longest title of a meeting.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Plans a meeting; audited in the same transaction, with <paramref name="plannedBy"/> (else the organiser) as the actor.</summary>
    public async Task<Meeting> PlanAsync(string neighbourhoodId, string title, string description, string place, DateTimeOffset startsAt, DateTimeOffset endsAt,
        int capacity, string organiser, bool isExample = false, string? plannedBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(place);
        if (title.Length > MaxTitleLength)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A title is at most {MaxTitleLength} characters.");
        }

        if (endsAt <= startsAt || capacity < 1)
        {
            throw new RuleViolation(RuleCode.InvalidInput, "A meeting ends after it starts and has at least one place.");
        }

        var meeting = new Meeting(Ids.New(), neighbourhoods.Require(neighbourhoodId).Id, title.Trim(), description.Trim(), place.Trim(),
            startsAt, endsAt, capacity, organiser, isExample);
        await store.AddAsync(meeting, Audit.AuditEntry.Create(clock.GetUtcNow(), plannedBy ?? organiser, "meeting.plan", "meeting", meeting.Id, meeting.Title), cancellationToken).ConfigureAwait(false);
        return meeting;
    }

    /// <summary>Meetings of the neighbourhood that have not ended, soonest first.</summary>
    public Task<IReadOnlyList<Meeting>> UpcomingAsync(string neighbourhoodId, int max = 5, CancellationToken cancellationToken = default) =>
        store.UpcomingAsync(neighbourhoodId, clock.GetUtcNow(), max, cancellationToken);

    /// <summary>Real meetings of the neighbourhood planned after <paramref name="since"/> that have not started, soonest first.</summary>
    public Task<IReadOnlyList<Meeting>> NewSinceAsync(string neighbourhoodId, DateTimeOffset since, int max = 5, CancellationToken cancellationToken = default) =>
        store.CreatedSinceAsync(neighbourhoodId, since, clock.GetUtcNow(), max, cancellationToken);

    /// <summary>The meeting, or null.</summary>
    public Task<Meeting?> GetAsync(string meetingId, CancellationToken cancellationToken = default) => store.GetAsync(meetingId, cancellationToken);

    /// <summary>How full the meeting is.</summary>
    public Task<Attendance> AttendanceAsync(string meetingId, CancellationToken cancellationToken = default) => store.AttendanceAsync(meetingId, cancellationToken);

    /// <summary>The resident's RSVP to the meeting, or null.</summary>
    public Task<Rsvp?> RsvpOfAsync(string meetingId, string residentId, CancellationToken cancellationToken = default) =>
        store.GetRsvpAsync(meetingId, residentId, cancellationToken);

    /// <summary>The resident's place (1-based) on the meeting's waiting list, or null when they are not waiting.</summary>
    public Task<int?> WaitingPositionAsync(string meetingId, string residentId, CancellationToken cancellationToken = default) =>
        store.WaitingPositionAsync(meetingId, residentId, cancellationToken);

    /// <summary>Whether answers can still change (until the meeting starts).</summary>
    public bool IsOpenForAnswers(Meeting meeting) => clock.GetUtcNow() < meeting.StartsAt;
}
