using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Core.Notifications;

/// <summary>The notifications Core's own changes cause, with the dedupe key that makes each cause enqueue once.</summary>
public static class Notices
{
    /// <summary>To the author of an idea whose status a professional changed; one per status change.</summary>
    public static NewNotification IdeaStatus(string residentId, string ideaId, string statusChangeId, IdeaStatusChange change) =>
        new(Recipient.Resident(residentId), NotificationKind.IdeaStatus, NotificationPayloads.Write(new IdeaStatusPayload(ideaId, change.Status, change.Explanation)),
            $"idea-status:{statusChangeId}");

    /// <summary>To a resident who moved up from a waiting list; one per time they waited (they may wait again after cancelling).</summary>
    public static NewNotification Promotion(Rsvp promoted, DateTimeOffset waitingSince) =>
        new(Recipient.Resident(promoted.ResidentId), NotificationKind.WaitingListPromotion, NotificationPayloads.Write(new PromotionPayload(promoted.MeetingId, promoted.PartySize)),
            $"waiting-list-promotion:{promoted.MeetingId}:{promoted.ResidentId}:{waitingSince.ToUnixTimeMilliseconds()}");
}
