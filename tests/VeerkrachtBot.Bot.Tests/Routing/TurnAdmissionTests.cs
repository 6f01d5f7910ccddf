using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using VeerkrachtBot.Bot.Adapter;
using VeerkrachtBot.Bot.State;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Routing;

/// <summary>
/// What a turn goes through when things go wrong around it (review of issues 10 and 17, findings 1, 2, 6 and 7): the
/// channel stops waiting before or during the turn, a reply cannot be delivered after the save, the turn fails while
/// another turn of the conversation waits, erasure deletes the state while a turn runs, and conflicts that never end.
/// The resident never loses a step the bot had saved, and always hears something true.
/// </summary>
public sealed class TurnAdmissionTests : IAsyncLifetime
{
    private const string AskedForAddress = "e-mailadres";
    private const string AddressTaken = "kan contact met je opnemen";
    private const string AskedForNeighbourhood = "In welke buurt woon je?";
    private const string TryAgainShortly = "Probeer het over een minuutje nog een keer";

    private readonly StagedAnalyzer _analyzer = new();
    private readonly ContestedStorage _storage = new();
    private readonly BotHost _host;
    private LoopbackConnector _connector = null!;
    private HttpClient _client = null!;

    public TurnAdmissionTests() => _host = new BotHost().With("Bot:Instances", "2").WithServices(services =>
    {
        services.AddSingleton<ITextAnalyzer>(sp =>
        {
            _analyzer.Inner = sp.GetRequiredService<LocalTextAnalyzer>();
            return _analyzer;
        });
        services.AddSingleton<IStorage>(sp =>
        {
            _storage.Inner = new DatabaseStorage(sp.GetRequiredService<IStateStore>());
            return _storage;
        });
    });

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

    private static string StateKey(ResidentChat chat) => $"webchat/conversations/{chat.ConversationId}";

    private async Task<bool> StateExistsAsync(ResidentChat chat) => (await _host.Get<IStorage>().ReadAsync([StateKey(chat)])).ContainsKey(StateKey(chat));

    private async Task<IReadOnlyList<Idea>> IdeasOfAsync(ResidentChat chat)
    {
        var resident = await _host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);
        return await _host.Get<IdeaService>().MineAsync(resident!.Id);
    }

    /// <summary>A resident who shared an idea and said they may be contacted: the bot now waits for an address.</summary>
    private async Task<ResidentChat> WaitingForContactDetailAsync(LoopbackConnector? connector = null)
    {
        var chat = new ResidentChat(_client, connector ?? _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("Ja, dat klopt");
        await chat.ClickAsync("Ja, dat mag");
        Assert.Contains(AskedForAddress, Said.Text(chat.Last), StringComparison.Ordinal);
        return chat;
    }

    [Fact]
    public async Task TheChannelStopsWaitingBeforeTheTurnIsAdmitted_NothingRuns_NothingIsSaid_AndTheStepIsKept()
    {
        var chat = await WaitingForContactDetailAsync();
        var sent = chat.All.Count;

        // The channel gave up on this request (RequestAborted) before the turn got the conversation.
        var activity = Activities.Message(_connector.ServiceUrl, chat.ConversationId, "bewoner@example.nl");
        await _host.Get<VeerkrachtAdapter>().ProcessValidatedAsync("", activity, _host.Get<IBot>(), new CancellationToken(canceled: true));

        Assert.Equal(sent, chat.All.Count);
        Assert.True(await StateExistsAsync(chat));
        Assert.Empty(_host.Log.Errors);

        // The channel's retry (or the resident) sends the address again, and the conversation still waits for it.
        await chat.SayAsync("bewoner@example.nl");
        Assert.Contains(AddressTaken, Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChannelStopsWaitingDuringTheTurn_TheTurnRunsToItsEnd_SavesItsStep_AndAnswers()
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        using var request = new CancellationTokenSource();
        _analyzer.DuringNext(() => request.CancelAsync());

        // Teams gives up after 15 seconds, a browser tab closes: the request's token is cancelled while the idea is analysed.
        var activity = Activities.Message(_connector.ServiceUrl, chat.ConversationId, "De lantaarnpaal bij de speeltuin is al weken kapot");
        await _host.Get<VeerkrachtAdapter>().ProcessValidatedAsync("", activity, _host.Get<IBot>(), request.Token);

        Assert.True(request.IsCancellationRequested);
        Assert.Single(await IdeasOfAsync(chat));
        Assert.True(await StateExistsAsync(chat), "the conversation's state was deleted");
        Assert.Contains(AskedForNeighbourhood, Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Empty(_host.Log.Errors);

        // The step the bot asked for was saved: the resident's answer is understood.
        await chat.ClickAsync("Pottenberg");
        Assert.Contains("Dit heb ik begrepen", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplyThatCannotBeDeliveredAfterTheSave_KeepsTheSavedStep()
    {
        var first = await LoopbackConnector.StartAsync();
        var chat = new ResidentChat(_client, first);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("Ja, dat klopt");

        // The channel's connector answers 404 for a while (any 4xx or 5xx that outlasts the brief retry).
        await first.DisposeAsync();
        await chat.ClickAsync("Ja, dat mag");

        Assert.True(await StateExistsAsync(chat), "the saved step was deleted");
        Assert.Empty(_host.Log.Errors);
        Assert.Contains(_host.Log.Entries, e => e.Message.Contains("could not be delivered", StringComparison.Ordinal));

        // The resident sends the address the bot asked for, through a connector that works again.
        var second = await LoopbackConnector.StartAsync();
        var again = new ResidentChat(_client, second, conversationId: chat.ConversationId);
        await again.SayAsync("bewoner@example.nl");
        Assert.Contains(AddressTaken, Said.Text(again.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedTurn_IsAnswered_BeforeTheNextTurnOfTheConversationReadsItsState()
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        var key = StateKey(chat);
        _storage.Watch(key);
        var failing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readAfterFailure = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _analyzer.DuringNext(async () =>
        {
            failing.TrySetResult();
            await gate.Task;
            throw new InvalidOperationException("A broken flow (made by the test)");
        });
        _storage.AfterRead = () =>
        {
            if (gate.Task.IsCompleted)
            {
                readAfterFailure.TrySetResult();
            }
        };

        // Before it carries out the failed turn's delete, the storage gives the next turn every chance to read first.
        _storage.BeforeDelete = () => Task.WhenAny(readAfterFailure.Task, Task.Delay(TimeSpan.FromSeconds(2)));

        var broken = _client.PostAsync("api/messages", Activities.Message(_connector.ServiceUrl, chat.ConversationId, "De lantaarnpaal bij de speeltuin is al weken kapot"));
        await failing.Task;
        var entries = _storage.Log.Count;
        var next = _client.PostAsync("api/messages", Activities.Message(_connector.ServiceUrl, chat.ConversationId, "menu"));

        // The messaging endpoint looks whether the conversation is new (a read outside any turn) before the turn waits.
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (_storage.Log.Count == entries)
            {
                await Task.Delay(10, patience.Token);
            }
        }

        var beforeTheFailure = _storage.Log.Count;
        gate.SetResult();
        (await broken).EnsureSuccessStatusCode();
        (await next).EnsureSuccessStatusCode();

        // The failed turn cleared the state before the next turn even read it; the next turn then saved its own.
        var afterTheFailure = _storage.Log.Skip(beforeTheFailure).ToList();
        Assert.Equal("delete", afterTheFailure.FirstOrDefault());
        Assert.Contains("write", afterTheFailure.Skip(1));
        Assert.True(await StateExistsAsync(chat), "the next turn's state was deleted by the failed turn's error handler");
        var replies = chat.All.Where(a => a.Type == ActivityTypes.Message).Select(Said.Text).ToList();
        var apology = replies.FindIndex(r => r.Contains("er ging iets mis", StringComparison.Ordinal));
        Assert.True(apology >= 0 && replies.FindLastIndex(r => r.Contains("Wat wil je doen?", StringComparison.Ordinal)) > apology, string.Join(" | ", replies));
    }

    [Fact]
    public async Task AFailedTurn_StillRecordsThatTheResidentWasHere()
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        var before = (await _host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!;
        _analyzer.DuringNext(() => throw new InvalidOperationException("the analysis broke"));

        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");

        // "Seen again" was left to the end of the turn; the turn failed, and it is written all the same.
        var after = (await _host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!;
        Assert.True(after.LastSeenAt > before.LastSeenAt, "the resident's last visit was lost with the failed turn");
    }

    [Fact]
    public async Task StateDeletedWhileATurnRuns_ByErasureInAnotherConversation_IsNotCreatedAgain()
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        var key = StateKey(chat);
        _analyzer.DuringNext(() => _host.Get<IStorage>().DeleteAsync([key]));

        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");

        Assert.False(await StateExistsAsync(chat), "the turn brought back the state that erasure deleted");
        Assert.Contains(AskedForNeighbourhood, Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Empty(_host.Log.Errors);
    }

    [Fact]
    public async Task ConflictsThatOutlastTheRetries_AskTheResidentToTryAgain_AndRunNothing()
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        _storage.OtherInstanceAlwaysSavesFirst(StateKey(chat));

        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");

        Assert.Contains(TryAgainShortly, Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Empty(await IdeasOfAsync(chat));
        Assert.Empty(_host.Log.Errors);
    }
}
