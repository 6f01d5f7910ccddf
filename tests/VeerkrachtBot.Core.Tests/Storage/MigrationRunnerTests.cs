using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

public sealed class MigrationRunnerTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ApplyAsync_SecondRun_AppliesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var again = await db.Runner().ApplyAsync();

        Assert.Empty(again);
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(new CoreMigrations().Migrations.Count(), await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE module = 'core'"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ApplyAsync_FourInstancesAtOnce_EachMigrationRunsOnce(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var source = new CountingSource("concurrent", 5);
        var runners = Enumerable.Range(0, 4).Select(_ => db.Runner(db.OpenAnother(), source)).ToList();

        var applied = await Task.WhenAll(runners.Select(r => Task.Run(() => r.ApplyAsync())));

        Assert.Equal(5 + new CoreMigrations().Migrations.Count() + new VeerkrachtBot.Core.Professionals.ProfessionalMigrations().Migrations.Count() + new VeerkrachtBot.Core.Notifications.NotificationMigrations().Migrations.Count() + new Core.Ideas.UrgentIdeaMigrations().Migrations.Count(), applied.Sum(a => a.Count));
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(5, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM concurrent_marks"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ApplyAsync_FailingMigration_LeavesNothingHalfApplied(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var broken = new FixedSource(
            new Migration("broken", 1, "ok", "CREATE TABLE broken_ok (id INTEGER);", "CREATE TABLE broken_ok (id INT);"),
            new Migration("broken", 2, "bad", "THIS IS NOT SQL;", "THIS IS NOT SQL;"));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Runner(null, broken).ApplyAsync());

        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE module = 'broken'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM broken_ok"));
    }

    [Fact]
    public async Task ApplyAsync_DuplicateVersion_IsRefused()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite", migrate: false);
        var runner = new MigrationRunner(db.Database, [new CountingSource("dup", 1), new CountingSource("dup", 1)], NullLogger<MigrationRunner>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ApplyAsync());
        Assert.Contains("dup", error.Message, StringComparison.Ordinal);
    }

    private sealed class CountingSource(string module, int count) : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => Enumerable.Range(1, count).Select(v => new Migration(
            module, v, $"step {v}",
            v == 1 ? $"CREATE TABLE {module}_marks (version INTEGER); INSERT INTO {module}_marks VALUES (1);" : $"INSERT INTO {module}_marks VALUES ({v});",
            v == 1 ? $"CREATE TABLE {module}_marks (version INT); INSERT INTO {module}_marks VALUES (1);" : $"INSERT INTO {module}_marks VALUES ({v});"));
    }

    private sealed class FixedSource(params Migration[] migrations) : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => migrations;
    }
}
