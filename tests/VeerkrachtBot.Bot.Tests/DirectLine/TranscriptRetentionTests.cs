using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Core.Retention;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Bot.Tests.DirectLine;

/// <summary>The daily retention run with the transcript part the bot registers: activities older than the period go, the rest and the conversations stay.</summary>
public sealed class TranscriptRetentionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_DeletesActivitiesOlderThanThePeriod_AndRecountsTheirConversations(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await db.Runner(null, new DirectLineMigrations(), new RetentionMigrations()).ApplyAsync();
        var clock = new FakeTimeProvider(Start);
        var store = new TranscriptStore(db.Database, clock);
        await store.CreateAsync(new DirectLineConversation("old", "dl_old", "nl-NL"), CancellationToken.None);
        await store.CreateAsync(new DirectLineConversation("mixed", "dl_mixed", "nl-NL"), CancellationToken.None);
        await store.AppendAsync("old", """{"text":"Mijn buurman Jan de Vries"}""", "c1", null, CancellationToken.None);
        await store.AppendAsync("mixed", """{"text":"oud"}""", "c2", null, CancellationToken.None);
        clock.SetUtcNow(Start.AddMonths(2));
        const string Recent = """{"text":"nieuw"}""";
        await store.AppendAsync("mixed", Recent, "c3", null, CancellationToken.None);
        clock.SetUtcNow(Start.AddMonths(3).AddMinutes(1));
        var options = Options.Create(new RetentionOptions { TranscriptRetentionMonths = 3 });
        var job = new RetentionJob(db.Database, options, clock, [], [new TranscriptRetention(db.Database)], NullLogger<RetentionJob>.Instance);

        var report = await job.RunDueAsync();

        Assert.Equal(2, report.Parts["transcripts"]);
        Assert.Empty(await store.ReadAfterAsync("old", 0, 10, CancellationToken.None));
        Assert.Equal(Recent, Assert.Single(await store.ReadAfterAsync("mixed", 0, 10, CancellationToken.None)).ActivityJson);
        Assert.Equal(0, await store.CharsAsync("old", CancellationToken.None));
        Assert.Equal(Recent.Length, await store.CharsAsync("mixed", CancellationToken.None));
        Assert.NotNull(await store.GetAsync("old", CancellationToken.None));
        await using var connection = await db.Database.OpenAsync();
        Assert.DoesNotContain("Jan de Vries", string.Join("\n", await connection.QueryAsync<string>("SELECT activity FROM directline_activities")), StringComparison.Ordinal);
    }
}
