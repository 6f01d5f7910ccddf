using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Demo;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>The run command seeds examples into an empty database, once, so a new user sees every flow at once.</summary>
public sealed class DemoDataTests
{
    [Fact]
    public async Task EmptyDatabase_GetsExampleMeetingsAndAnOpenPollForBothNeighbourhoods_Once()
    {
        await using var host = new BotHost().With("Demo:Enabled", "true");
        await host.InitializeAsync();

        foreach (var neighbourhood in new[] { "pottenberg", "nazareth" })
        {
            var meetings = await host.Get<MeetingService>().UpcomingAsync(neighbourhood);
            Assert.Equal(2, meetings.Count);
            Assert.All(meetings, m => Assert.True(m.IsExample && m.Title.StartsWith("Voorbeeld:", StringComparison.Ordinal)));
            var poll = Assert.Single(await host.Get<PollService>().OpenForAsync(neighbourhood));
            Assert.True(poll.IsExample);
        }

        Assert.False(await host.Get<DemoData>().SeedAsync());
        await using var second = host.Restarted();
        await second.InitializeAsync();
        Assert.Equal(2, (await second.Get<MeetingService>().UpcomingAsync("pottenberg")).Count);
    }

    [Fact]
    public async Task SwitchedOff_SeedsNothing()
    {
        await using var host = new BotHost();
        await host.InitializeAsync();

        Assert.Empty(await host.Get<MeetingService>().UpcomingAsync("pottenberg"));
        Assert.Empty(await host.Get<PollService>().OpenForAsync("pottenberg"));
    }
}
