using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Bot.Tests.DirectLine;

/// <summary>
/// The Direct Line transcript with several writers at once (bot replies and client posts from two instances) and a
/// stream reading behind them by watermark: the stream must see every activity, in order, none skipped. Runs on
/// SQLite here and on SQL Server when VEERKRACHT_TEST_SQLSERVER is set; what SQL Server is sent is checked in
/// SqlServerLockingTests.
/// </summary>
public sealed class TranscriptStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentAppends_AStreamFollowingByWatermark_SeesEveryActivityInOrder(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await db.Runner(null, new DirectLineMigrations()).ApplyAsync();
        await new TranscriptStore(db.Database, TimeProvider.System).CreateAsync(new DirectLineConversation("conv-1", "dl_user", "nl-NL"), CancellationToken.None);
        const int writers = 4;
        const int perWriter = 40;

        var appending = Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var store = new TranscriptStore(db.OpenAnother(), TimeProvider.System);
            for (var i = 0; i < perWriter; i++)
            {
                await store.AppendAsync("conv-1", $$"""{"w":{{w}},"i":{{i}}}""", w % 2 == 0 ? $"client-{w}-{i}" : null, CancellationToken.None);
            }
        })));

        var reader = new TranscriptStore(db.OpenAnother(), TimeProvider.System);
        var seen = new List<long>();
        var watermark = 0L;
        while (true)
        {
            var done = appending.IsCompleted;
            var batch = await reader.ReadAfterAsync("conv-1", watermark, 25, CancellationToken.None);
            foreach (var entry in batch)
            {
                seen.Add(entry.Sequence);
                watermark = entry.Sequence;
            }

            if (done && batch.Count == 0)
            {
                break;
            }
        }

        await appending;
        var all = (await reader.ReadAfterAsync("conv-1", 0, 10_000, CancellationToken.None)).Select(e => e.Sequence).ToList();
        Assert.Equal(writers * perWriter, all.Count);
        Assert.Equal(all, seen);
    }
}
