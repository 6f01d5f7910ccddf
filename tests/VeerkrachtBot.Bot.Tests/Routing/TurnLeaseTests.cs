using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Bot.State;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Routing;

/// <summary>
/// One conversation, several instances (review finding 3): a turn takes the conversation's lease in the database at
/// admission, so another instance waits instead of racing it; a conflict at admission repeats only the admission;
/// a conflict at the end (possible only after a lease ran out) never runs the turn again, and the reply says what
/// really happened.
/// </summary>
public sealed class TurnLeaseTests : IAsyncLifetime
{
    private readonly StagedAnalyzer _analyzer = new();
    private readonly ContestedStorage _storage = new();
    private readonly BotHost _host;
    private LoopbackConnector _connector = null!;
    private HttpClient _client = null!;

    public TurnLeaseTests() => _host = new BotHost().With("Bot:Instances", "2").WithServices(services =>
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

    private async Task<JObject> SavedStateAsync(ResidentChat chat) => (JObject)(await _host.Get<IStorage>().ReadAsync([StateKey(chat)]))[StateKey(chat)];

    /// <summary>A resident who allowed their own text to be kept, and opened "Mijn gegevens" again.</summary>
    private async Task<ResidentChat> ConsentGivenAsync()
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Mijn gegevens");
        await chat.ClickAsync("Mijn eigen tekst mag bewaard worden");
        await chat.ClickAsync("Mijn gegevens");
        return chat;
    }

    [Fact]
    public async Task AConflictAtAdmission_RepeatsOnlyTheAdmission_SoAWithdrawalIsReportedAsWithdrawn()
    {
        var chat = await ConsentGivenAsync();
        _storage.OtherInstanceSavesBefore(StateKey(chat));

        var replies = await chat.ClickAsync("Mijn eigen tekst niet meer bewaren");

        // Run twice, the withdrawal's second run would find nothing to withdraw and say so.
        var reply = Said.Text(Assert.Single(replies));
        Assert.Contains("Je toestemming is ingetrokken", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("geen toestemming voor gegeven", reply, StringComparison.Ordinal);
        Assert.Equal(1, _host.Get<TurnAdmission>().AdmissionRetries);
        Assert.Equal(0, _host.Get<TurnAdmission>().MergedSaves);
        var remembered = (await SavedStateAsync(chat)).SelectToken("Admission.RecentActivityIds")!.Values<string>().ToList();
        Assert.Contains(ContestedStorage.OtherInstanceMark, remembered);
        Assert.Empty(_host.Log.Errors);
    }

    [Fact]
    public async Task AConflictAtTheEndOfATurn_NeverRunsItAgain_ItsStateGoesOnTopOfTheNewerOne()
    {
        var chat = await ConsentGivenAsync();

        // The first write is the admission (with the lease); "another instance" writes just before the second, the end.
        _storage.OtherInstanceSavesBefore(StateKey(chat), write: 2);
        var withdrawal = await chat.ClickAsync("Mijn eigen tekst niet meer bewaren");

        Assert.Contains("Je toestemming is ingetrokken", Said.Text(Assert.Single(withdrawal)), StringComparison.Ordinal);
        Assert.Equal(1, _host.Get<TurnAdmission>().MergedSaves);
        var saved = await SavedStateAsync(chat);
        var remembered = saved.SelectToken("Admission.RecentActivityIds")!.Values<string>().ToList();
        Assert.Contains(ContestedStorage.OtherInstanceMark, remembered);
        Assert.Null(saved.SelectToken("Admission.LeaseOwner")?.Value<string>());

        // This turn's own state was saved: the menu under the reply answers.
        await chat.ClickAsync("Mijn gegevens");
        Assert.Contains("Mijn eigen tekst mag bewaard worden", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Empty(_host.Log.Errors);
    }

    [Fact]
    public async Task AConflictAtTheEndOfATurn_TheWritesItLeftToItsEnd_AreStillWritten()
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        var before = (await _host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!;

        // The idea's turn leaves "seen again" and "how to reach them" to its end, where another instance came first.
        _storage.OtherInstanceSavesBefore(StateKey(chat), write: 2);
        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");

        Assert.Equal(1, _host.Get<TurnAdmission>().MergedSaves);
        var after = (await _host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!;
        Assert.True(after.LastSeenAt > before.LastSeenAt, "the resident's last visit was not recorded");
        Assert.NotNull(await _host.Get<VeerkrachtBot.Bot.Proactive.ResidentConversations>().FindAsync(after.Id, default));
        Assert.Empty(_host.Log.Errors);
    }

    [Fact]
    public async Task ATurnOnAnotherInstance_WaitsForTheLease_AndRunsOnTheStepTheFirstTurnSaved()
    {
        await using var second = _host.Restarted();
        await second.InitializeAsync();
        using var secondClient = second.CreateHttpClient();
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        var analysing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _analyzer.DuringNext(() =>
        {
            analysing.TrySetResult();
            return gate.Task;
        });

        // The first instance holds the conversation while it analyses the idea ...
        var idea = _client.PostAsync("api/messages", Activities.Message(_connector.ServiceUrl, chat.ConversationId, "De lantaarnpaal bij de speeltuin is al weken kapot"));
        await analysing.Task;

        // ... when the resident's answer to the question it is about to ask reaches the second instance.
        var answer = secondClient.PostAsync("api/messages", Activities.Message(_connector.ServiceUrl, chat.ConversationId, "Pottenberg"));
        var admission = second.Get<TurnAdmission>();
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (admission.LeaseWaits == 0)
            {
                await Task.Delay(10, patience.Token);
            }
        }

        Assert.False(answer.IsCompleted, "the second instance ran its turn while the first held the conversation");
        gate.SetResult();
        (await idea).EnsureSuccessStatusCode();
        (await answer).EnsureSuccessStatusCode();

        var replies = chat.All.Where(a => a.Type == ActivityTypes.Message).Select(Said.Text).ToList();
        var question = replies.FindIndex(r => r.Contains("In welke buurt woon je?", StringComparison.Ordinal));
        Assert.True(question >= 0 && replies.FindIndex(r => r.Contains("Dit heb ik begrepen", StringComparison.Ordinal)) > question, string.Join(" | ", replies));
        Assert.All(new[] { _host, second }, h =>
        {
            Assert.Equal(0, h.Get<TurnAdmission>().AdmissionRetries);
            Assert.Equal(0, h.Get<TurnAdmission>().MergedSaves);
            Assert.Empty(h.Log.Errors);
        });
        var resident = await _host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);
        Assert.Single(await _host.Get<IdeaService>().MineAsync(resident!.Id));
    }

    [Fact]
    public async Task ALeaseLeftByAnInstanceThatStopped_RunsOut_AndTheNextTurnRuns()
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.SayAsync("help");
        var state = await SavedStateAsync(chat);
        state.SelectToken("Admission")!["LeaseOwner"] = "an-instance-that-stopped";
        state.SelectToken("Admission")!["LeaseUntil"] = DateTimeOffset.UtcNow.AddMilliseconds(300).ToUnixTimeMilliseconds();
        await _host.Get<IStorage>().WriteAsync(new Dictionary<string, object> { [StateKey(chat)] = state });

        await chat.SayAsync("menu");

        Assert.Contains("Wat wil je doen?", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.True(_host.Get<TurnAdmission>().LeaseWaits > 0);
        Assert.Null((await SavedStateAsync(chat)).SelectToken("Admission.LeaseOwner")?.Value<string>());
    }
}
