using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// Finding 8: a button's data comes from the client, so its action is checked against the step the conversation
/// is in and against Core's rules, and the reply says what really happened.
/// </summary>
public sealed class FlowRuleTests(BotHost host) : ConnectorTest(host)
{
    private async Task<ResidentChat> ResidentAsync(string neighbourhood = "pottenberg")
    {
        var chat = new ResidentChat(Client, Connector);
        var resident = await Host.Get<ResidentService>().IdentifyAsync(chat.ChannelId, chat.UserId);
        await Host.Get<ResidentService>().ChooseNeighbourhoodAsync(resident.Id, neighbourhood);
        await chat.ArriveAsync();
        return chat;
    }

    private Task<Resident?> ResidentOf(ResidentChat chat) => Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);

    private Task Press(ResidentChat chat, object value) =>
        chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: value));

    private async Task<Meeting> PlanAsync(string neighbourhood, int capacity)
    {
        var start = AmsterdamTime.FromLocal(DateTime.Today.AddDays(9).AddHours(19));
        return await Host.Get<MeetingService>().PlanAsync(neighbourhood, "Buurtavond " + Guid.NewGuid().ToString("N")[..6], "Praten over de buurt.", "Buurthuis", start, start.AddHours(2), capacity, "Trajekt");
    }

    [Fact]
    public async Task EraseConfirmed_WithoutTheEraseStep_ErasesNothing_AndAsksFirst()
    {
        var chat = await ResidentAsync();

        await Press(chat, new { action = "EraseConfirmed" });

        Assert.NotNull(await ResidentOf(chat));
        Assert.Contains("Weet je het zeker?", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.DoesNotContain("is verwijderd", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOldConfirmationButton_ErasesNothing()
    {
        var chat = await ResidentAsync();
        await chat.ClickAsync("Mijn gegevens");
        await chat.ClickAsync("Alles verwijderen");
        await chat.ClickAsync("Nee, toch niet");

        await chat.ClickAsync("Ja, verwijder alles");

        Assert.NotNull(await ResidentOf(chat));
        Assert.Contains("Weet je het zeker?", Said.Text(chat.Last), StringComparison.Ordinal);

        // The confirmation asked now is the one that works.
        await chat.ClickAsync("Ja, verwijder alles");
        Assert.Null(await ResidentOf(chat));
    }

    [Theory]
    [InlineData("RsvpParty", "Yes")]
    [InlineData("Rsvp", "Maybe")]
    [InlineData("Rsvp", "No")]
    public async Task AnRsvpForAMeetingOfTheOtherNeighbourhood_IsRefused(string action, string response)
    {
        var meeting = await PlanAsync("nazareth", capacity: 30);
        var chat = await ResidentAsync("pottenberg");

        await Press(chat, new { action, meeting = meeting.Id, response, size = "1" });

        Assert.Null(await Host.Get<MeetingService>().RsvpOfAsync(meeting.Id, (await ResidentOf(chat))!.Id));
        Assert.Contains("in een andere buurt", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.DoesNotContain("Gelukt", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APartyLargerThanTheMeeting_IsRefused_NotPutOnTheWaitingList()
    {
        var meeting = await PlanAsync("pottenberg", capacity: 4);
        var chat = await ResidentAsync();

        await Press(chat, new { action = "RsvpParty", meeting = meeting.Id, size = "10" });

        Assert.Null(await Host.Get<MeetingService>().RsvpOfAsync(meeting.Id, (await ResidentOf(chat))!.Id));
        var said = Said.Text(chat.Last);
        Assert.Contains("plek voor 4 personen", said, StringComparison.Ordinal);
        Assert.DoesNotContain("wachtlijst", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommentOnAClosedPoll_SaysItIsClosed_NotThatTheAnswerChanged()
    {
        var poll = await Host.Get<PollService>().CreateAsync("Speeltuin", "Moet er een hek komen? " + Guid.NewGuid().ToString("N")[..6], true, ["pottenberg"],
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(3), "programmamanager");
        await Host.Get<PollService>().CloseAsync(poll.Id, "programmamanager");
        var chat = await ResidentAsync();

        await Press(chat, new { action = "PollNoComment", poll = poll.Id, changed = "yes" });

        var said = Said.Text(chat.Last);
        Assert.Contains("Deze vraag is gesloten", said, StringComparison.Ordinal);
        Assert.DoesNotContain("veranderd", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommentOnAnOpenPollNeverAnswered_DoesNotSayTheAnswerChanged()
    {
        var poll = await Host.Get<PollService>().CreateAsync("Speeltuin", "Meer bankjes? " + Guid.NewGuid().ToString("N")[..6], true, ["nazareth"],
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(3), "programmamanager");
        var chat = await ResidentAsync("nazareth");

        await Press(chat, new { action = "PollNoComment", poll = poll.Id, changed = "yes" });

        var said = Said.Text(chat.Last);
        Assert.DoesNotContain("veranderd", said, StringComparison.Ordinal);
        Assert.DoesNotContain("opgeslagen", said, StringComparison.Ordinal);
        Assert.Null(await Host.Get<PollService>().AnswerOfAsync(poll.Id, (await ResidentOf(chat))!.Id));
    }

    [Theory]
    [InlineData("Contact")]
    [InlineData("KeepOriginalText")]
    public async Task WithdrawingAConsentNeverGiven_SaysSo(string kind)
    {
        var chat = await ResidentAsync();

        await Press(chat, new { action = "ConsentWithdraw", kind });

        var said = Said.Text(chat.Last);
        Assert.DoesNotContain("ingetrokken", said, StringComparison.Ordinal);
        Assert.Contains("niets veranderd", said, StringComparison.Ordinal);
    }
}
