using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Tools.Hostile;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// The hostile-input corpus (<c>tests/hostile</c>) against a real bot host with the default limits: no 5xx, every
/// answer what the corpus expects, nothing logged as an error, the database intact, and not one row created by a
/// request the bot refused. <c>dotnet run --project src/Tools -- hostile</c> runs the same corpus against a bot
/// started by hand (<c>scripts/hostile.sh</c>).
/// </summary>
public sealed class HostileInputTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    // The per-client limits as they are by default (BotHost raises them for the other tests).
    private readonly BotHost _host = new BotHost()
        .With("Bot:NewConversationsPerMinutePerClient", "30")
        .With("DirectLine:ActivitiesPerMinutePerClient", "60")
        .With("WebChat:TokensPerMinutePerClient", "30");

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task TheCorpus_GetsNo5xx_NoErrors_AndRefusedRequestsCreateNothing()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var http = _host.CreateHttpClient();
        var cases = HostileCase.Load(Path.Combine(RepositoryRoot(), "tests", "hostile"));

        var report = await new HostileRun(http, _host.BaseAddress, connector.ServiceUrl)
            .RunAsync(cases, () => HostileDatabase.CountRowsAsync(_host.DatabasePath), output.WriteLine, CancellationToken.None);

        output.WriteLine($"{report.Requests} requests: 2xx {report.Count(2)}, 4xx {report.Count(4)}, 5xx {report.Count(5)}; replies {connector.All.Count}");
        Assert.True(cases.Count >= 250, $"only {cases.Count} cases");
        Assert.True(report.Unexpected.Count == 0, string.Join("\n", report.Unexpected));
        Assert.Equal(0, report.Count(5));
        Assert.True(report.ChangedByRefused.Count == 0, string.Join("\n", report.ChangedByRefused));
        Assert.True(_host.Log.Errors.Count == 0, string.Join("\n", _host.Log.Errors));
        var (integrity, foreignKeyViolations) = await HostileDatabase.CheckAsync(_host.DatabasePath);
        Assert.Equal("ok", integrity);
        Assert.Equal(0, foreignKeyViolations);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "VeerkrachtBot.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException("repository root");
    }
}
