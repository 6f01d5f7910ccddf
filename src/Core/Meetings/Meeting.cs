namespace VeerkrachtBot.Core.Meetings;

/// <summary>A neighbourhood meeting ("bijeenkomst", a Meemakers walk, ...). Times are instants; show them in Europe/Amsterdam.</summary>
public sealed record Meeting(
    string Id,
    string NeighbourhoodId,
    string Title,
    string Description,
    string Place,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    string Organiser,
    bool IsExample);

/// <summary>What a resident answered.</summary>
public enum RsvpResponse
{
    /// <summary>I am coming.</summary>
    Yes,

    /// <summary>Maybe.</summary>
    Maybe,

    /// <summary>I am not coming (also: cancel).</summary>
    No,
}

/// <summary>Where an RSVP stands.</summary>
public enum RsvpStatus
{
    /// <summary>Has places.</summary>
    Confirmed,

    /// <summary>On the waiting list.</summary>
    Waiting,

    /// <summary>Answered maybe: holds no places.</summary>
    Maybe,

    /// <summary>Not coming.</summary>
    Declined,
}

/// <summary>A resident's RSVP to a meeting.</summary>
public sealed record Rsvp(
    string MeetingId,
    string ResidentId,
    RsvpResponse Response,
    int PartySize,
    RsvpStatus Status,
    DateTimeOffset? WaitingSince,
    DateTimeOffset RespondedAt);

/// <summary>The result of an RSVP: the resident's own, their place on the waiting list, and who moved up.</summary>
public sealed record RsvpOutcome(Rsvp Rsvp, int? WaitingPosition, IReadOnlyList<Rsvp> Promoted, int PlacesLeft);

/// <summary>How full a meeting is.</summary>
public sealed record Attendance(int Capacity, int ConfirmedPlaces, int ConfirmedResidents, int WaitingResidents, int MaybeResidents);
