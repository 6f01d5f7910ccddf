using Microsoft.Extensions.Time.Testing;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

public sealed class StateStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WriteAsync_ThenRead_ReturnsDocumentWithItsETag(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new StateStore(db.Database, _clock);

        var etag = await store.WriteAsync("conv/1", """{"step":"welcome"}""", expectedETag: null);
        var read = await store.ReadAsync(["conv/1", "missing"]);

        var document = Assert.Single(read).Value;
        Assert.Equal("""{"step":"welcome"}""", document.Json);
        Assert.Equal(etag, document.ETag);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WriteAsync_StaleETagFromAnotherInstance_FailsAndKeepsTheNewerWrite(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // Two store instances on separate connections: two bot instances sharing the database.
        var first = new StateStore(db.Database, _clock);
        var second = new StateStore(db.OpenAnother(), _clock);
        var original = await first.WriteAsync("user/1", """{"n":0}""", null);
        var seenBySecond = (await second.ReadAsync(["user/1"]))["user/1"].ETag;

        await first.WriteAsync("user/1", """{"n":1}""", original);
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => second.WriteAsync("user/1", """{"n":2}""", seenBySecond));

        Assert.Equal("user/1", conflict.Key);
        Assert.Equal("""{"n":1}""", (await first.ReadAsync(["user/1"]))["user/1"].Json);
    }

    /// <summary>
    /// Review finding 6: erasure deleted a conversation's state while a turn of it (another web chat conversation of the
    /// same user) was running; that turn's save must not create the state again.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WriteAsync_WithTheETagOfADocumentDeletedSince_IsAConflict_AndCreatesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new StateStore(db.Database, _clock);
        var read = await store.WriteAsync("conv/erased", """{"step":"idea"}""", null);
        await store.DeleteAsync(["conv/erased"]);

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync("conv/erased", """{"step":"next"}""", read));

        Assert.Equal("conv/erased", conflict.Key);
        Assert.Empty(await store.ReadAsync(["conv/erased"]));

        // Only a first save (without an ETag) creates.
        await store.WriteAsync("conv/erased", """{"step":"new"}""", null);
        Assert.Single(await store.ReadAsync(["conv/erased"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WriteAsync_ConcurrentConditionalWrites_ExactlyOneWins(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var etag = await new StateStore(db.Database, _clock).WriteAsync("k", "{}", null);
        var stores = Enumerable.Range(0, 8).Select(_ => new StateStore(db.OpenAnother(), _clock)).ToList();

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

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WriteAsync_FirstSavesOfOneKeyAtOnce_OneWinsTheOthersConflict(string provider)
    {
        // Two first turns of one conversation on two instances: neither has an ETag yet.
        await using var db = await TestDatabase.CreateAsync(provider);
        var stores = Enumerable.Range(0, 8).Select(_ => new StateStore(db.OpenAnother(), _clock)).ToList();

        var outcomes = await Task.WhenAll(stores.Select((s, i) => Task.Run(async () =>
        {
            try
            {
                await s.WriteAsync("webchat/conversations/new", $$"""{"writer":{{i}}}""", expectedETag: null);
                return true;
            }
            catch (StateConflictException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
        var winner = Array.IndexOf(outcomes, true);
        Assert.Equal($$"""{"writer":{{winner}}}""", (await stores[0].ReadAsync(["webchat/conversations/new"]))["webchat/conversations/new"].Json);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WriteAsync_StarETag_OverwritesUnconditionally(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new StateStore(db.Database, _clock);
        await store.WriteAsync("k", """{"a":1}""", null);

        await store.WriteAsync("k", """{"a":2}""", "*");

        Assert.Equal("""{"a":2}""", (await store.ReadAsync(["k"]))["k"].Json);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WriteManyAsync_WritesEveryDocumentAndTheWorkAlongside_InOneTransaction(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new StateStore(db.Database, _clock);
        var user = await store.WriteAsync("user/1", """{"n":0}""", null);
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task> alongside = (connection, transaction) =>
            Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO app_secrets (name, value, created_at) VALUES ('alongside', 'x', 0)", transaction: transaction);

        var writes = new[]
        {
            new StateWrite("user/1", """{"n":1}""", user, StateStore.NewETag()),
            new StateWrite("conv/1", """{"step":"menu"}""", null, StateStore.NewETag()),
        };
        await store.WriteAsync(writes, [alongside]);

        var read = await store.ReadAsync(["user/1", "conv/1"]);
        Assert.Equal("""{"n":1}""", read["user/1"].Json);
        Assert.Equal(writes[0].NewETag, read["user/1"].ETag);
        Assert.Equal(writes[1].NewETag, read["conv/1"].ETag);
        Assert.Equal(1, await db.Database.ReadAsync(connection => Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT COUNT(*) FROM app_secrets WHERE name = 'alongside'")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WriteManyAsync_OneConflict_KeepsNothing_NotTheOtherDocumentsNorTheWorkAlongside(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new StateStore(db.Database, _clock);
        var user = await store.WriteAsync("user/1", """{"n":0}""", null);
        await store.WriteAsync("conv/1", """{"step":"newer"}""", "*");
        var ran = 0;
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task> alongside = async (connection, transaction) =>
        {
            ran++;
            await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO app_secrets (name, value, created_at) VALUES ('alongside', 'x', 0)", transaction: transaction);
        };

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync(
            [new StateWrite("user/1", """{"n":1}""", user, StateStore.NewETag()), new StateWrite("conv/1", """{"step":"ours"}""", "stale", StateStore.NewETag())],
            [alongside]));

        Assert.Equal("conv/1", conflict.Key);
        Assert.Equal(1, ran);
        var read = await store.ReadAsync(["user/1", "conv/1"]);
        Assert.Equal("""{"n":0}""", read["user/1"].Json);
        Assert.Equal(user, read["user/1"].ETag);
        Assert.Equal("""{"step":"newer"}""", read["conv/1"].Json);
        Assert.Equal(0, await db.Database.ReadAsync(connection => Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT COUNT(*) FROM app_secrets WHERE name = 'alongside'")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeleteAsync_RemovesOnlyTheGivenKeys(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new StateStore(db.Database, _clock);
        await store.WriteAsync("a", "{}", null);
        await store.WriteAsync("b", "{}", null);

        await store.DeleteAsync(["a", "never-written"]);

        Assert.Equal(["b"], (await store.ReadAsync(["a", "b"])).Keys);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SecretStore_InstancesAgreeOnOneKey(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var stores = Enumerable.Range(0, 4).Select(_ => new SecretStore(db.OpenAnother(), _clock)).ToList();

        var keys = await Task.WhenAll(stores.Select(s => Task.Run(() => s.GetOrCreateAsync("signing", 32))));

        Assert.All(keys, k => Assert.Equal(keys[0], k));
        Assert.Equal(32, keys[0].Length);
    }
}
