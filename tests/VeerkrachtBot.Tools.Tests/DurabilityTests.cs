using System.Diagnostics;
using Dapper;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Tools.Tests;

/// <summary>
/// A process that acknowledged an idea and is then killed with SIGKILL (no shutdown, no flush) loses nothing:
/// after a restart the row is there and the database is intact.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("veerkracht-kill-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task KilledRightAfterTheAcknowledgement_TheIdeaIsThereAfterRestart()
    {
        var path = Path.Combine(_folder, "kill.db");
        var acknowledged = new List<string>();

        for (var round = 0; round < 5; round++)
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "veerkracht.dll"), "store-idea", "--db", path, "--source", $"kill-test:{round}", "--text", $"Idee nummer {round}", "--hold" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            process.Kill(); // SIGKILL on Linux: the process gets no chance to flush or close anything.
            await process.WaitForExitAsync();

            Assert.True(line?.StartsWith("STORED ", StringComparison.Ordinal), $"round {round}: {line} {await process.StandardError.ReadToEndAsync()}");
            acknowledged.Add(line!["STORED ".Length..]);
        }

        var restarted = new SqliteDatabase($"Data Source={path}");
        await using var connection = await restarted.OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT id FROM ideas")).ToList();
        Assert.Equal(acknowledged.Order(), stored.Order());
        Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        Assert.Equal(5, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idea_status_history"));
    }
}
