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
}

/// <summary>A domain rule that refused a request. Nothing was changed.</summary>
public sealed class RuleViolation(RuleCode code, string message) : Exception(message)
{
    /// <summary>Which rule.</summary>
    public RuleCode Code { get; } = code;
}
