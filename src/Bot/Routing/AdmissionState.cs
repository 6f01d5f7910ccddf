namespace VeerkrachtBot.Bot.Routing;

/// <summary>
/// What <see cref="TurnAdmission"/> remembers of a conversation, in its conversation state (the database), so all
/// instances count together: the latest activity ids (a channel's retry is recognised) and the message rate.
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

    /// <summary>Counts one more activity in the minute's window: within the limit, just over it (time for one notice), or further over.</summary>
    public RateVerdict Count(long nowMs, int perMinute)
    {
        if (nowMs - RateWindowStart >= 60_000)
        {
            RateWindowStart = nowMs;
            RateWindowCount = 0;
        }

        // Past the notice the count stays put: nothing needs saving for the activities that are dropped.
        if (RateWindowCount > perMinute)
        {
            return RateVerdict.Over;
        }

        RateWindowCount++;
        return RateWindowCount <= perMinute ? RateVerdict.Within : RateVerdict.JustOver;
    }
}

/// <summary>Where an activity falls in its conversation's rate window.</summary>
public enum RateVerdict
{
    Within,
    JustOver,
    Over,
}
