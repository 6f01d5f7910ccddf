using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Tests.Storage;

/// <summary>Writes a turn leaves to its end: collected inside the turn, written at once anywhere else.</summary>
public sealed class TurnWritesTests
{
    private const string Insert = "INSERT INTO app_secrets (name, value, created_at) VALUES (@name, 'x', 0)";

    private static Task<int> CountAsync(IDatabase database, string name) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM app_secrets WHERE name = @name", new { name }));

    private static Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task> Write(string name) =>
        (connection, transaction) => connection.ExecuteAsync(Insert, new { name }, transaction);

    [Fact]
    public async Task OutsideATurn_AWriteHappensAtOnce()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");

        await TurnWrites.DeferAsync(db.Database, Write("outside"));

        Assert.Null(TurnWrites.Current);
        Assert.Equal(1, await CountAsync(db.Database, "outside"));
    }

    [Fact]
    public async Task InsideATurn_AWriteWaitsForTheEnd_AndRunsInTheEndsTransaction()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var writes = await InATurnAsync(async () =>
        {
            await TurnWrites.DeferAsync(db.Database, Write("first"));
            await Task.Yield();
            await TurnWrites.DeferAsync(db.Database, Write("second"));
            return TurnWrites.Current!;
        });

        Assert.Equal(2, writes.Count);
        Assert.Equal(0, await CountAsync(db.Database, "first"));
        var taken = writes.Take();
        await db.Database.WriteAsync((connection, transaction) => TurnWrites.RunAsync(taken, connection, transaction));

        Assert.Equal(1, await CountAsync(db.Database, "first"));
        Assert.Equal(1, await CountAsync(db.Database, "second"));
        Assert.Empty(writes.Take());
    }

    [Fact]
    public async Task AfterTheEndTookTheWrites_WorkTheTurnStartedStillWrites_AtOnce()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var late = new TaskCompletionSource();
        Task straggler = null!;
        var writes = await InATurnAsync(() =>
        {
            // Work the turn started and did not wait for: it carries the turn's flow with it.
            straggler = Task.Run(async () =>
            {
                await late.Task;
                await TurnWrites.DeferAsync(db.Database, Write("late"));
            });
            return Task.FromResult(TurnWrites.Current!);
        });

        Assert.Empty(writes.Take());
        late.SetResult();
        await straggler;

        Assert.Equal(1, await CountAsync(db.Database, "late"));
    }

    [Fact]
    public async Task ATurnsCollection_EndsForItsCaller_WhenTheTurnReturns()
    {
        await InATurnAsync(() => Task.FromResult(TurnWrites.Current!));

        Assert.Null(TurnWrites.Current);
    }

    private static async Task<TurnWrites> InATurnAsync(Func<Task<TurnWrites>> turn)
    {
        TurnWrites.Begin();
        return await turn();
    }
}
