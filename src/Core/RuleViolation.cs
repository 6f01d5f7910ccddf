namespace VeerkrachtBot.Core;

/// <summary>Why a resident's or professional's request cannot be done; the Bot turns it into a friendly reply.</summary>
public enum RuleCode
{
    /// <summary>The input is out of range or malformed.</summary>
    InvalidInput,

    /// <summary>No such idea, meeting, poll or resident.</summary>
    NotFound,

    /// <summary>The meeting has started; RSVPs can no longer change.</summary>
    MeetingStarted,

    /// <summary>A confirmed RSVP cannot grow: not enough places left.</summary>
    NotEnoughPlaces,

    /// <summary>The poll is not open (not yet, or any more).</summary>
    PollClosed,

    /// <summary>The idea's status cannot move that way.</summary>
    InvalidStatusChange,

    /// <summary>The neighbourhood is not one of the configured neighbourhoods.</summary>
    UnknownNeighbourhood,

    /// <summary>The meeting is in another neighbourhood than the resident's: residents answer for their own neighbourhood.</summary>
    OtherNeighbourhood,

    /// <summary>The party is larger than the meeting's capacity: it can never get places, not even from the waiting list.</summary>
    PartyTooLarge,

    /// <summary>The consent to withdraw is not in force (never given, or withdrawn already).</summary>
    ConsentNotGiven,
}

/// <summary>A domain rule that refused a request. Nothing was changed.</summary>
public sealed class RuleViolation(RuleCode code, string message) : Exception(message)
{
    /// <summary>Which rule.</summary>
    public RuleCode Code { get; } = code;
}
