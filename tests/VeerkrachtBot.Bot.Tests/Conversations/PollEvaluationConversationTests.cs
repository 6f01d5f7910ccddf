using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Security;
using VeerkrachtBot.Core.Evaluations;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Reports;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>
/// "A closed poll can carry 'Wat vind je van wat er nu gebeurt?'" (issue 16): when a poll closes, the residents who
/// answered it get one message through the outbox, once each, with the outcome when enough residents answered and the
/// evaluation button; their answers count in the report. The minimum group size is 3 here, so three residents suffice.
/// </summary>
public sealed class PollEvaluationConversationTests : IAsyncLifetime
{
    private readonly BotHost _host = new BotHost().With("Reports:MinGroupSize", "3").With("Digests:MinGroupSize", "3");
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

    private Task<Poll> OpenAsync(string question, string neighbourhood) =>
        _host.Get<PollService>().CreateAsync("Speeltuin", question, false, [neighbourhood], DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(14), "programmamanager");

    private async Task<ResidentChat> AnswerAsync(string neighbourhood, string face)
    {
        var chat = new ResidentChat(_client, _connector);
        await chat.ArriveAsync();
        await chat.ClickAsync(neighbourhood);
        await chat.ClickAsync(face);
        return chat;
    }

    private async Task<string> ResidentIdAsync(ResidentChat chat) => (await _host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!.Id;

    private static bool IsClosedMessage(Microsoft.Bot.Schema.Activity a, Poll poll) => Said.Text(a).Contains($"De vraag ‘{poll.Question}’ is gesloten.", StringComparison.Ordinal);

    [Fact]
    public async Task WhenAPollCloses_ItsRespondentsGetTheOutcomeOnce_AndTheirEvaluationsCountInTheReport()
    {
        var poll = await OpenAsync("Wat vind je van het plan voor de speeltuin?", "pottenberg");
        var answered = new[] { await AnswerAsync("Pottenberg", "😐 Gaat wel"), await AnswerAsync("Pottenberg", "🙂 Goed"), await AnswerAsync("Pottenberg", "😄 Heel goed") };
        var didNotAnswer = new ResidentChat(_client, _connector);
        await didNotAnswer.ArriveAsync();
        await didNotAnswer.ClickAsync("Pottenberg");

        await _host.Get<PollService>().CloseAsync(poll.Id, "programmamanager");
        await _host.Get<EvaluationService>().InviteAfterPollsAsync();
        await _host.Get<EvaluationService>().InviteAfterPollsAsync();

        Assert.Equal(3, await Rows.CountAsync(_host, "notification_outbox", "dedupe_key LIKE @key", new { key = $"evaluation:poll:{poll.Id}:%" }));
        foreach (var chat in answered)
        {
            await Eventually.HoldsAsync(() => chat.All.Any(a => IsClosedMessage(a, poll)), "the closed poll's message");
            var message = Assert.Single(chat.All, a => IsClosedMessage(a, poll));
            Assert.Contains("3 bewoners gaven antwoord. Gemiddeld gaven ze een 4,0 (1 = heel slecht, 5 = heel goed).", Said.Text(message), StringComparison.Ordinal);
            Assert.Contains("Wat vind je van wat er nu gebeurt?", Said.Text(message), StringComparison.Ordinal);
            Assert.Equal(["Wat vind ik ervan?", "Terug naar het menu"], ResidentChat.Buttons(message).Select(b => b.Title).ToArray());
        }

        // One more round of the worker sends nothing new.
        await _host.Get<EvaluationService>().InviteAfterPollsAsync();
        await Task.Delay(1000);
        Assert.All(answered, chat => Assert.Single(chat.All, a => IsClosedMessage(a, poll)));
        Assert.DoesNotContain(didNotAnswer.All, a => IsClosedMessage(a, poll));

        foreach (var (chat, face) in answered.Zip(["🙁 Slecht", "🙂 Goed", "🙂 Goed"]))
        {
            await chat.ClickAsync("Wat vind ik ervan?");
            Assert.Contains("Wat vind je van wat er nu gebeurt?", Said.Text(chat.Last), StringComparison.Ordinal);
            await chat.ClickAsync(face);
            await chat.ClickAsync("Geen opmerking");
            Assert.Contains("Zo leren we wat goed gaat", Said.Text(chat.Last), StringComparison.Ordinal);
        }

        var scores = new List<int>();
        foreach (var chat in answered)
        {
            scores.Add((await _host.Get<EvaluationService>().OfAsync(await ResidentIdAsync(chat), EvaluationSubject.Poll, poll.Id))!.Score);
        }

        Assert.Equal([2, 4, 4], scores);
        var report = await _host.Get<ReportBuilder>().BuildAsync(new ReportRequest(["pottenberg"]));
        Assert.Equal(3, report.Participation[^1].Evaluations.Value);
    }

    [Fact]
    public async Task WithTooFewAnswers_TheMessageSaysWhyThereIsNoOutcome()
    {
        var poll = await OpenAsync("Zullen we een bankje bij de speeltuin zetten?", "nazareth");
        var chat = await AnswerAsync("Nazareth", "🙂 Goed");

        await _host.Get<PollService>().CloseAsync(poll.Id, "programmamanager");
        await _host.Get<EvaluationService>().InviteAfterPollsAsync();

        await Eventually.HoldsAsync(() => chat.All.Any(a => IsClosedMessage(a, poll)), "the closed poll's message");
        var message = chat.All.Single(a => IsClosedMessage(a, poll));
        Assert.Contains("Minder dan 3 bewoners gaven antwoord. Daarom laten we de uitslag niet zien: zo blijft iedereen onherkenbaar.", Said.Text(message), StringComparison.Ordinal);
        Assert.DoesNotContain("Gemiddeld", Said.Text(message), StringComparison.Ordinal);
    }
}
