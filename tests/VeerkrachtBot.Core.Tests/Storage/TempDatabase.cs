using Microsoft.Extensions.Logging.Abstractions;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

/// <summary>A migrated SQLite file in a temporary folder, removed after the test.</summary>
public sealed class TempDatabase : IAsyncLifetime
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "veerkracht-tests", Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(_folder, "test.db");

    public SqliteDatabase Database { get; private set; } = null!;

    /// <summary>A second handle on the same file, as another process or bot instance would have.</summary>
    public SqliteDatabase OpenAnother() => new($"Data Source={Path}");

    public MigrationRunner Runner(SqliteDatabase? database = null) =>
        new(database ?? Database, [new CoreMigrations()], NullLogger<MigrationRunner>.Instance);

    public async Task InitializeAsync()
    {
        Database = new SqliteDatabase($"Data Source={Path}");
        await Runner().ApplyAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
