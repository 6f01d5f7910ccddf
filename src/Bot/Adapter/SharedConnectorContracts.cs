using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Newtonsoft.Json.Serialization;

namespace VeerkrachtBot.Bot.Adapter;

/// <summary>
/// Gives the Bot Connector client of every turn the contract resolvers of the process's first client. The client the
/// adapter makes per turn brings new resolvers of its own, so every turn built the contracts of an activity and all it
/// holds by reflection again and emitted new accessors for them: a CPU profile under load put 40 % of the bot's CPU
/// there (README, "Load"). Newtonsoft's resolvers are thread-safe and meant to be shared, and the first client's are
/// the very ones the SDK chose (type and settings), so what goes over the wire is the same.
/// </summary>
internal sealed class SharedConnectorContracts : Microsoft.Bot.Builder.IMiddleware
{
    private IContractResolver? _serialization;
    private IContractResolver? _deserialization;

    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<IConnectorClient>() is ConnectorClient client)
        {
            client.SerializationSettings.ContractResolver = Shared(ref _serialization, client.SerializationSettings.ContractResolver);
            client.DeserializationSettings.ContractResolver = Shared(ref _deserialization, client.DeserializationSettings.ContractResolver);
        }

        return next(cancellationToken);
    }

    private static IContractResolver? Shared(ref IContractResolver? shared, IContractResolver? own) =>
        own is null ? null : Interlocked.CompareExchange(ref shared, own, null) ?? own;
}
