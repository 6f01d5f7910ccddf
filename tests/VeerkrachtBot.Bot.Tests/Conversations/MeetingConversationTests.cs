using System.Net;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>Meetings and RSVPs, through /api/messages with a loopback connector.</summary>
public sealed class MeetingConversationTests(BotHost host) : ConnectorTest(host)
{
    private async Task<Meeting> PlanAsync(string title, int capacity = 30, string neighbourhood = "pottenberg", int inDays = 10)
    {
        var start = AmsterdamTime.FromLocal(DateTime.Today.AddDays(inDays).AddHours(19).AddMinutes(30));
        return await Host.Get<MeetingService>().PlanAsync(neighbourhood, title, "We praten over de buurt.", "Buurtcentrum", start, start.AddHours(2), capacity, "Trajekt");
    }

    private async Task<ResidentChat> ResidentOfAsync(string neighbourhood = "pottenberg", string channelId = "webchat")
    {
        var chat = new ResidentChat(Client, Connector, channelId);
        var resident = await Host.Get<ResidentService>().IdentifyAsync(channelId, chat.UserId);
        await Host.Get<ResidentService>().ChooseNeighbourhoodAsync(resident.Id, neighbourhood);
        await chat.ArriveAsync();
        return chat;
    }

    private async Task<Rsvp?> RsvpOf(ResidentChat chat, Meeting meeting) =>
        await Host.Get<MeetingService>().RsvpOfAsync(meeting.Id, (await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!.Id);

    [Fact]
    public async Task Rsvp_WithParty_ConfirmsInDutchFormat_AndTheCalendarFileDownloads()
    {
        var meeting = await PlanAsync("Buurtavond over groen " + Guid.NewGuid().ToString("N")[..6]);
        var chat = await ResidentOfAsync();

        await chat.ClickAsync("Bijeenkomsten");
        Assert.Contains(meeting.Title, Said.Text(chat.Last), StringComparison.Ordinal);
        var view = ResidentChat.Buttons(chat.Last).Select((b, i) => (b, i)).First(x => x.b.Title == $"Bekijk ‘{meeting.Title}’" && x.b.Data!.Value<string>("meeting") == meeting.Id);
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: view.b.Data));
        await chat.ClickAsync("Ik kom");
        Assert.Contains("Met hoeveel mensen kom je?", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("2");

        var confirmation = Said.Text(chat.Last);
        var local = AmsterdamTime.ToLocal(meeting.StartsAt);
        var dutchDate = local.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        Assert.Contains($"Gelukt! Je bent aangemeld voor ‘{meeting.Title}’ met 2 personen.", confirmation, StringComparison.Ordinal);
        Assert.Contains($"{dutchDate} van 19:30 tot 21:30 uur", confirmation, StringComparison.Ordinal);
        Assert.Contains("Buurtcentrum", confirmation, StringComparison.Ordinal);
        Assert.Equal((RsvpStatus.Confirmed, 2), ((await RsvpOf(chat, meeting))!.Status, (await RsvpOf(chat, meeting))!.PartySize));

        var (_, calendarUrl) = Assert.Single(ResidentChat.Links(chat.Last));
        using var download = await Client.GetAsync(calendarUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/calendar", download.Content.Headers.ContentType?.MediaType);
        var ics = await download.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VEVENT", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:" + meeting.Title, ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:" + meeting.StartsAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), ics, StringComparison.Ordinal);
        Assert.Contains("attachment", download.Content.Headers.ContentDisposition?.DispositionType, StringComparison.Ordinal);
    }

    /// <summary>A resident looking at a new meeting's details; far ahead, so the other tests' meetings still fill the first five of the list they read.</summary>
    private async Task<(Meeting Meeting, ResidentChat Chat)> AtAMeetingAsync()
    {
        var meeting = await PlanAsync("Buurtavond " + Guid.NewGuid().ToString("N")[..6], inDays: 90);
        var chat = await ResidentOfAsync();
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Meeting", meeting = meeting.Id }));
        return (meeting, chat);
    }

    /// <summary>
    /// Tried as a resident would: at a meeting's "Ik kom / Misschien / Ik kom niet", "ik kom met 2 mensen" was stored as
    /// an idea for the professionals and signed nobody up. Typed answers there now work as the buttons do.
    /// </summary>
    [Theory]
    [InlineData("ik kom met 2 mensen", RsvpResponse.Yes, RsvpStatus.Confirmed, 2)]
    [InlineData("we komen met z'n drieën", RsvpResponse.Yes, RsvpStatus.Confirmed, 3)]
    [InlineData("misschien", RsvpResponse.Maybe, RsvpStatus.Maybe, 1)]
    [InlineData("ik kan niet", RsvpResponse.No, RsvpStatus.Declined, 1)]
    public async Task TypedAtAMeeting_TheAnswerCountsAsTheButton_AndIsNoIdea(string typed, RsvpResponse response, RsvpStatus status, int party)
    {
        var (meeting, chat) = await AtAMeetingAsync();

        await chat.SayAsync(typed);

        var rsvp = await RsvpOf(chat, meeting);
        Assert.NotNull(rsvp);
        Assert.Equal((response, status, party), (rsvp.Response, rsvp.Status, rsvp.PartySize));
        var resident = await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);
        Assert.Empty(await Host.Get<Core.Ideas.IdeaService>().MineAsync(resident!.Id));
    }

    [Fact]
    public async Task TypedAtAMeeting_IkKom_AsksHowMany_AConcernIsAnIdea_AndNonsenseShowsTheMeetingAgain()
    {
        var (meeting, chat) = await AtAMeetingAsync();

        await chat.SayAsync("hmm");
        Assert.Contains("Kies hieronder of je komt.", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Contains("Ik kom", ResidentChat.Buttons(chat.Last).Select(b => b.Title));

        await chat.SayAsync("ik kom");
        Assert.Contains("Met hoeveel mensen kom je?", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.SayAsync("alleen ik");
        Assert.Equal((RsvpStatus.Confirmed, 1), ((await RsvpOf(chat, meeting))!.Status, (await RsvpOf(chat, meeting))!.PartySize));

        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Meeting", meeting = meeting.Id }));
        await chat.SayAsync("de stoep bij het buurtcentrum is al maanden kapot");
        Assert.Contains("Klopt dat?", Said.Text(chat.Last), StringComparison.Ordinal);
        var resident = await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);
        Assert.Single(await Host.Get<Core.Ideas.IdeaService>().MineAsync(resident!.Id));
    }

    [Fact]
    public async Task FullMeeting_OffersTheWaitingList_AndCancellingPromotesTheFirstWaiting()
    {
        var meeting = await PlanAsync("Kleine wandeling " + Guid.NewGuid().ToString("N")[..6], capacity: 1);
        var first = await ResidentOfAsync();
        await first.SendAsync(Activities.Message(Connector.ServiceUrl, first.ConversationId, null!, value: new { action = "Meeting", meeting = meeting.Id }));
        await first.ClickAsync("Ik kom");
        await first.ClickAsync("1");

        var second = await ResidentOfAsync();
        await second.SendAsync(Activities.Message(Connector.ServiceUrl, second.ConversationId, null!, value: new { action = "Meeting", meeting = meeting.Id }));
        Assert.Contains("Deze bijeenkomst is vol. Wil je op de wachtlijst?", Said.Text(second.Last), StringComparison.Ordinal);
        await second.ClickAsync("Zet me op de wachtlijst");
        await second.ClickAsync("1");
        Assert.Contains("Je staat op de wachtlijst: plek 1", Said.Text(second.Last), StringComparison.Ordinal);

        await first.ClickAsync("Andere bijeenkomsten");
        await first.SendAsync(Activities.Message(Connector.ServiceUrl, first.ConversationId, null!, value: new { action = "Meeting", meeting = meeting.Id }));
        await first.ClickAsync("Afmelden");
        Assert.Contains("Weet je het zeker?", Said.Text(first.Last), StringComparison.Ordinal);
        await first.ClickAsync("Ja, meld me af");

        Assert.Contains("Je bent afgemeld", Said.Text(first.Last), StringComparison.Ordinal);
        Assert.Equal(RsvpStatus.Declined, (await RsvpOf(first, meeting))!.Status);
        Assert.Equal(RsvpStatus.Confirmed, (await RsvpOf(second, meeting))!.Status);
        // The notice goes through the outbox, written in the cancellation's transaction; the worker sends it.
        await Eventually.HoldsAsync(() => second.All.Any(a => Said.Text(a).Contains($"Goed nieuws! Er is een plek vrijgekomen bij ‘{meeting.Title}’", StringComparison.Ordinal)),
            "the promotion notice in the waiting resident's conversation");
    }

    [Fact]
    public async Task PromotedResident_WhoErasedTheirData_IsNotReached()
    {
        var meeting = await PlanAsync("Kookworkshop " + Guid.NewGuid().ToString("N")[..6], capacity: 1);
        var first = await ResidentOfAsync();
        await first.SendAsync(Activities.Message(Connector.ServiceUrl, first.ConversationId, null!, value: new { action = "RsvpParty", meeting = meeting.Id, size = "1" }));
        var second = await ResidentOfAsync();
        await second.SendAsync(Activities.Message(Connector.ServiceUrl, second.ConversationId, null!, value: new { action = "RsvpParty", meeting = meeting.Id, size = "1" }));
        await second.ClickAsync("Mijn gegevens");
        await second.ClickAsync("Alles verwijderen");
        await second.ClickAsync("Ja, verwijder alles");
        var before = second.All.Count;

        await first.SendAsync(Activities.Message(Connector.ServiceUrl, first.ConversationId, null!, value: new { action = "Rsvp", meeting = meeting.Id, response = "No", confirm = "yes" }));

        Assert.Equal(before, second.All.Count);
        Assert.Contains("Je bent afgemeld", Said.Text(first.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartySize_CanBeTyped_AndNonsenseGetsAClearAnswer()
    {
        var meeting = await PlanAsync("Buurtontbijt " + Guid.NewGuid().ToString("N")[..6]);
        var chat = await ResidentOfAsync(channelId: "sms");
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, channelId: "sms", value: new { action = "Rsvp", meeting = meeting.Id, response = "Yes" }));

        await chat.SayAsync("twintig");
        Assert.Contains("Typ een aantal van 1 tot 10", chat.Last.Text, StringComparison.Ordinal);
        await chat.SayAsync("11");
        Assert.Contains("Typ een aantal van 1 tot 10", chat.Last.Text, StringComparison.Ordinal);
        Assert.Contains("• 5", chat.Last.Text, StringComparison.Ordinal);
        await chat.SayAsync("6");

        Assert.Contains("met 6 personen", chat.Last.Text, StringComparison.Ordinal);
        Assert.Contains("calendar.ics", chat.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maybe_IsNoted_WithoutAPlace()
    {
        var meeting = await PlanAsync("Wijkschouw " + Guid.NewGuid().ToString("N")[..6]);
        var chat = await ResidentOfAsync();
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Meeting", meeting = meeting.Id }));

        await chat.ClickAsync("Misschien");

        Assert.Contains("Je zei ‘misschien’", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal(RsvpStatus.Maybe, (await RsvpOf(chat, meeting))!.Status);
    }

    [Fact]
    public async Task MeetingThatStarted_CannotBeAnsweredAnyMore()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var meeting = await Host.Get<MeetingService>().PlanAsync("pottenberg", "Loopt al", "", "Buurtcentrum", start, start.AddHours(2), 10, "Trajekt");
        var chat = await ResidentOfAsync();

        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Rsvp", meeting = meeting.Id, response = "Maybe" }));

        Assert.Contains("al begonnen of voorbij", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Null(await RsvpOf(chat, meeting));
    }

    [Fact]
    public async Task UnknownMeeting_GetsAClearAnswer_AndTheCalendarSays404()
    {
        var chat = await ResidentOfAsync();
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Meeting", meeting = "nope" }));

        Assert.Contains("kan ik niet vinden", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("api/meetings/nope/calendar.ics")).StatusCode);
    }

    [Fact]
    public async Task NewResident_IsAskedTheirNeighbourhood_ThenSeesItsMeetings()
    {
        var meeting = await PlanAsync("Nazareth praat mee " + Guid.NewGuid().ToString("N")[..6], neighbourhood: "nazareth");
        var chat = new ResidentChat(Client, Connector);
        await chat.ArriveAsync();

        // The arrival asks one question (the neighbourhood); a typed command still goes where it says.
        await chat.SayAsync("bijeenkomsten");
        await chat.ClickAsync("Nazareth");

        Assert.Contains(meeting.Title, Said.Text(chat.Last), StringComparison.Ordinal);
    }
}
