namespace VeerkrachtBot.Core.Meetings;

/// <summary>Residents answer meeting invitations: yes / maybe / no, with their party, until the meeting starts.</summary>
public sealed class RsvpService(IMeetingStore store, TimeProvider clock)
{
    /// <summary>Largest party one resident can bring.</summary>
    public const int MaxPartySize = 10;

    /// <summary>Records or changes the resident's answer; a "no" is also how a resident cancels.</summary>
    public Task<RsvpOutcome> RespondAsync(string meetingId, string residentId, RsvpResponse response, int partySize = 1, CancellationToken cancellationToken = default)
    {
        if (partySize is < 1 or > MaxPartySize)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A party is 1 to {MaxPartySize} people.");
        }

        return store.RespondAsync(meetingId, residentId, response, partySize, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Cancels: the places go to the waiting list.</summary>
    public Task<RsvpOutcome> CancelAsync(string meetingId, string residentId, CancellationToken cancellationToken = default) =>
        RespondAsync(meetingId, residentId, RsvpResponse.No, 1, cancellationToken);
}
