namespace VeerkrachtBot.Bot.Routing;

/// <summary>
/// What <see cref="TurnAdmission"/> remembers of a conversation, in its conversation state (the database), so all
/// instances count together: the latest activity ids (a channel's retry is recognised), the message rate, and the
/// lease of the turn that runs now (which instance, until when), so that one conversation's turns run one at a time
/// across instances.
/// </summary>
public sealed class AdmissionState
{
    /// <summary>Activity ids remembered for recognising redeliveries.</summary>
    public const int Remembered = 20;

    /// <summary>Ids of the last activities admitted, oldest first.</summary>
    public List<string> RecentActivityIds { get; set; } = [];

    /// <summary>Start of the current rate window (Unix ms) and the activities admitted in it.</summary>
    public long RateWindowStart { get; set; }

    public int RateWindowCount { get; set; }

    /// <summary>The instance whose turn of this conversation runs now; null when none does.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when (Unix ms) that turn holds the conversation; after it, another instance may take over.</summary>
    public long LeaseUntil { get; set; }

    /// <summary>Whether a turn of another instance holds the conversation at <paramref name="nowMs"/>.</summary>
    public bool LeasedByAnother(string owner, long nowMs) => LeaseOwner is { } holder && holder != owner && LeaseUntil > nowMs;

    /// <summary>Whether the activity was admitted before (a retried delivery).</summary>
    public bool Seen(string? activityId) => !string.IsNullOrEmpty(activityId) && RecentActivityIds.Contains(activityId);

    /// <summary>Records the activity id; false when it was admitted before (a retried delivery).</summary>
    public bool FirstDelivery(string? activityId)
    {
        if (string.IsNullOrEmpty(activityId))
        {
            return true;
        }

        if (RecentActivityIds.Contains(activityId))
        {
            return false;
        }

        RecentActivityIds.Add(activityId);
        if (RecentActivityIds.Count > Remembered)
        {
            RecentActivityIds.RemoveRange(0, RecentActivityIds.Count - Remembered);
        }

        return true;
    }

    /// <summary>Forgets an admitted activity (its turn failed and kept nothing): the channel's retry of it runs.</summary>
    public void Forget(string? activityId)
    {
        if (!string.IsNullOrEmpty(activityId))
        {
            RecentActivityIds.Remove(activityId);
        }
    }

    /// <summary>Counts one more activity in the minute's window: within the limit, just over it (time for one notice), or further over.</summary>
    public RateVerdict Count(long nowMs, int perMinute)
    {
        if (nowMs - RateWindowStart >= 60_000)
        {
            RateWindowStart = nowMs;
            RateWindowCount = 0;
        }

        // Past the notice the count stays where it is, so this state is unchanged: an activity that is dropped costs
        // no write. The window still ends a minute after it started.
        if (RateWindowCount > perMinute)
        {
            return RateVerdict.Over;
        }

        RateWindowCount++;
        return RateWindowCount <= perMinute ? RateVerdict.Within : RateVerdict.JustOver;
    }

    /// <summary>How long until the current rate window ends (at least a second).</summary>
    public TimeSpan UntilWindowEnds(long nowMs) => TimeSpan.FromMilliseconds(Math.Max(1_000, RateWindowStart + 60_000 - nowMs));

    /// <summary>
    /// Folds this turn's admission into <paramref name="newer"/>, written by another instance after this turn's lease
    /// ran out: both sides' activity ids stay, the later rate window wins, and a lease that is not this turn's stays.
    /// </summary>
    public void MergeInto(AdmissionState newer, string owner)
    {
        foreach (var id in RecentActivityIds.Where(id => !newer.RecentActivityIds.Contains(id)))
        {
            newer.RecentActivityIds.Add(id);
        }

        if (newer.RecentActivityIds.Count > Remembered)
        {
            newer.RecentActivityIds.RemoveRange(0, newer.RecentActivityIds.Count - Remembered);
        }

        if (RateWindowStart > newer.RateWindowStart || (RateWindowStart == newer.RateWindowStart && RateWindowCount > newer.RateWindowCount))
        {
            newer.RateWindowStart = RateWindowStart;
            newer.RateWindowCount = RateWindowCount;
        }

        newer.Release(owner);
    }

    /// <summary>Takes the conversation for <paramref name="owner"/> until <paramref name="untilMs"/>.</summary>
    public void Lease(string owner, long untilMs)
    {
        LeaseOwner = owner;
        LeaseUntil = untilMs;
    }

    /// <summary>Gives the conversation back, if <paramref name="owner"/> holds it.</summary>
    public void Release(string owner)
    {
        if (LeaseOwner == owner)
        {
            LeaseOwner = null;
            LeaseUntil = 0;
        }
    }
}

/// <summary>Where an activity falls in its conversation's rate window.</summary>
public enum RateVerdict
{
    Within,
    JustOver,
    Over,
}
