using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.Privacy;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// Creates the keys that requests are checked against (Direct Line tokens, the local connector's key, export
/// links) when the host starts, after the migrations: checking a request then only reads, and a refused request
/// leaves nothing behind in the database.
/// </summary>
internal sealed class KeysAtStart(DirectLineTokens tokens, LocalConnectorKey connectorKey, ExportLinks exportLinks) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tokens.PrepareAsync(cancellationToken);
        await connectorKey.HeaderValueAsync(cancellationToken);
        await exportLinks.PrepareAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
