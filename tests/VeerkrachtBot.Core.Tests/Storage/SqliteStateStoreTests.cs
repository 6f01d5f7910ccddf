using Microsoft.Extensions.Time.Testing;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

public sealed class SqliteStateStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task WriteAsync_ThenRead_ReturnsDocumentWithItsETag()
    {
        var store = new SqliteStateStore(_db.Database, _clock);

        var etag = await store.WriteAsync("conv/1", """{"step":"welcome"}""", expectedETag: null);
        var read = await store.ReadAsync(["conv/1", "missing"]);

        var document = Assert.Single(read).Value;
        Assert.Equal("""{"step":"welcome"}""", document.Json);
        Assert.Equal(etag, document.ETag);
    }

    [Fact]
    public async Task WriteAsync_StaleETagFromAnotherInstance_FailsAndKeepsTheNewerWrite()
    {
        // Two store instances on separate connections: two bot instances sharing the database.
        var first = new SqliteStateStore(_db.Database, _clock);
        var second = new SqliteStateStore(_db.OpenAnother(), _clock);
        var original = await first.WriteAsync("user/1", """{"n":0}""", null);
        var seenBySecond = (await second.ReadAsync(["user/1"]))["user/1"].ETag;

        await first.WriteAsync("user/1", """{"n":1}""", original);
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => second.WriteAsync("user/1", """{"n":2}""", seenBySecond));

        Assert.Equal("user/1", conflict.Key);
        Assert.Equal("""{"n":1}""", (await first.ReadAsync(["user/1"]))["user/1"].Json);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentConditionalWrites_ExactlyOneWins()
    {
        var etag = await new SqliteStateStore(_db.Database, _clock).WriteAsync("k", "{}", null);
        var stores = Enumerable.Range(0, 8).Select(_ => new SqliteStateStore(_db.OpenAnother(), _clock)).ToList();

        var outcomes = await Task.WhenAll(stores.Select((s, i) => Task.Run(async () =>
        {
            try
            {
                await s.WriteAsync("k", $$"""{"writer":{{i}}}""", etag);
                return true;
            }
            catch (StateConflictException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task WriteAsync_StarETag_OverwritesUnconditionally()
    {
        var store = new SqliteStateStore(_db.Database, _clock);
        await store.WriteAsync("k", """{"a":1}""", null);

        await store.WriteAsync("k", """{"a":2}""", "*");

        Assert.Equal("""{"a":2}""", (await store.ReadAsync(["k"]))["k"].Json);
    }

    [Fact]
    public async Task DeleteAsync_RemovesOnlyTheGivenKeys()
    {
        var store = new SqliteStateStore(_db.Database, _clock);
        await store.WriteAsync("a", "{}", null);
        await store.WriteAsync("b", "{}", null);

        await store.DeleteAsync(["a", "never-written"]);

        Assert.Equal(["b"], (await store.ReadAsync(["a", "b"])).Keys);
    }
}
