using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly;
using SQLitePCL;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Bot.Privacy;
using VeerkrachtBot.Bot.Proactive;
using VeerkrachtBot.Bot.Pulse;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Storage;
using Xunit.Abstractions;

namespace VeerkrachtBot.Bot.Tests.Routing;

/// <summary>
/// Database commits per turn, counted by SQLite's commit hook on every connection the bot opens. Each commit is one
/// fsync in WAL mode with synchronous=FULL, which bounds the throughput more than any computation (DESIGN, section 7).
/// Prints the figures; the bounds only catch a turn that starts writing far more than it should.
/// </summary>
public sealed class CommitsPerTurnTests(ITestOutputHelper output) : IAsyncLifetime
{
    // The background workers' first looks at start write (the digest runs, the day's retention claim, the evaluation
    // invitations, the outbox) and, on a loaded machine, land in a turn's count: CI counted 4 instead of 3 once, and
    // 8 instead of 6 before. Only the turns' own commits are measured here, so none of the workers runs.
    private static readonly Type[] Workers =
        [typeof(DigestScheduleWorker), typeof(RetentionWorker), typeof(EvaluationInvitationWorker), typeof(ProactiveWorker)];

    private readonly BotHost _host = new BotHost().WithServices(services =>
    {
        var workers = services.Where(d => d.ServiceType == typeof(IHostedService) && Workers.Contains(d.ImplementationType)).ToList();
        Assert.Equal(Workers.Length, workers.Count);
        workers.ForEach(worker => services.Remove(worker));

        var original = services.Last(d => d.ServiceType == typeof(IDatabase));
        services.Remove(original);
        services.AddSingleton<IDatabase>(sp => new CommitCounter((IDatabase)original.ImplementationFactory!(sp)));
    });

    private LoopbackConnector _connector = null!;
    private HttpClient _client = null!;

    private CommitCounter Counter => (CommitCounter)_host.Get<IDatabase>();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _connector = await LoopbackConnector.StartAsync();
        _client = _host.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _connector.DisposeAsync();
        await ((IAsyncLifetime)_host).DisposeAsync();
    }

    private async Task<long> CommitsOfAsync(Func<Task> turn)
    {
        var before = Counter.Commits;
        await turn();
        return Counter.Commits - before;
    }

    [Fact]
    public async Task CommitsPerTurn_AreCounted_AndStayFew()
    {
        // The very first resident of a database also creates its pseudonym key (once per database, not per turn).
        await new ResidentChat(_client, _connector).SayAsync("menu");
        var chat = new ResidentChat(_client, _connector);
        var idea = Activities.Message(_connector.ServiceUrl, chat.ConversationId, "De lantaarnpaal bij de speeltuin is al weken kapot");

        var newResidentWithAnIdea = await CommitsOfAsync(() => chat.SendAsync(idea));
        var answer = await CommitsOfAsync(() => chat.ClickAsync("Pottenberg"));
        var menu = await CommitsOfAsync(() => chat.SayAsync("menu"));
        var redelivery = await CommitsOfAsync(() => chat.SendAsync(idea));

        output.WriteLine($"commits: first message of a new resident, stored as an idea: {newResidentWithAnIdea}; " +
            $"answering the neighbourhood question: {answer}; 'menu': {menu}; a redelivered activity: {redelivery}");
        // One instance on SQLite: no lease write; the states, "seen again" and "how to reach them" go in the turn's
        // one commit at its end. The idea and the new resident are written when they happen (the reply promises them).
        Assert.InRange(newResidentWithAnIdea, 1, 3);
        Assert.InRange(answer, 1, 3);
        Assert.Equal(1, menu);
        Assert.Equal(0, redelivery);
    }

    /// <summary>The database, with a commit hook on every connection it opens (SQLite only).</summary>
    private sealed class CommitCounter : IDatabase
    {
        private readonly IDatabase _inner;

        // One delegate for the life of the counter, handed to native code on every connection.
        private readonly delegate_commit _count;
        private long _commits;

        public CommitCounter(IDatabase inner)
        {
            _inner = inner;
            _count = _ =>
            {
                Interlocked.Increment(ref _commits);
                return 0;
            };
        }

        public long Commits => Interlocked.Read(ref _commits);

        public DatabaseProvider Provider => _inner.Provider;

        public ResiliencePipeline Retry => _inner.Retry;

        public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
        {
            var connection = await _inner.OpenAsync(cancellationToken);
            if (connection is SqliteConnection sqlite)
            {
                raw.sqlite3_commit_hook(sqlite.Handle, _count, null);
            }

            return connection;
        }
    }
}
