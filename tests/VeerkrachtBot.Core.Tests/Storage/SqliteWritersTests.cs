using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

/// <summary>
/// Write transactions on one SQLite file take turns in the process (waited for asynchronously, instead of the
/// driver's blocking 150 ms sleeps on SQLITE_BUSY): all of many concurrent units commit, a failed unit frees the
/// file for the next, and two files do not wait for each other.
/// </summary>
public sealed class SqliteWritersTests : IDisposable
{
    private static readonly TimeSpan Deadlock = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("veerkracht-writers-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ManyConcurrentUnits_AllCommit_WhileReadsGoOn()
    {
        var database = await CreateAsync("many.db");

        var writes = Enumerable.Range(0, 64).Select(i => Task.Run(() => database.WriteAsync((connection, transaction) =>
            connection.ExecuteAsync("INSERT INTO notes (id) VALUES (@i)", new { i }, transaction))));
        var reads = Enumerable.Range(0, 16).Select(_ => Task.Run(() => database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes"))));
        await Task.WhenAll(writes.Concat<Task>(reads)).WaitAsync(Deadlock);

        Assert.Equal(64, await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes")));
    }

    [Fact]
    public async Task AUnitThatFails_FreesTheFileForTheNext()
    {
        var database = await CreateAsync("fails.db");

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO notes (id) VALUES (1)", transaction: transaction);
            throw new InvalidOperationException("the unit of work fails");
        }));
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync("INSERT INTO notes (id) VALUES (2)", transaction: transaction)).WaitAsync(Deadlock);

        Assert.Equal([2L], await database.ReadAsync(async c => (await c.QueryAsync<long>("SELECT id FROM notes")).ToList()));
    }

    [Fact]
    public async Task AnotherFile_DoesNotWaitForAHeldWrite_AndTheSameFileInAnotherHandleDoes()
    {
        var first = await CreateAsync("first.db");
        var other = await CreateAsync("other.db");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = first.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO notes (id) VALUES (1)", transaction: transaction);
            holding.SetResult();
            await release.Task;
        });
        await holding.Task.WaitAsync(Deadlock);

        await other.WriteAsync((connection, transaction) => connection.ExecuteAsync("INSERT INTO notes (id) VALUES (1)", transaction: transaction)).WaitAsync(Deadlock);
        var sameFile = new SqliteDatabase($"Data Source={Path.Combine(_folder, "first.db")}");
        var queued = sameFile.WriteAsync((connection, transaction) => connection.ExecuteAsync("INSERT INTO notes (id) VALUES (2)", transaction: transaction));
        Assert.False(queued.IsCompleted);

        release.SetResult();
        await Task.WhenAll(held, queued).WaitAsync(Deadlock);
        Assert.Equal(2, await first.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes")));
    }

    private async Task<SqliteDatabase> CreateAsync(string file)
    {
        var database = new SqliteDatabase($"Data Source={Path.Combine(_folder, file)}");
        await database.ReadAsync(c => c.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE notes (id INTEGER PRIMARY KEY)"));
        return database;
    }
}
