using VeerkrachtBot.Core.Pulse;

namespace VeerkrachtBot.Core.Tests.Pulse;

public sealed class PulsePeriodTests
{
    [Theory]
    [InlineData(PulsePeriodLength.Quarter, "2026-11-27T09:00:00Z", "2026-Q4", "2026-Q3", "2027-Q1")]
    [InlineData(PulsePeriodLength.Quarter, "2026-01-01T00:00:00Z", "2026-Q1", "2025-Q4", "2026-Q2")]
    [InlineData(PulsePeriodLength.Month, "2026-11-27T09:00:00Z", "2026-11", "2026-10", "2026-12")]
    [InlineData(PulsePeriodLength.Month, "2026-01-15T09:00:00Z", "2026-01", "2025-12", "2026-02")]
    [InlineData(PulsePeriodLength.HalfYear, "2026-07-01T09:00:00Z", "2026-H2", "2026-H1", "2027-H1")]
    [InlineData(PulsePeriodLength.Year, "2026-07-01T09:00:00Z", "2026", "2025", "2027")]
    public void Period_HasItsKey_ThePreviousAndTheNext(PulsePeriodLength length, string instant, string key, string previous, string next)
    {
        var period = PulsePeriod.Of(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), length);

        Assert.Equal(key, period.Key);
        Assert.Equal(previous, period.Previous().Key);
        Assert.Equal(next, period.Next().Key);
        Assert.True(PulsePeriod.TryParse(key, out var parsed));
        Assert.Equal(period, parsed);
    }

    [Fact]
    public void Period_FollowsAmsterdamsCalendar_NotUtc()
    {
        // 23:30 UTC on New Year's Eve is half past midnight in Amsterdam: the new year's first quarter.
        Assert.Equal("2027-Q1", PulsePeriod.Of(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero), PulsePeriodLength.Quarter).Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-Q5")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-H3")]
    [InlineData("26-Q1")]
    [InlineData("2026-Q1x")]
    public void Period_ReadsOnlyItsOwnKeys(string key) => Assert.False(PulsePeriod.TryParse(key, out _));

    [Fact]
    public void Keys_OfOneLength_SortInTimeOrder()
    {
        var months = Enumerable.Range(0, 30).Select(m => PulsePeriod.Of(new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero).AddMonths(m), PulsePeriodLength.Month).Key).ToList();

        Assert.Equal(months, months.Order(StringComparer.Ordinal));
    }
}
