using Microsoft.Extensions.Time.Testing;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

public sealed class SqliteSecretStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task GetOrCreateAsync_TwoInstances_AgreeOnOneKey()
    {
        var clock = new FakeTimeProvider();
        var stores = Enumerable.Range(0, 4).Select(_ => new SqliteSecretStore(_db.OpenAnother(), clock)).ToList();

        var keys = await Task.WhenAll(stores.Select(s => Task.Run(() => s.GetOrCreateAsync("signing", 32))));

        Assert.All(keys, k => Assert.Equal(keys[0], k));
        Assert.Equal(32, keys[0].Length);
    }
}
