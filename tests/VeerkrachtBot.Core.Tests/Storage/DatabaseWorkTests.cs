using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

/// <summary>
/// The unit-of-work runner: a transient SQL Server / Azure SQL failure (a failover, a deadlock victim, a serverless
/// database resuming) runs the whole unit again; anything else fails at once.
/// </summary>
public sealed class DatabaseWorkTests
{
    public static TheoryData<int> TransientNumbers => [40613, 40197, 40501, 49918, 49919, 49920, 4060, 4221, 1205, 10928, 10929, 10053, 10054, 10060, 233, 121, 64, -2];

    private static async Task<(TestDatabase Db, IDatabase Quick)> QuickRetryingAsync()
    {
        var db = await TestDatabase.CreateAsync("sqlite");
        return (db, new FlakyDatabase(db.Database, 0));
    }

    [Theory]
    [MemberData(nameof(TransientNumbers))]
    public async Task WriteAsync_TransientSqlError_RunsTheWholeUnitAgain_AndCommitsOnce(int number)
    {
        var (db, database) = await QuickRetryingAsync();
        await using var _ = db;
        var attempts = 0;

        await database.WriteAsync(async (connection, transaction) =>
        {
            attempts++;
            await connection.ExecuteAsync("INSERT INTO app_secrets (name, value, created_at) VALUES ('k', 'v', 1)", transaction: transaction);
            if (attempts == 1)
            {
                // After the first statement: the retry must not find this row (the transaction was rolled back).
                throw SqlErrors.Exception(number);
            }
        });

        Assert.Equal(2, attempts);
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM app_secrets WHERE name = 'k'"));
        Assert.True(TransientDatabaseErrors.IsTransient(SqlErrors.Exception(number)));
    }

    [Theory]
    [InlineData(2627)] // unique key violation
    [InlineData(547)] // foreign key violation
    [InlineData(8152)] // string or binary data would be truncated
    public async Task WriteAsync_OtherSqlErrors_AreNotRetried(int number)
    {
        var (db, database) = await QuickRetryingAsync();
        await using var _ = db;
        var attempts = 0;

        var error = await Assert.ThrowsAsync<SqlException>(() => database.WriteAsync((_, _) =>
        {
            attempts++;
            throw SqlErrors.Exception(number);
        }));

        Assert.Equal(1, attempts);
        Assert.Equal(number, error.Number);
        Assert.False(TransientDatabaseErrors.IsTransient(error));
    }

    [Fact]
    public async Task WriteAsync_TransientErrorThatOutlastsTheRetries_IsThrown_AndStillCountsAsTransient()
    {
        var (db, database) = await QuickRetryingAsync();
        await using var _ = db;
        var attempts = 0;

        var error = await Assert.ThrowsAsync<SqlException>(() => database.WriteAsync((_, _) =>
        {
            attempts++;
            throw SqlErrors.Exception(40613);
        }));

        Assert.Equal(4, attempts);
        Assert.True(TransientDatabaseErrors.IsTransient(error));
    }

    /// <summary>
    /// Review finding 9: however many retries the options allow and however long each attempt takes, a unit of work
    /// ends at its deadline, and that counts as transient (the resident keeps their step). Time is a fake clock here.
    /// </summary>
    [Fact]
    public async Task AUnitOfWork_EndsAtItsDeadline_WhateverTheRetriesAllow_AndThatIsTransient()
    {
        var clock = new FakeTimeProvider();
        var away = new AwayDatabase(new DatabaseRetryOptions(1000, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3), Deadline: TimeSpan.FromSeconds(10)), clock);
        var started = clock.GetUtcNow();

        var unit = away.WriteAsync((_, _) => Task.FromResult(true));
        while (!unit.IsCompleted && clock.GetUtcNow() - started < TimeSpan.FromMinutes(5))
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
            await Task.Delay(1);
        }

        var error = await Assert.ThrowsAsync<TimeoutRejectedException>(() => unit);
        Assert.True(TransientDatabaseErrors.IsTransient(error));
        Assert.InRange(clock.GetUtcNow() - started, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        Assert.InRange(away.Opens, 2, 20);
    }

    [Fact]
    public void TheInteractiveRetries_HaveADeadline_ThatFitsTheFifteenSecondsAChannelWaits()
    {
        Assert.NotNull(DatabaseRetryOptions.Interactive.Deadline);
        Assert.True(DatabaseRetryOptions.Interactive.Deadline + TimeSpan.FromSeconds(SqlServerDatabase.InteractiveCommandTimeoutSeconds) < TimeSpan.FromSeconds(20));
        Assert.Null(DatabaseRetryOptions.Startup.Deadline);
    }

    [Theory]
    [InlineData("Server=tcp:db.example,1433;Database=veerkracht;Encrypt=True", 5, 8)]
    [InlineData("Server=tcp:db.example,1433;Database=veerkracht;Connect Timeout=30;Command Timeout=60", 30, 60)]
    [InlineData("Server=tcp:db.example,1433;Database=veerkracht;Connection Timeout=20", 20, 8)]
    [InlineData("Server=tcp:db.example,1433;Database=veerkracht;timeout=12", 12, 8)]
    public void SqlServerConnections_GetShortTimeouts_WhereTheConnectionStringDoesNotSetThem(string connectionString, int connect, int command)
    {
        var effective = new SqlConnectionStringBuilder(new SqlServerDatabase(connectionString).CreateConnection().ConnectionString);

        Assert.Equal(connect, effective.ConnectTimeout);
        Assert.Equal(command, effective.CommandTimeout);
        Assert.Equal("veerkracht", effective.InitialCatalog);
    }

    [Fact]
    public async Task OpeningTheConnection_IsPartOfTheUnit()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var flaky = new FlakyDatabase(db.Database, 40613) { Failures = 2 };

        var etag = await new StateStore(flaky, TimeProvider.System).WriteAsync("k", "{}", null);

        Assert.NotEmpty(etag);
        Assert.Equal(3, flaky.Opens);
    }

    [Fact]
    public void SqliteBusy_IsTransientButNotRetried_TheDriverWaitedAlready()
    {
        var busy = new SqliteException("database is locked", 5);

        Assert.True(TransientDatabaseErrors.IsTransient(busy));
        Assert.True(TransientDatabaseErrors.IsTransient(new InvalidOperationException("wrapped", busy)));
        Assert.False(TransientDatabaseErrors.IsTransient(new SqliteException("constraint", 19)));
    }

    [Fact]
    public async Task Migrations_AtStartUp_AreRetriedWhileTheDatabaseResumes()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite", migrate: false);
        // More failures than a resident's turn would wait for (FlakyDatabase retries 3 times): start-up waits longer.
        var resuming = new FlakyDatabase(db.Database, 40613) { Failures = 6 };
        var runner = new MigrationRunner(resuming, [new CoreMigrations()], NullLogger<MigrationRunner>.Instance,
            new DatabaseRetryOptions(8, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)));

        var applied = await runner.ApplyAsync();

        Assert.Equal(new CoreMigrations().Migrations.Count(), applied.Count);
    }

    /// <summary>A database that is away: every open fails with Azure SQL's "not currently available" (40613).</summary>
    private sealed class AwayDatabase(DatabaseRetryOptions options, TimeProvider clock) : IDatabase
    {
        private int _opens;

        public int Opens => Volatile.Read(ref _opens);

        public DatabaseProvider Provider => DatabaseProvider.SqlServer;

        public Polly.ResiliencePipeline Retry { get; } = DatabaseRetry.Create(options, clock: clock);

        public Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opens);
            return Task.FromException<System.Data.Common.DbConnection>(SqlErrors.Exception(40613));
        }
    }
}
