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
                await store.AppendAsync("conv-1", $$"""{"w":{{w}},"i":{{i}}}""", w % 2 == 0 ? $"client-{w}-{i}" : null, maxChars: null, CancellationToken.None);
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

    /// <summary>
    /// Review finding 11: posts at the same moment into a nearly full transcript, from several instances. The check and
    /// the count are one step under the conversation's lock, so together they never pass the ceiling.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentAppends_NeverPassTheTranscriptsCeiling_AndTheCountIsExact(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await db.Runner(null, new DirectLineMigrations()).ApplyAsync();
        await new TranscriptStore(db.Database, TimeProvider.System).CreateAsync(new DirectLineConversation("conv-1", "dl_user", "nl-NL"), CancellationToken.None);
        const int ceiling = 50_000;
        var activity = $$"""{"text":"{{new string('x', 4_000)}}"}""";

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            new TranscriptStore(db.OpenAnother(), TimeProvider.System).AppendAsync("conv-1", activity, $"client-{i}", ceiling, CancellationToken.None))));

        var store = new TranscriptStore(db.Database, TimeProvider.System);
        var stored = await store.ReadAfterAsync("conv-1", 0, 1_000, CancellationToken.None);
        var storedChars = stored.Sum(e => (long)e.ActivityJson.Length);
        Assert.Equal(ceiling / activity.Length, results.Count(r => !r.Full));
        Assert.Equal(results.Count(r => !r.Full), stored.Count);
        Assert.True(storedChars <= ceiling, $"{storedChars} characters stored, over the ceiling of {ceiling}");
        Assert.Equal(storedChars, await store.CharsAsync("conv-1", CancellationToken.None));

        // A client's retry of an accepted post is no new post, also when the transcript is full.
        var accepted = Array.FindIndex(results, r => !r.Full);
        var retry = await store.AppendAsync("conv-1", activity, $"client-{accepted}", ceiling, CancellationToken.None);
        Assert.True(retry.Duplicate);
        Assert.Equal(results[accepted].Sequence, retry.Sequence);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ForgettingAUser_EmptiesTheirTranscripts_AndTheirCounts_InOneTransaction(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await db.Runner(null, new DirectLineMigrations()).ApplyAsync();
        var store = new TranscriptStore(db.Database, TimeProvider.System);
        await store.CreateAsync(new DirectLineConversation("conv-1", "dl_user", "nl-NL"), CancellationToken.None);
        await store.CreateAsync(new DirectLineConversation("conv-2", "dl_other", "nl-NL"), CancellationToken.None);
        await store.AppendAsync("conv-1", "{\"text\":\"mine\"}", null, null, CancellationToken.None);
        await store.AppendAsync("conv-2", "{\"text\":\"theirs\"}", null, null, CancellationToken.None);

        Assert.Equal(["conv-1"], await store.ForgetUserAsync("dl_user", CancellationToken.None));

        Assert.Empty(await store.ReadAfterAsync("conv-1", 0, 10, CancellationToken.None));
        Assert.Equal(0, await store.CharsAsync("conv-1", CancellationToken.None));
        Assert.Single(await store.ReadAfterAsync("conv-2", 0, 10, CancellationToken.None));
        Assert.True(await store.CharsAsync("conv-2", CancellationToken.None) > 0);
    }
}
