namespace VeerkrachtBot.Core.Meetings;

/// <summary>
/// The seat rules of a meeting, as a pure function over its RSVPs: a "yes" gets places when its whole party
/// fits, otherwise it waits; whenever places free up, waiting parties move up in the order they started
/// waiting, each one that fits (a large party that does not fit keeps its turn for the next free places). A party
/// larger than the whole meeting is refused: it would wait for ever.
/// </summary>
public static class WaitingList
{
    /// <summary>The RSVPs that change when a resident answers; the caller stores them atomically.</summary>
    public static (Rsvp Own, IReadOnlyList<Rsvp> Promoted) Apply(
        IReadOnlyList<Rsvp> current, int capacity, string meetingId, string residentId, RsvpResponse response, int partySize, DateTimeOffset now)
    {
        var previous = current.FirstOrDefault(r => r.ResidentId == residentId);
        var others = current.Where(r => r.ResidentId != residentId).ToList();
        var taken = others.Where(r => r.Status == RsvpStatus.Confirmed).Sum(r => r.PartySize);

        if (response == RsvpResponse.Yes && partySize > capacity)
        {
            throw new RuleViolation(RuleCode.PartyTooLarge, $"The meeting has {capacity} places; a party of {partySize} can never fit.");
        }

        Rsvp own;
        switch (response)
        {
            case RsvpResponse.Yes when taken + partySize <= capacity:
                own = new Rsvp(meetingId, residentId, response, partySize, RsvpStatus.Confirmed, null, now);
                break;
            case RsvpResponse.Yes when previous?.Status == RsvpStatus.Confirmed:
                throw new RuleViolation(RuleCode.NotEnoughPlaces,
                    $"There are not enough places for {partySize} people; the earlier answer for {previous.PartySize} stays.");
            case RsvpResponse.Yes:
                // Someone already waiting keeps their place in the queue when they change their party size.
                own = new Rsvp(meetingId, residentId, response, partySize, RsvpStatus.Waiting, previous?.WaitingSince ?? JoinQueueAt(others, now), now);
                break;
            case RsvpResponse.Maybe:
                own = new Rsvp(meetingId, residentId, response, partySize, RsvpStatus.Maybe, null, now);
                break;
            default:
                own = new Rsvp(meetingId, residentId, response, partySize, RsvpStatus.Declined, null, now);
                break;
        }

        return (own, Promotions([.. others, own], capacity));
    }

    /// <summary>The waiting parties that get places now, in queue order, as confirmed RSVPs.</summary>
    public static IReadOnlyList<Rsvp> Promotions(IReadOnlyList<Rsvp> all, int capacity)
    {
        var free = capacity - all.Where(r => r.Status == RsvpStatus.Confirmed).Sum(r => r.PartySize);
        var promoted = new List<Rsvp>();
        foreach (var waiting in Queue(all))
        {
            if (waiting.PartySize <= free)
            {
                promoted.Add(waiting with { Status = RsvpStatus.Confirmed, WaitingSince = null });
                free -= waiting.PartySize;
            }
        }

        return promoted;
    }

    /// <summary>The place (1-based) of a resident on the waiting list, or null when they are not waiting.</summary>
    public static int? Position(IReadOnlyList<Rsvp> all, string residentId)
    {
        var queue = Queue(all).ToList();
        var index = queue.FindIndex(r => r.ResidentId == residentId);
        return index < 0 ? null : index + 1;
    }

    /// <summary>
    /// The time a newcomer joins the queue: now, but strictly after everyone already waiting, so that the order
    /// of arrival is the order of the queue even when two answers carry the same millisecond.
    /// </summary>
    private static DateTimeOffset JoinQueueAt(IEnumerable<Rsvp> others, DateTimeOffset now)
    {
        var last = others.Where(r => r.Status == RsvpStatus.Waiting).Max(r => r.WaitingSince);
        return last is { } l && l >= now ? l.AddMilliseconds(1) : now;
    }

    private static IEnumerable<Rsvp> Queue(IEnumerable<Rsvp> rsvps) =>
        rsvps.Where(r => r.Status == RsvpStatus.Waiting)
            .OrderBy(r => r.WaitingSince)
            .ThenBy(r => r.ResidentId, StringComparer.Ordinal);
}
