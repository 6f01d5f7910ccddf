using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Polls;

public sealed class PollTests
{
    private static Task<Poll> CreateAsync(Domain domain, params string[] neighbourhoods) => domain.Polls.CreateAsync(
        "Speeltuin Pottenberg", "Hoe tevreden ben je over de nieuwe speeltuin?", allowComment: true,
        neighbourhoods.Length == 0 ? ["pottenberg"] : neighbourhoods, domain.Clock.GetUtcNow(), domain.Clock.GetUtcNow().AddDays(7), "manager@maastricht.nl");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpenPolls_AreThoseOfTheNeighbourhoodBetweenOpenAndClose(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var both = await CreateAsync(domain, "pottenberg", "nazareth");
        var nazarethOnly = await CreateAsync(domain, "nazareth");

        var pottenberg = await domain.Polls.OpenForAsync("pottenberg");
        domain.Clock.Advance(TimeSpan.FromDays(8));
        var afterClose = await domain.Polls.OpenForAsync("nazareth");

        Assert.Equal([both.Id], pottenberg.Select(p => p.Id));
        Assert.Equal(["nazareth", "pottenberg"], pottenberg[0].NeighbourhoodIds);
        Assert.Empty(afterClose);
        Assert.Single(await domain.Audit.ForTargetAsync("poll", nazarethOnly.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Answer_IsOnePerResident_AndChangeableWhileOpen(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var poll = await CreateAsync(domain);
        var resident = (await domain.ResidentAsync()).Id;
        var other = (await domain.ResidentAsync("other")).Id;

        var first = await domain.Polls.RespondAsync(poll.Id, resident, "pottenberg", 2, "Te weinig schaduw");
        var changed = await domain.Polls.RespondAsync(poll.Id, resident, "pottenberg", 4, null);
        await domain.Polls.RespondAsync(poll.Id, other, "pottenberg", 5, "  Top!  ");

        var results = await domain.PollStore.ResultsAsync(poll.Id);
        Assert.False(first);
        Assert.True(changed);
        Assert.Equal(2, results.Responses);
        Assert.Equal(1, results.CountByScore[4]);
        Assert.Equal(1, results.CountByScore[5]);
        Assert.Equal(0, results.CountByScore[2]);
        Assert.Equal(4.5, results.Average);
        Assert.Equal(1, results.Comments);
        Assert.Equal("Top!", (await domain.PollStore.GetResponseAsync(poll.Id, other))!.Comment);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ClosedPoll_AndBadScores_AreRefused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var poll = await CreateAsync(domain);
        var resident = (await domain.ResidentAsync()).Id;

        var zero = await Assert.ThrowsAsync<RuleViolation>(() => domain.Polls.RespondAsync(poll.Id, resident, null, 0, null));
        var six = await Assert.ThrowsAsync<RuleViolation>(() => domain.Polls.RespondAsync(poll.Id, resident, null, 6, null));
        var tooLong = await Assert.ThrowsAsync<RuleViolation>(() => domain.Polls.RespondAsync(poll.Id, resident, null, 3, new string('x', 501)));
        await domain.Polls.CloseAsync(poll.Id, "manager@maastricht.nl");
        var closed = await Assert.ThrowsAsync<RuleViolation>(() => domain.Polls.RespondAsync(poll.Id, resident, null, 3, null));

        Assert.Equal(RuleCode.InvalidInput, zero.Code);
        Assert.Equal(RuleCode.InvalidInput, six.Code);
        Assert.Equal(RuleCode.InvalidInput, tooLong.Code);
        Assert.Equal(RuleCode.PollClosed, closed.Code);
        Assert.Equal(0, (await domain.PollStore.ResultsAsync(poll.Id)).Responses);
        Assert.Equal(2, (await domain.Audit.ForTargetAsync("poll", poll.Id)).Count);
    }

    [Fact]
    public async Task Create_RefusesUnknownNeighbourhoodsAndEmptyPeriods()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var domain = new Domain(db.Database);
        var now = domain.Clock.GetUtcNow();

        await Assert.ThrowsAsync<RuleViolation>(() => domain.Polls.CreateAsync("a", "q", false, ["wyck"], now, now.AddDays(1), "m"));
        await Assert.ThrowsAsync<RuleViolation>(() => domain.Polls.CreateAsync("a", "q", false, ["nazareth"], now, now, "m"));
        await Assert.ThrowsAsync<RuleViolation>(() => domain.Polls.CreateAsync("a", "q", false, [], now, now.AddDays(1), "m"));
    }
}
