namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>
/// A test class on the shared bot host of its class, with a loopback connector and an HTTP client to the host
/// for each test: what posts activities to /api/messages and catches the bot's replies.
/// </summary>
public abstract class ConnectorTest(BotHost host) : IClassFixture<BotHost>, IAsyncLifetime
{
    protected BotHost Host { get; } = host;

    protected LoopbackConnector Connector { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await LoopbackConnector.StartAsync();
        Client = Host.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Connector.DisposeAsync();
    }
}
