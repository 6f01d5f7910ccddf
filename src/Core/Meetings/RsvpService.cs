using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Core.Meetings;

/// <summary>Residents answer meeting invitations: yes / maybe / no, with their party, until the meeting starts.</summary>
public sealed class RsvpService(IMeetingStore store, IResidentStore residents, TimeProvider clock)
{
    /// <summary>Largest party one resident can bring.</summary>
    public const int MaxPartySize = 10;

    /// <summary>
    /// Records or changes the resident's answer; a "no" is also how a resident cancels. Residents answer for
    /// meetings of their own neighbourhood (a "no" to a meeting they answered before always works, also after a
    /// move); a party larger than the meeting can never come.
    /// </summary>
    public async Task<RsvpOutcome> RespondAsync(string meetingId, string residentId, RsvpResponse response, int partySize = 1, CancellationToken cancellationToken = default)
    {
        if (partySize is < 1 or > MaxPartySize)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A party is 1 to {MaxPartySize} people.");
        }

        var meeting = await store.GetAsync(meetingId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuleViolation(RuleCode.NotFound, $"There is no meeting '{meetingId}'.");
        var resident = await residents.FindAsync(residentId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuleViolation(RuleCode.NotFound, $"There is no resident '{residentId}'.");
        if (!string.Equals(resident.NeighbourhoodId, meeting.NeighbourhoodId, StringComparison.OrdinalIgnoreCase)
            && !(response == RsvpResponse.No && await store.GetRsvpAsync(meetingId, residentId, cancellationToken).ConfigureAwait(false) is not null))
        {
            throw new RuleViolation(RuleCode.OtherNeighbourhood, "Residents answer for meetings of their own neighbourhood.");
        }

        return await store.RespondAsync(meetingId, residentId, response, partySize, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels: the places go to the waiting list.</summary>
    public Task<RsvpOutcome> CancelAsync(string meetingId, string residentId, CancellationToken cancellationToken = default) =>
        RespondAsync(meetingId, residentId, RsvpResponse.No, 1, cancellationToken);
}
