using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Tests.Language;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>
/// A resident shares an idea over real HTTP while the bot uses Azure AI Language (a loopback stand-in of its REST
/// API): whatever the service does (slow, throttled with a long Retry-After, refusing the document, refusing the key),
/// the idea is stored within the turn, also when the channel stops waiting; and no request lets the service log text.
/// </summary>
public sealed class AzureLanguageConversationTests : IAsyncLifetime
{
    private LanguageServiceStandIn _service = null!;
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _service = await LanguageServiceStandIn.StartAsync();
        _connector = await LoopbackConnector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _service.DisposeAsync();
    }

    private BotHost Host(string key = LanguageServiceStandIn.Key) => new BotHost()
        .With("Language:Provider", "Azure")
        .With("Language:AzureEndpoint", _service.Endpoint.ToString())
        .With("Language:AzureKey", key)
        .With("Language:AzureDeadlineMilliseconds", "500");

    private static async Task<Idea?> IdeaOfAsync(BotHost host, ResidentChat chat)
    {
        var resident = await host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);
        return resident is null ? null : (await host.Get<IdeaService>().MineAsync(resident.Id)).SingleOrDefault();
    }

    [Theory]
    [InlineData("works", AnalysisSource.Azure)]
    [InlineData("slow", AnalysisSource.Local)]
    [InlineData("throttled", AnalysisSource.Local)]
    [InlineData("document-error", AnalysisSource.Local)]
    [InlineData("wrong-key", AnalysisSource.Local)]
    public async Task TheIdeaIsStoredWithinTheTurn_WhateverTheServiceDoes(string behaviour, AnalysisSource expected)
    {
        var host = Host(key: behaviour == "wrong-key" ? "wrong" : LanguageServiceStandIn.Key);
        await using var _ = host;
        await host.InitializeAsync();
        using var client = host.CreateHttpClient();
        switch (behaviour)
        {
            case "slow":
                _service.Hold();
                break;
            case "throttled":
                for (var i = 0; i < 20; i++)
                {
                    _service.Script.Enqueue(LanguageServiceStandIn.Status(429, retryAfter: "60"));
                }

                break;
            case "document-error":
                for (var i = 0; i < 20; i++)
                {
                    _service.Script.Enqueue(context => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response,
                        """{"kind":"x","results":{"documents":[],"errors":[{"id":"1","error":{"code":"InvalidArgument","message":"Invalid document in request.","innererror":{"code":"InvalidDocument","message":"Document text is empty."}}}],"modelVersion":"2023-09-01"}}"""));
                }

                break;
        }

        var chat = new ResidentChat(client, _connector);
        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot, bel me op 06-12345678");
        _service.Release();

        Assert.Contains("In welke buurt woon je?", Said.Text(chat.Last), StringComparison.Ordinal);
        var idea = await IdeaOfAsync(host, chat);
        Assert.NotNull(idea);
        Assert.Equal(expected, idea.Analysis.Source);
        Assert.DoesNotContain("06-12345678", idea.Analysis.RedactedText, StringComparison.Ordinal);
        Assert.All(_service.Requests.Where(r => r.Key is not null || r.Authorization is not null), r => Assert.True(r.Parameters.GetProperty("loggingOptOut").GetBoolean(), r.Kind));
        if (behaviour != "wrong-key")
        {
            Assert.NotEmpty(_service.Requests);
        }
    }

    [Fact]
    public async Task TheChannelStopsWaiting_TheIdeaIsStoredAnyway()
    {
        var host = Host();
        await using var _ = host;
        await host.InitializeAsync();
        using var client = host.CreateHttpClient();
        var chat = new ResidentChat(client, _connector);
        _service.Hold();

        using var abort = new CancellationTokenSource();
        var posting = client.PostAsync("api/messages", Activities.Json(Newtonsoft.Json.JsonConvert.SerializeObject(
            Activities.Message(_connector.ServiceUrl, chat.ConversationId, "De lantaarnpaal bij de speeltuin is al weken kapot"))), abort.Token);
        await _service.ReceivedAsync(4);
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => posting);

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Idea? idea;
        while ((idea = await IdeaOfAsync(host, chat)) is null)
        {
            await Task.Delay(50, guard.Token);
        }

        Assert.Equal(AnalysisSource.Local, idea.Analysis.Source);
    }
}
