using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>Polls on the neighbourhood agenda, through /api/messages with a loopback connector. Each test uses its own neighbourhood's polls by closing the others.</summary>
public sealed class PollConversationTests : IAsyncLifetime
{
    private readonly BotHost _host = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _client = null!;

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

    private Task<Poll> OpenAsync(string question, bool allowComment = true, string neighbourhood = "pottenberg") =>
        _host.Get<PollService>().CreateAsync("Speeltuin Pottenberg", question, allowComment, [neighbourhood],
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(14), "programmamanager");

    private async Task<PollResponse?> AnswerOf(ResidentChat chat, Poll poll) =>
        await _host.Get<PollService>().AnswerOfAsync(poll.Id, (await _host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!.Id);

    [Fact]
    public async Task NewResident_IsOfferedTheOpenPollOnArrival_AnswersWithAFace_AndComments()
    {
        var poll = await OpenAsync("Wat vind je van het plan voor een nieuwe speeltuin?");
        var chat = new ResidentChat(_client, _connector);

        var arrival = await chat.ArriveAsync();

        // One message, one question: the welcome asks where the resident lives; the poll of that neighbourhood follows.
        var welcome = Assert.Single(arrival);
        Assert.Contains("In welke buurt woon je?", Said.Text(welcome), StringComparison.Ordinal);
        Assert.DoesNotContain("Wat wil je doen?", Said.Text(welcome), StringComparison.Ordinal);
        await chat.ClickAsync("Pottenberg");
        var card = Said.Card(chat.Last)!;
        Assert.Contains(poll.Question, Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal(["😞 Heel slecht", "🙁 Slecht", "😐 Gaat wel", "🙂 Goed", "😄 Heel goed"],
            card.SelectTokens("$..actions[*]").Take(5).Select(a => a.Value<string>("title")!).ToArray());

        await chat.ClickAsync("🙂 Goed");
        Assert.Contains("Wil je er nog iets over zeggen?", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.SayAsync("Graag ook een bankje voor de ouders");

        Assert.Contains("Je antwoord is opgeslagen", Said.Text(chat.Last), StringComparison.Ordinal);
        var answer = await AnswerOf(chat, poll);
        Assert.Equal((4, "Graag ook een bankje voor de ouders"), (answer!.Score, answer.Comment));
    }

    [Fact]
    public async Task Answer_CanBeChangedWhileOpen_AndKeepsTheComment()
    {
        var poll = await OpenAsync("Moet het trapveld een hek krijgen?");
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("😄 Heel goed");
        await chat.SayAsync("Ja, de bal rolt steeds de straat op");

        await chat.ClickAsync("Vragen over de buurt");
        Assert.Contains("Jouw antwoord: 😄 Heel goed.", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("🙁 Slecht");
        Assert.Contains("Je eerdere opmerking blijft staan", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("Geen opmerking");

        Assert.Contains("Je antwoord is veranderd", Said.Text(chat.Last), StringComparison.Ordinal);
        var answer = await AnswerOf(chat, poll);
        Assert.Equal((2, "Ja, de bal rolt steeds de straat op"), (answer!.Score, answer.Comment));
    }

    [Fact]
    public async Task ClosedPoll_SaysSo_AndStoresNothing()
    {
        var poll = await OpenAsync("Zullen we de bibliotheekbus laten komen?");
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");
        await _host.Get<PollService>().CloseAsync(poll.Id, "programmamanager");

        await chat.ClickAsync("🙂 Goed");

        Assert.Contains("Deze vraag is gesloten", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Null(await AnswerOf(chat, poll));
    }

    [Fact]
    public async Task PollWithoutComment_ThanksAtOnce_AndOffersTheNextOpenPoll()
    {
        var first = await OpenAsync("Is de buurt schoon genoeg?", allowComment: false);
        var second = await OpenAsync("Voel je je veilig op straat?", allowComment: false);
        var chat = new ResidentChat(_client, _connector, "telegram");
        var arrival = Assert.Single(await chat.ArriveAsync());
        Assert.Contains("In welke buurt woon je?", arrival.Text, StringComparison.Ordinal);
        await chat.SayAsync("Vragen over de buurt");
        await chat.SayAsync("1");
        Assert.Contains("1. Beantwoorden", chat.Last.Text, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "Terug naar het menu"], chat.Last.SuggestedActions.Actions.Select(a => a.Value.ToString()!).ToArray());

        await chat.SayAsync("1");
        await chat.SayAsync("3");

        Assert.Contains("Er is nog een vraag voor je buurt", chat.Last.Text, StringComparison.Ordinal);
        Assert.Equal(3, (await AnswerOf(chat, first))!.Score);
        await chat.SayAsync("5");
        Assert.Equal(5, (await AnswerOf(chat, second))!.Score);
        Assert.Contains("Wat wil je doen?", chat.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollOfAnotherNeighbourhood_CannotBeAnswered()
    {
        var nazarethOnly = await OpenAsync("Moet de Nazarethstraat autoluw worden?", allowComment: false, neighbourhood: "nazareth");
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");

        await chat.SendAsync(Activities.Message(_connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "PollAnswer", poll = nazarethOnly.Id, score = "1" }));

        Assert.Contains("Deze vraag kan ik niet vinden", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Null(await AnswerOf(chat, nazarethOnly));
    }

    [Fact]
    public async Task Comment_IsStoredWithoutPersonalData()
    {
        var poll = await OpenAsync("Wat vind je van de nieuwe bankjes?");
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("🙂 Goed");

        await chat.SayAsync("Mooi! Bel me gerust op 06-12345678 of mail naar jan@example.nl");

        var comment = (await AnswerOf(chat, poll))!.Comment!;
        Assert.DoesNotContain("12345678", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("jan@example.nl", comment, StringComparison.Ordinal);
        Assert.StartsWith("Mooi!", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturningResident_IsOfferedOnlyAPollTheyDidNotAnswer()
    {
        var poll = await OpenAsync("Wil je een buurtmoestuin?", allowComment: false);
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("😄 Heel goed");

        var again = new ResidentChat(_client, _connector, conversationId: chat.ConversationId);
        var arrival = await again.ArriveAsync();

        Assert.Single(arrival);
        Assert.NotNull(await AnswerOf(chat, poll));
    }
}
