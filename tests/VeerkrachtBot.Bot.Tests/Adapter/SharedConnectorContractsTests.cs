using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using VeerkrachtBot.Bot.Adapter;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Adapter;

/// <summary>
/// Every turn's Bot Connector client serialises with the process's first client's contract resolvers instead of new
/// ones per turn (which rebuilt the contracts by reflection every turn), and what it sends and reads is what it did before.
/// (A first try shared a Microsoft.Rest ReadOnlyJsonContractResolver: it dropped the fields of anonymous card content, which this caught.)
/// </summary>
public sealed class SharedConnectorContractsTests : IAsyncLifetime
{
    // What the connector client of each turn used, seen by the bot itself: after the adapter's middleware, before the flows.
    private readonly ConcurrentBag<(IContractResolver? Serialization, IContractResolver? Deserialization)> _seen = [];
    private readonly BotHost _host;
    private LoopbackConnector _connector = null!;
    private HttpClient _client = null!;

    public SharedConnectorContractsTests()
    {
        _host = new BotHost().WithServices(services =>
        {
            services.RemoveAll<IBot>();
            services.AddTransient<IBot>(sp => new Watching(ActivatorUtilities.CreateInstance<AudienceRouter>(sp), _seen));
        });
    }

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

    [Fact]
    public async Task EveryTurn_OverHttp_UsesTheOneResolver_AndStillAnswers()
    {
        var first = new ResidentChat(_client, _connector);
        await first.SayAsync("menu");
        await first.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");
        await new ResidentChat(_client, _connector).SayAsync("menu");

        Assert.Equal(3, _seen.Count);
        var (serialization, deserialization) = _seen.First();
        Assert.NotNull(serialization);
        Assert.NotNull(deserialization);
        Assert.All(_seen, used =>
        {
            Assert.Same(serialization, used.Serialization);
            Assert.Same(deserialization, used.Deserialization);
        });
        Assert.NotEmpty(first.All);
    }

    [Fact]
    public async Task WhatIsSent_IsTheSame_AsWithTheClientsOwnResolver()
    {
        var reply = MessageFactory.SuggestedActions(new List<string> { "Pottenberg", "Nazareth" }, "In welke buurt woon je?", ssml: null, inputHint: null, toList: null);
        reply.Attachments = [new Attachment("application/vnd.microsoft.card.adaptive", content: new { type = "AdaptiveCard", version = "1.5" })];
        reply.Entities = [new Entity("clientInfo")];
        reply.Timestamp = new DateTimeOffset(2026, 12, 3, 17, 0, 0, TimeSpan.FromHours(1));

        using var original = Client();
        using var first = Client();
        using var shared = Client();
        var middleware = new SharedConnectorContracts();
        foreach (var client in new[] { first, shared })
        {
            var context = new TurnContext(new TestAdapterWithoutSend(), new Activity(ActivityTypes.Message));
            context.TurnState.Add<IConnectorClient>(client);
            await middleware.OnTurnAsync(context, _ => Task.CompletedTask, CancellationToken.None);
        }

        Assert.Same(first.SerializationSettings.ContractResolver, shared.SerializationSettings.ContractResolver);
        Assert.Same(first.DeserializationSettings.ContractResolver, shared.DeserializationSettings.ContractResolver);
        Assert.NotSame(original.SerializationSettings.ContractResolver, shared.SerializationSettings.ContractResolver);
        Assert.Equal(first.SerializationSettings.ContractResolver!.GetType(), original.SerializationSettings.ContractResolver!.GetType());
        JsonConvert.SerializeObject(reply, first.SerializationSettings);
        Assert.Equal(
            JsonConvert.SerializeObject(reply, original.SerializationSettings),
            JsonConvert.SerializeObject(reply, shared.SerializationSettings));
        var json = JsonConvert.SerializeObject(reply, original.SerializationSettings);
        Assert.Equal(
            JsonConvert.SerializeObject(JsonConvert.DeserializeObject<Activity>(json, original.DeserializationSettings)),
            JsonConvert.SerializeObject(JsonConvert.DeserializeObject<Activity>(json, shared.DeserializationSettings)));
    }

    private static ConnectorClient Client() => new(new Uri("http://127.0.0.1/"), MicrosoftAppCredentials.Empty);

    private sealed class Watching(IBot inner, ConcurrentBag<(IContractResolver?, IContractResolver?)> seen) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            if (turnContext.TurnState.Get<IConnectorClient>() is ConnectorClient client && turnContext.Activity.Type == ActivityTypes.Message)
            {
                seen.Add((client.SerializationSettings.ContractResolver, client.DeserializationSettings.ContractResolver));
            }

            return inner.OnTurnAsync(turnContext, cancellationToken);
        }
    }

    private sealed class TestAdapterWithoutSend : BotAdapter
    {
        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
