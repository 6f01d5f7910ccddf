using Microsoft.Extensions.Time.Testing;
using VeerkrachtBot.Bot.Proactive;

namespace VeerkrachtBot.Bot.Tests.Proactive;

/// <summary>The pace of sends into one conversation stays under Teams' limits in every window, with a fake clock.</summary>
public sealed class SendPaceTests
{
    [Fact]
    public void ABurst_GetsSevenInTheFirstSecond_ThenWaitsForTheTwoSecondRule()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var pace = new SendPace(SendPace.TeamsConversation, clock);

        var taken = Enumerable.Range(0, 7).Select(_ => pace.TryTake("conv")).ToList();
        var eighth = pace.TryTake("conv");
        clock.Advance(TimeSpan.FromSeconds(1));
        var ninthAfterASecond = pace.TryTake("conv");

        Assert.All(taken, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(TimeSpan.FromSeconds(1), eighth);
        Assert.Equal(TimeSpan.Zero, ninthAfterASecond);
        Assert.Equal(TimeSpan.FromSeconds(1), pace.TryTake("conv"));
        Assert.Equal(TimeSpan.Zero, pace.TryTake("another conversation"));
    }

    [Fact]
    public async Task AThousandSendsAsFastAsAllowed_NeverBreakAnyOfTeamsWindows()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var pace = new SendPace(SendPace.TeamsConversation, clock);
        var sent = new List<DateTimeOffset>();

        while (sent.Count < 1000)
        {
            var turn = pace.WaitTurnAsync("conv", CancellationToken.None);
            while (!turn.IsCompleted)
            {
                clock.Advance(TimeSpan.FromMilliseconds(10));
                await Task.Yield();
            }

            await turn;
            sent.Add(clock.GetUtcNow());
        }

        foreach (var (limit, window) in SendPace.TeamsConversation)
        {
            var most = sent.Select((at, i) => sent.Skip(i).TakeWhile(t => t - at < window).Count()).Max();
            Assert.True(most <= limit, $"{most} sends within {window}, limit {limit}");
        }

        // Sustained, 60 per 30 seconds is what binds: a thousand take about eight minutes, not less.
        Assert.True(sent[^1] - sent[0] >= TimeSpan.FromSeconds(30 * (1000 / 60)), $"{sent[^1] - sent[0]}");
    }
}
