using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.State;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.State;

/// <summary>Bot Framework state on the shared database: two bot instances never silently overwrite each other.</summary>
public sealed class DatabaseStorageTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"veerkracht-state-{Guid.NewGuid():N}.db");

    public async Task InitializeAsync() =>
        await new MigrationRunner(new SqliteDatabase($"Data Source={_path}"), [new CoreMigrations()], NullLogger<MigrationRunner>.Instance).ApplyAsync();

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    private DatabaseStorage Instance() => new(new StateStore(new SqliteDatabase($"Data Source={_path}"), TimeProvider.System));

    [Fact]
    public async Task SecondInstance_WritingWithAStaleETag_GetsAConflict()
    {
        var first = Instance();
        var second = Instance();
        await first.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/c1"] = new Dictionary<string, object> { ["step"] = "welcome" } });
        var readByFirst = (JObject)(await first.ReadAsync(["webchat/conversations/c1"]))["webchat/conversations/c1"];
        var readBySecond = (JObject)(await second.ReadAsync(["webchat/conversations/c1"]))["webchat/conversations/c1"];

        readByFirst["step"] = "idea";
        await first.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/c1"] = readByFirst });
        readBySecond["step"] = "meetings";

        await Assert.ThrowsAsync<StateConflictException>(() => second.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/c1"] = readBySecond }));
        var final = (JObject)(await second.ReadAsync(["webchat/conversations/c1"]))["webchat/conversations/c1"];
        Assert.Equal("idea", final.Value<string>("step"));
    }

    [Fact]
    public async Task TwoFirstTurnsOfOneConversation_OneSavesTheOtherGetsAConflict()
    {
        // Both instances read nothing (a new conversation), so what they save carries no ETag.
        var first = Instance();
        var second = Instance();
        Assert.Empty(await first.ReadAsync(["webchat/conversations/new"]));
        Assert.Empty(await second.ReadAsync(["webchat/conversations/new"]));

        await first.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/new"] = new Dictionary<string, object> { ["step"] = "idea" } });

        await Assert.ThrowsAsync<StateConflictException>(() => second.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/new"] = new Dictionary<string, object> { ["step"] = "meetings" } }));
        var stored = (JObject)(await second.ReadAsync(["webchat/conversations/new"]))["webchat/conversations/new"];
        Assert.Equal("idea", stored.Value<string>("step"));
    }

    [Fact]
    public async Task WritingTwiceInOneTurn_WithTheReturnedETag_IsNotAConflict()
    {
        var storage = Instance();
        var state = new Dictionary<string, object> { ["count"] = 1 };

        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = state });
        state["count"] = 2;
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = state });

        Assert.Equal(2, ((JObject)(await storage.ReadAsync(["k"]))["k"]).Value<int>("count"));
    }

    [Fact]
    public async Task StoreItem_GetsItsETagBack()
    {
        var storage = Instance();
        var item = new Note { Text = "hoi" };

        await storage.WriteAsync(new Dictionary<string, object> { ["n"] = item });
        var etag = item.ETag;
        item.Text = "doei";
        await storage.WriteAsync(new Dictionary<string, object> { ["n"] = item });

        Assert.NotNull(etag);
        Assert.NotEqual(etag, item.ETag);
        var stale = new Note { Text = "oud", ETag = etag };
        await Assert.ThrowsAsync<StateConflictException>(() => storage.WriteAsync(new Dictionary<string, object> { ["n"] = stale }));
    }

    private sealed class Note : IStoreItem
    {
        public string? Text { get; set; }

        public string? ETag { get; set; }
    }
}
