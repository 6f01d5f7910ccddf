using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>
/// The real bot host (Program) on Kestrel at 127.0.0.1 and a random port, with its own SQLite file.
/// Everything goes over real HTTP, like a channel or a browser would.
/// </summary>
public class BotHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder;
    private readonly bool _ownsFolder;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];

    public BotHost()
        : this(Path.Combine(Path.GetTempPath(), "veerkracht-bot-tests", Guid.NewGuid().ToString("N")), ownsFolder: true)
    {
    }

    private BotHost(string folder, bool ownsFolder)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        Directory.CreateDirectory(_folder);
        _settings["Demo:Enabled"] = "false";
        _settings["Database:ConnectionString"] = $"Data Source={DatabasePath}";
        _settings["DirectLine:Secret"] = DirectLineSecret;
        _settings["DirectLine:StreamPollMilliseconds"] = "500";
        _settings["Telemetry:Console"] = "false";
        _settings["WebChat:TokensPerMinutePerClient"] = "10000";
        _settings["Bot:NewConversationsPerMinutePerClient"] = "100000";
        _settings["Bot:NewUsersPerMinutePerClient"] = "100000";
        _settings["DirectLine:ActivitiesPerMinutePerClient"] = "100000";
        _settings["Proactive:WorkerIntervalSeconds"] = "0.25";

        // A poll closing in one test would send its results to a programme manager's chat another test is reading.
        _settings["Digests:Schedule:PollResults"] = "false";

        // Tests that post a hundred turns at once test the conversation, not the host's bound: they wait instead of a 503.
        _settings["Bot:MaxQueuedTurns"] = "100000";
        _settings["Bot:MaxTurnQueueMilliseconds"] = "60000";
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public const string DirectLineSecret = "test-directline-secret";

    public string DatabasePath => Path.Combine(_folder, "bot.db");

    /// <summary>Warnings and errors the host logged (unhandled exceptions, failed turns).</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>The host's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Sets a configuration value before the host starts.</summary>
    public BotHost With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces or adds services before the host starts (a stand-in for something the test controls).</summary>
    public BotHost WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>A second host on the same database, as after a restart of the bot (or a second instance). Start it with InitializeAsync.</summary>
    public BotHost Restarted()
    {
        var next = new BotHost(_folder, ownsFolder: false);
        foreach (var (key, value) in _settings)
        {
            next._settings[key] = value;
        }

        return next;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Stops this host's outbox worker (another instance then sends what the outbox holds).</summary>
    public Task StopWorkerAsync() =>
        Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<VeerkrachtBot.Bot.Proactive.ProactiveWorker>().Single().StopAsync(CancellationToken.None);

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        builder.ConfigureTestServices(services => _services.ForEach(configure => configure(services)));
    }

    public virtual async Task InitializeAsync()
    {
        // Without authentication the bot only replies to configured service URLs: the test connectors' prefix.
        var connectors = await LoopbackConnector.EnsureServerAsync();
        _settings.TryAdd("Bot:AllowedServiceUrls:0", connectors);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the temp folder is cleaned by the OS.
        }
    }
}
