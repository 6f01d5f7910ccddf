using VeerkrachtBot.Core.Meetings;

namespace VeerkrachtBot.Core.Tests.Meetings;

public sealed class AmsterdamTimeTests
{
    [Theory]
    [InlineData("2026-12-10T18:30:00Z", "2026-12-10T19:30:00+01:00")]
    [InlineData("2026-07-01T17:00:00Z", "2026-07-01T19:00:00+02:00")]
    [InlineData("2026-03-29T00:59:00Z", "2026-03-29T01:59:00+01:00")]
    [InlineData("2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00")]
    public void ToLocal_FollowsWinterAndSummerTime(string utc, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            AmsterdamTime.ToLocal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void FromLocal_GivesTheInstantOfAWallClockTime()
    {
        var meeting = AmsterdamTime.FromLocal(new DateTime(2026, 12, 10, 19, 30, 0));

        Assert.Equal(new DateTimeOffset(2026, 12, 10, 18, 30, 0, TimeSpan.Zero), meeting.ToUniversalTime());
    }
}
