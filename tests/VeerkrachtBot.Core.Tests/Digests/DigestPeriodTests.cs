using VeerkrachtBot.Core.Digests;

namespace VeerkrachtBot.Core.Tests.Digests;

public sealed class DigestPeriodTests
{
    [Fact]
    public void Week_IsMondayToMondayInAmsterdam()
    {
        // Sunday 8 March 2026 23:30 in Amsterdam is 22:30 UTC: still the week of Monday 2 March.
        var period = DigestPeriod.Containing(new DateTimeOffset(2026, 3, 8, 22, 30, 0, TimeSpan.Zero), DigestPeriodKind.Week);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 23, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal(new DateOnly(2026, 3, 2), period.FirstDay);
        Assert.Equal(new DateOnly(2026, 3, 8), period.LastDay);
    }

    [Fact]
    public void Week_OverTheSpringClockChange_Is167Hours()
    {
        var period = DigestPeriod.Containing(new DateTimeOffset(2026, 3, 25, 12, 0, 0, TimeSpan.Zero), DigestPeriodKind.Week);

        Assert.Equal(new DateOnly(2026, 3, 23), period.FirstDay);
        Assert.Equal(TimeSpan.FromHours(167), period.End - period.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public void LastCompleteBefore_MondayMorning_IsTheWeekBefore()
    {
        var monday = new DateTimeOffset(2026, 3, 9, 7, 0, 0, TimeSpan.Zero);

        var period = DigestPeriod.LastCompleteBefore(monday, DigestPeriodKind.Week);

        Assert.Equal(new DateOnly(2026, 3, 2), period.FirstDay);
        Assert.Equal(period, DigestPeriod.Containing(monday, DigestPeriodKind.Week).Previous());
        Assert.Equal(DigestPeriod.Containing(monday, DigestPeriodKind.Week), period.Next());
    }

    [Fact]
    public void Month_IsFirstToFirstInAmsterdam()
    {
        var period = DigestPeriod.Containing(new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero), DigestPeriodKind.Month);

        Assert.Equal(new DateOnly(2026, 11, 1), period.FirstDay);
        Assert.Equal(new DateOnly(2026, 11, 30), period.LastDay);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateOnly(2026, 10, 1), period.Previous().FirstDay);
    }
}
