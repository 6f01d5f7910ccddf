using System.Net;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// Finding 6: many turns of one conversation at the same moment, on one bot instance or on two that share the
/// database. No turn fails, no resident's step is lost, a redelivery is recognised, and the "too many
/// messages" notice is sent once.
/// </summary>
public sealed class ConversationConcurrencyTests(BotHost host, Xunit.Abstractions.ITestOutputHelper output) : ConnectorTest(host)
{
    private const string Notice = "Je stuurt veel berichten kort na elkaar";

    private static readonly string[] Subjects =
    [
        "de stoep", "het speelveld", "de bushalte", "de lantaarnpaal", "het bankje", "de vuilnisbak", "de fietsenstalling",
        "het hek", "de boom", "de brievenbus", "het plein", "de parkeerplaats", "de glasbak", "het buurthuis", "de trap",
        "het zebrapad", "de moestuin", "de speeltuin", "het voetbalveld", "de sporthal",
    ];

    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    private static async Task<HttpResponseMessage[]> PostAllAsync(IReadOnlyList<HttpClient> clients, IReadOnlyList<Activity> activities) =>
        await Task.WhenAll(activities.Select((a, i) => clients[i % clients.Count].PostAsync("api/messages", a)));

    // Two instances that know they share the database (Bot:Instances), so each turn takes the lease there.
    private static async Task<(BotHost First, BotHost Second, HttpClient[] Clients)> TwoInstancesAsync()
    {
        var first = new BotHost().With("Bot:Instances", "2");
        await first.InitializeAsync();
        var second = first.Restarted();
        await second.InitializeAsync();
        return (first, second, [first.CreateHttpClient(), second.CreateHttpClient()]);
    }

    private async Task HundredParallelPosts_GetOneNotice_AndExactlyTheLimitIsHandledAsync(IReadOnlyList<HttpClient> clients, IEnumerable<BotHost> hosts)
    {
        var conversation = NewConversation();
        var messages = Enumerable.Range(0, 100).Select(_ => Activities.Message(Connector.ServiceUrl, conversation, "help")).ToList();

        var responses = await PostAllAsync(clients, messages);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var replies = Connector.SentTo(conversation).Where(a => a.Type == ActivityTypes.Message).Select(Said.Text).ToList();
        Assert.Single(replies, r => r.Contains(Notice, StringComparison.Ordinal));
        Assert.Equal(30, replies.Count(r => r.Contains("Je kunt altijd deze woorden typen", StringComparison.Ordinal)));
        Assert.Empty(hosts.SelectMany(h => h.Log.Errors));

        // The per-conversation turn locks are gone once the turns are: nothing piles up in memory.
        Assert.All(hosts, h => Assert.Equal(0, h.Get<ConversationLocks>().Held));
    }

    private async Task TwentyParallelIdeas_AreAllHandled_AndRecognisedWhenRedeliveredAsync(IReadOnlyList<HttpClient> clients, IEnumerable<BotHost> hosts)
    {
        var conversation = NewConversation();
        var chat = new ResidentChat(clients[0], Connector, conversationId: conversation);
        await chat.SayAsync("help");
        var ideas = Subjects.Select(s => Activities.Message(Connector.ServiceUrl, conversation, $"Kan iemand {s} in onze straat repareren, het is al weken kapot")).ToList();

        var responses = await PostAllAsync(clients, ideas);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Empty(hosts.SelectMany(h => h.Log.Errors));
        var resident = await hosts.First().Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);
        Assert.Equal(20, (await hosts.First().Get<IdeaService>().MineAsync(resident!.Id, 100)).Count);
        var asked = Connector.SentTo(conversation).Count(a => Said.Text(a).Contains("In welke buurt woon je?", StringComparison.Ordinal));
        Assert.Equal(20, asked);

        // Every turn's step was saved: a channel that delivers all twenty again gets no second answer.
        var again = await PostAllAsync(clients, ideas);
        Assert.All(again, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(asked, Connector.SentTo(conversation).Count(a => Said.Text(a).Contains("In welke buurt woon je?", StringComparison.Ordinal)));

        // And the resident can answer the question the bot asked.
        await chat.ClickAsync("Nazareth");
        Assert.Contains("Dit heb ik begrepen", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Empty(hosts.SelectMany(h => h.Log.Errors));
    }

    /// <summary>How often the two instances met each other (Routing/TurnLeaseTests makes each case certain).</summary>
    private void ReportMeetings(params BotHost[] hosts) =>
        output.WriteLine($"admissions that waited for the other instance's lease: {hosts.Sum(h => h.Get<TurnAdmission>().LeaseWaits)}, " +
            $"admissions repeated after a conflict: {hosts.Sum(h => h.Get<TurnAdmission>().AdmissionRetries)}, " +
            $"end-of-turn saves merged: {hosts.Sum(h => h.Get<TurnAdmission>().MergedSaves)}");

    [Fact]
    public Task HundredParallelPosts_OneInstance_GetOneNotice() =>
        HundredParallelPosts_GetOneNotice_AndExactlyTheLimitIsHandledAsync([Client], [Host]);

    [Fact]
    public async Task HundredParallelPosts_TwoInstances_GetOneNotice()
    {
        var (first, second, clients) = await TwoInstancesAsync();
        await using (first)
        await using (second)
        {
            await HundredParallelPosts_GetOneNotice_AndExactlyTheLimitIsHandledAsync(clients, [first, second]);
            ReportMeetings(first, second);
        }
    }

    [Fact]
    public Task TwentyParallelIdeas_OneInstance_AreAllHandled() =>
        TwentyParallelIdeas_AreAllHandled_AndRecognisedWhenRedeliveredAsync([Client], [Host]);

    [Fact]
    public async Task TwentyParallelIdeas_TwoInstances_AreAllHandled()
    {
        var (first, second, clients) = await TwoInstancesAsync();
        await using (first)
        await using (second)
        {
            await TwentyParallelIdeas_AreAllHandled_AndRecognisedWhenRedeliveredAsync(clients, [first, second]);
            ReportMeetings(first, second);
        }
    }
}
