using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_SecondRun_AppliesNothing()
    {
        var again = await _db.Runner().ApplyAsync();

        Assert.Empty(again);
        await using var connection = await _db.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE module = 'core'"));
    }

    [Fact]
    public async Task ApplyAsync_TwoInstancesAtOnce_EachMigrationRunsOnce()
    {
        var source = new TestSource("concurrent", 5);
        var runners = Enumerable.Range(0, 4).Select(_ =>
            new MigrationRunner(_db.OpenAnother(), [source], NullLogger<MigrationRunner>.Instance)).ToList();

        var applied = await Task.WhenAll(runners.Select(r => Task.Run(() => r.ApplyAsync())));

        Assert.Equal(5, applied.Sum(a => a.Count));
        await using var connection = await _db.Database.OpenAsync();
        Assert.Equal(5, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM concurrent_marks"));
    }

    [Fact]
    public async Task ApplyAsync_DuplicateVersion_IsRefused()
    {
        var runner = new MigrationRunner(_db.Database, [new TestSource("dup", 1), new TestSource("dup", 1)], NullLogger<MigrationRunner>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ApplyAsync());
        Assert.Contains("dup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_FailingMigration_LeavesNothingHalfApplied()
    {
        var broken = new FixedSource(new Migration("broken", 1, "ok", "CREATE TABLE broken_ok (id INTEGER);"), new Migration("broken", 2, "bad", "THIS IS NOT SQL;"));
        var runner = new MigrationRunner(_db.Database, [broken], NullLogger<MigrationRunner>.Instance);

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => runner.ApplyAsync());

        await using var connection = await _db.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'broken_ok'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE module = 'broken'"));
    }

    private sealed class TestSource(string module, int count) : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => Enumerable.Range(1, count).Select(v => new Migration(
            module, v, $"step {v}",
            v == 1 ? $"CREATE TABLE {module}_marks (version INTEGER); INSERT INTO {module}_marks VALUES (1);" : $"INSERT INTO {module}_marks VALUES ({v});"));
    }

    private sealed class FixedSource(params Migration[] migrations) : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => migrations;
    }
}
