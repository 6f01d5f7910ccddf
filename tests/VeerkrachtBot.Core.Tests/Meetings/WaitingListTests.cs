using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Core.Tests.Meetings;

public sealed class WaitingListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static Rsvp Confirmed(string who, int party = 1) => new("m", who, RsvpResponse.Yes, party, RsvpStatus.Confirmed, null, T0);

    private static Rsvp Waiting(string who, int minute, int party = 1) => new("m", who, RsvpResponse.Yes, party, RsvpStatus.Waiting, T0.AddMinutes(minute), T0.AddMinutes(minute));

    [Fact]
    public void Yes_WhenThePartyDoesNotFit_Waits()
    {
        var (own, promoted) = WaitingList.Apply([Confirmed("a", 3)], 4, "m", "b", RsvpResponse.Yes, 2, T0);

        Assert.Equal(RsvpStatus.Waiting, own.Status);
        Assert.Equal(T0, own.WaitingSince);
        Assert.Empty(promoted);
    }

    [Fact]
    public void Yes_ForAPartyLargerThanTheMeeting_IsRefused_ItWouldWaitForEver()
    {
        var error = Assert.Throws<RuleViolation>(() => WaitingList.Apply([], 4, "m", "b", RsvpResponse.Yes, 5, T0));

        Assert.Equal(RuleCode.PartyTooLarge, error.Code);
        Assert.Equal(RsvpStatus.Confirmed, WaitingList.Apply([], 4, "m", "b", RsvpResponse.Yes, 4, T0).Own.Status);
    }

    [Fact]
    public void Cancel_PromotesInOrder_SkippingAPartyThatDoesNotFit()
    {
        var current = new[] { Confirmed("a", 2), Confirmed("b", 2), Waiting("big", 1, party: 3), Waiting("small", 2), Waiting("last", 3) };

        var (own, promoted) = WaitingList.Apply(current, 4, "m", "a", RsvpResponse.No, 1, T0.AddHours(1));

        Assert.Equal(RsvpStatus.Declined, own.Status);
        Assert.Equal(["small", "last"], promoted.Select(p => p.ResidentId));
        Assert.All(promoted, p => Assert.Null(p.WaitingSince));
    }

    [Fact]
    public void ChangingPartySize_WhileWaiting_KeepsThePlaceInTheQueue()
    {
        var current = new[] { Confirmed("a", 4), Waiting("b", 1), Waiting("c", 2) };

        var (own, _) = WaitingList.Apply(current, 4, "m", "b", RsvpResponse.Yes, 2, T0.AddHours(1));

        Assert.Equal(T0.AddMinutes(1), own.WaitingSince);
        Assert.Equal(1, WaitingList.Position([.. current.Where(r => r.ResidentId != "b"), own], "b"));
    }

    [Fact]
    public void TwoAnswersInTheSameMillisecond_QueueInOrderOfArrival()
    {
        var current = new List<Rsvp> { Confirmed("a", 1) };

        var (z, _) = WaitingList.Apply(current, 1, "m", "zz-first", RsvpResponse.Yes, 1, T0);
        current.Add(z);
        var (a, _) = WaitingList.Apply(current, 1, "m", "aa-second", RsvpResponse.Yes, 1, T0);
        current.Add(a);

        Assert.Equal(1, WaitingList.Position(current, "zz-first"));
        Assert.Equal(2, WaitingList.Position(current, "aa-second"));
    }

    [Fact]
    public void Maybe_HoldsNoPlaces()
    {
        var (own, promoted) = WaitingList.Apply([Confirmed("a", 1), Waiting("w", 1)], 1, "m", "a", RsvpResponse.Maybe, 1, T0);

        Assert.Equal(RsvpStatus.Maybe, own.Status);
        Assert.Equal("w", Assert.Single(promoted).ResidentId);
    }
}
