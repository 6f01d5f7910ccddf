namespace VeerkrachtBot.Core.Tests;

/// <summary>Ids sort in the order they were made, also many within one millisecond (the outbox sends in id order).</summary>
public sealed class IdsTests
{
    [Fact]
    public void IdsMadeOneAfterTheOther_SortInThatOrder_AndAreVersion7Uuids()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => Ids.New()).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9a-f]{32}$", id);
            var guid = Guid.ParseExact(id, "N");
            Assert.Equal(7, guid.Version);
            Assert.Equal(0x80, Convert.FromHexString(id[16..18])[0] & 0xC0);
        });
    }

    [Fact]
    public void AnId_StartsWithItsMillisecond()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = Ids.New();

        Assert.InRange(Convert.ToInt64(id[..12], 16), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 5);
    }
}
