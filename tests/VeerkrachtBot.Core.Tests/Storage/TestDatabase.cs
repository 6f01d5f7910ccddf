using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file always, and a new SQL Server database when
/// VEERKRACHT_TEST_SQLSERVER holds a connection string (the contract tests then run on both).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string SqlServerVariable = "VEERKRACHT_TEST_SQLSERVER";

    private readonly string _connectionString;
    private readonly Func<ValueTask> _cleanup;

    private TestDatabase(DatabaseProvider provider, string connectionString, Func<ValueTask> cleanup)
    {
        Provider = provider;
        _connectionString = connectionString;
        _cleanup = cleanup;
        Database = OpenAnother();
    }

    /// <summary>The providers the contract tests run on here.</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var providers = new TheoryData<string> { "sqlite" };
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerVariable)))
            {
                providers.Add("sqlserver");
            }

            return providers;
        }
    }

    public DatabaseProvider Provider { get; }

    public IDatabase Database { get; }

    /// <summary>A second handle on the same database, as another process or bot instance would have.</summary>
    public IDatabase OpenAnother() => Provider == DatabaseProvider.SqlServer ? new SqlServerDatabase(_connectionString) : new SqliteDatabase(_connectionString);

    public MigrationRunner Runner(IDatabase? database = null, params IMigrationSource[] extra) =>
        new(database ?? Database, [new CoreMigrations(), new VeerkrachtBot.Core.Professionals.ProfessionalMigrations(), new VeerkrachtBot.Core.Notifications.NotificationMigrations(), new UrgentIdeaMigrations(), .. extra], NullLogger<MigrationRunner>.Instance);

    public static async Task<TestDatabase> CreateAsync(string provider, bool migrate = true)
    {
        var database = provider == "sqlserver" ? await CreateSqlServerAsync() : CreateSqlite();
        if (migrate)
        {
            await database.Runner().ApplyAsync();
        }

        return database;
    }

    public ValueTask DisposeAsync() => _cleanup();

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "veerkracht-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "test.db")}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreateSqlServerAsync()
    {
        var server = Environment.GetEnvironmentVariable(SqlServerVariable)!;
        var name = "veerkracht_test_" + Guid.NewGuid().ToString("N");
        await using (var master = new SqlConnection(server))
        {
            await master.OpenAsync();
            await using var create = new SqlCommand($"CREATE DATABASE [{name}]", master);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString;
        return new TestDatabase(DatabaseProvider.SqlServer, connectionString, async () =>
        {
            SqlConnection.ClearAllPools();
            await using var master = new SqlConnection(server);
            await master.OpenAsync();
            // Azure SQL Database (engine edition 5) has no SINGLE_USER; its DROP DATABASE ends the sessions itself.
            await using var drop = new SqlCommand($"""
                IF SERVERPROPERTY('EngineEdition') <> 5 EXEC(N'ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE');
                DROP DATABASE [{name}];
                """, master);
            await drop.ExecuteNonQueryAsync();
        });
    }
}
