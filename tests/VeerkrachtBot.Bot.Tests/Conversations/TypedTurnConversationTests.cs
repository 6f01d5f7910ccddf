using System.Net.Http.Json;
using System.Text.Json;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>Issue 12's observed problems, each with the exact phrase a resident typed, through /api/messages.</summary>
public sealed class TypedTurnConversationTests(BotHost host) : ConnectorTest(host)
{
    private ResidentChat Chat() => new(Client, Connector);

    private async Task<IReadOnlyList<Idea>> IdeasOf(ResidentChat chat) =>
        await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId) is { } resident ? await Host.Get<IdeaService>().MineAsync(resident.Id) : [];

    private async Task<ResidentChat> WithAnIdeaAsync(string text = "De lantaarnpaal bij de speeltuin is al weken kapot")
    {
        var chat = Chat();
        await chat.SayAsync(text);
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("Ja, dat klopt");
        return chat;
    }

    [Fact]
    public async Task IkWoonInNazareth_AsTheFirstMessage_IsRemembered_NotStoredAsAnIdea()
    {
        var chat = Chat();
        await chat.ArriveAsync();

        await chat.SayAsync("ik woon in Nazareth");

        Assert.Contains("ik onthoud dat je in Nazareth woont", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.DoesNotContain("Over welk onderwerp", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Empty(await IdeasOf(chat));
        Assert.Equal("nazareth", (await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!.NeighbourhoodId);
    }

    /// <summary>
    /// Tried as a resident would: at the welcome's "In welke buurt woon je?" a concern that names the neighbourhood was
    /// taken as the answer alone ("Fijn, ik onthoud dat je in Pottenberg woont.") and the concern was lost.
    /// </summary>
    [Fact]
    public async Task AConcernThatNamesTheNeighbourhood_AtTheWelcomeQuestion_IsAnIdea_InThatNeighbourhood()
    {
        var chat = Chat();
        await chat.ArriveAsync();
        Assert.Contains("In welke buurt woon je?", Said.Text(chat.Last), StringComparison.Ordinal);

        await chat.SayAsync("Er zijn te weinig bankjes in het park in Pottenberg");

        Assert.Contains("Klopt dat?", Said.Text(chat.Last), StringComparison.Ordinal);
        var idea = Assert.Single(await IdeasOf(chat));
        Assert.Equal("pottenberg", idea.NeighbourhoodId);
        Assert.Contains("Pottenberg", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bel me maar")]
    [InlineData("ja")]
    public async Task AtTheContactQuestion_YesAsPeopleSayIt_AsksHowToReach_AndIsNoIdea(string typed)
    {
        var chat = await WithAnIdeaAsync();

        await chat.SayAsync(typed);

        Assert.Contains("Hoe kunnen we je bereiken?", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Single(await IdeasOf(chat));
        await chat.SayAsync("mijn nummer is 06-87654321");
        Assert.Equal("06-87654321", Assert.Single(await IdeasOf(chat)).ContactDetail);
    }

    [Fact]
    public async Task WatIsDit_GetsAnAnswer_NotAStoredIdea()
    {
        var chat = Chat();
        await chat.SayAsync("wat is dit?");

        Assert.Contains("Ik ben VeerkrachtBot", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.SayAsync("wie leest dit?");
        Assert.Contains("de wijkagent lezen wat je deelt", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Empty(await IdeasOf(chat));
    }

    [Fact]
    public async Task Hondenpoep_AtTheMenu_IsAMessage()
    {
        var chat = Chat();
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");

        await chat.SayAsync("hondenpoep!");

        Assert.Equal("hondenpoep!", Assert.Single(await IdeasOf(chat)).Analysis.RedactedText);
    }

    [Fact]
    public async Task ThePicker_IsNoTrap_TypedTextIsAskedAbout_ACommandLeaves_TerugGoesBack_AndSavingConfirms()
    {
        var chat = Chat();
        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("Onderwerp aanpassen");

        await chat.SayAsync("hallo");
        Assert.DoesNotContain("Kies minstens één onderwerp", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Contains("Met ‘Terug’ ga je terug", Said.Text(chat.Last), StringComparison.Ordinal);

        await chat.ClickAsync("Terug");
        Assert.Contains("Dit heb ik begrepen", Said.Text(chat.Last), StringComparison.Ordinal);

        await chat.ClickAsync("Onderwerp aanpassen");
        await chat.ClickAsync("Opslaan", new { themes = "public-space,safety" });
        Assert.Contains("Opgeslagen. Het onderwerp is nu: Openbare ruimte, Veiligheid & overlast.", Said.Text(chat.Last), StringComparison.Ordinal);

        await chat.ClickAsync("Ja, dat mag");
        await chat.SayAsync("stop");
        await chat.ClickAsync("Onderwerp aanpassen");
        await chat.SayAsync("bijeenkomsten");
        Assert.Contains("bijeenkomsten", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Contains("in Pottenberg", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Single(await IdeasOf(chat));
    }

    [Fact]
    public async Task InNazareth_InTheMessage_SetsTheNeighbourhoodWithoutAsking()
    {
        var chat = Chat();
        await chat.SayAsync("er ligt veel zwerfafval op het plein in Nazareth");

        Assert.Contains("Dit heb ik begrepen", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.DoesNotContain("In welke buurt woon je?", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal("nazareth", Assert.Single(await IdeasOf(chat)).NeighbourhoodId);
    }

    [Fact]
    public async Task AnEnglishMessage_FromADutchResident_IsAnsweredInEnglish_WithAnOfferToKeepIt()
    {
        var chat = Chat();
        await chat.SayAsync("The streetlight near the playground in Nazareth has been broken for weeks");

        var said = Said.Text(chat.Last);
        Assert.Contains("This is what I understood", said, StringComparison.Ordinal);
        Assert.Contains("Keep speaking English", said, StringComparison.Ordinal);
        await chat.ClickAsync("Keep speaking English");
        Assert.Equal(ResidentLanguage.English, (await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!.Language);
    }

    [Fact]
    public async Task AnUrgentMessage_GetsTheNumberFirst_AndIsStoredOnlyWhenTheResidentWants()
    {
        var chat = Chat();
        var replies = await chat.SayAsync("Er is brand in de flat naast ons!!");

        Assert.Contains("112", replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("Wil je dit ook delen", Said.Text(replies[^1]), StringComparison.Ordinal);
        Assert.Empty(await IdeasOf(chat));

        await chat.SayAsync("nee");
        Assert.Contains("ik heb het niet bewaard", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Empty(await IdeasOf(chat));

        var selfHarm = await chat.SayAsync("ik wil niet meer leven");
        Assert.Contains("113", selfHarm[0].Text, StringComparison.Ordinal);
        await chat.ClickAsync("Ja, deel het");
        var idea = Assert.Single(await IdeasOf(chat));
        Assert.Equal(Core.Language.UrgentKind.SelfHarm, idea.Analysis.Urgent?.Kind);
    }

    [Theory]
    [InlineData("mijn man slaat mij en de kinderen", "Veilig Thuis, 0800-2000")]
    [InlineData("Er is brand in de flat naast ons!!", "0900-8844")]
    [InlineData("ik wil niet meer leven", "113 Zelfmoordpreventie")]
    public async Task AnUrgentMessage_GetsTheRightNumber_AsItsOwnFirstReply(string typed, string number)
    {
        var replies = await Chat().SayAsync(typed);

        Assert.True(replies.Count >= 2, "The number comes first, on its own; the question whether to share it follows.");
        Assert.Contains(number, replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arrival_IsOneMessage_WithOneQuestion()
    {
        var arrival = Assert.Single(await Chat().ArriveAsync());

        var said = Said.Text(arrival);
        Assert.Contains("In welke buurt woon je?", said, StringComparison.Ordinal);
        Assert.Equal(1, said.Count(c => c == '?'));
    }

    [Fact]
    public async Task ThePrivacyStatement_SaysWhatIsKept_HowLong_WhoReadsIt_AndWhomToAsk()
    {
        var chat = Chat();
        await chat.SayAsync("ik woon in Pottenberg");
        await chat.SayAsync("mijn gegevens");
        await chat.ClickAsync("Privacy");

        var said = Said.Text(chat.Last);
        Assert.Contains("e-mailadres of telefoonnummer", said, StringComparison.Ordinal);
        Assert.Contains("bewaren we 3 maanden", said, StringComparison.Ordinal);
        Assert.Contains("Wie leest het?", said, StringComparison.Ordinal);
        Assert.Contains("functionaris gegevensbescherming van de gemeente Maastricht", said, StringComparison.Ordinal);
        Assert.Contains("Autoriteit Persoonsgegevens", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meetings_APartyThatDoesNotFitIsAsked_WaitingShowsThePosition_TweeIsUnderstood_AndCancellingAsksOnce()
    {
        var start = AmsterdamTime.FromLocal(DateTime.Today.AddDays(9).AddHours(10));
        var meeting = await Host.Get<MeetingService>().PlanAsync("pottenberg", "Wandeling " + Guid.NewGuid().ToString("N")[..6], "", "Terra Cottaplein", start, start.AddHours(1), 3, "Trajekt, 043-1234567");
        var first = Chat();
        var resident = await Host.Get<ResidentService>().IdentifyAsync(first.ChannelId, first.UserId);
        await Host.Get<ResidentService>().ChooseNeighbourhoodAsync(resident.Id, "pottenberg");
        await first.SendAsync(Activities.Message(Connector.ServiceUrl, first.ConversationId, null!, value: new { action = "Rsvp", meeting = meeting.Id, response = "Yes" }));
        await first.SayAsync("met z'n tweeën");
        Assert.Contains("met 2 personen", Said.Text(first.Last), StringComparison.Ordinal);

        var second = Chat();
        var other = await Host.Get<ResidentService>().IdentifyAsync(second.ChannelId, second.UserId);
        await Host.Get<ResidentService>().ChooseNeighbourhoodAsync(other.Id, "pottenberg");
        await second.SendAsync(Activities.Message(Connector.ServiceUrl, second.ConversationId, null!, value: new { action = "Rsvp", meeting = meeting.Id, response = "Yes" }));
        await second.SayAsync("veel");
        Assert.Contains("neem dan contact op met Trajekt, 043-1234567", Said.Text(second.Last), StringComparison.OrdinalIgnoreCase);
        await second.SayAsync("twee");
        Assert.Contains("Er is nog plek voor 1 persoon. Met 2 personen past het niet.", Said.Text(second.Last), StringComparison.Ordinal);
        Assert.Null(await Host.Get<MeetingService>().RsvpOfAsync(meeting.Id, other.Id));
        await second.ClickAsync("Wachtlijst voor 2 personen");
        Assert.Equal(RsvpStatus.Waiting, (await Host.Get<MeetingService>().RsvpOfAsync(meeting.Id, other.Id))!.Status);

        await second.SendAsync(Activities.Message(Connector.ServiceUrl, second.ConversationId, null!, value: new { action = "Meeting", meeting = meeting.Id }));
        var card = Said.Text(second.Last);
        Assert.Contains("je staat op de wachtlijst: plek 1", card, StringComparison.Ordinal);
        Assert.DoesNotContain("vrij", card, StringComparison.Ordinal);

        await first.SendAsync(Activities.Message(Connector.ServiceUrl, first.ConversationId, null!, value: new { action = "Meeting", meeting = meeting.Id }));
        await first.ClickAsync("Afmelden");
        Assert.Contains("Weet je het zeker?", Said.Text(first.Last), StringComparison.Ordinal);
        Assert.Equal(RsvpStatus.Confirmed, (await Host.Get<MeetingService>().RsvpOfAsync(meeting.Id, resident.Id))!.Status);
        await first.SayAsync("nee");
        Assert.Equal(RsvpStatus.Confirmed, (await Host.Get<MeetingService>().RsvpOfAsync(meeting.Id, resident.Id))!.Status);
    }

    [Fact]
    public async Task TheMeetingList_NamesEachMeetingOnItsButton_AndATypedNamePicksIt()
    {
        var start = AmsterdamTime.FromLocal(DateTime.Today.AddDays(12).AddHours(19));
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await Host.Get<MeetingService>().PlanAsync("nazareth", "Koffieochtend " + suffix, "", "Buurthuis", start, start.AddHours(1), 20, "Trajekt");
        await Host.Get<MeetingService>().PlanAsync("nazareth", "Buurtavond " + suffix, "", "Buurthuis", start.AddDays(1), start.AddDays(1).AddHours(2), 20, "Trajekt");
        var chat = Chat();
        await chat.SayAsync("ik woon in nazareth");
        await chat.SayAsync("bijeenkomsten");

        var titles = ResidentChat.Buttons(chat.Last).Select(b => b.Title).ToList();
        Assert.Contains($"Bekijk ‘Koffieochtend {suffix}’", titles);
        Assert.Contains($"Bekijk ‘Buurtavond {suffix}’", titles);
        await chat.SayAsync("de koffieochtend");
        Assert.Contains("Koffieochtend " + suffix, Said.Text(chat.Last).Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyData_IsAlsoAReadablePage_InTheResidentsLanguage()
    {
        var chat = await WithAnIdeaAsync("Graag meer bankjes in het park voor ouderen");
        await chat.ClickAsync("Nee, liever niet");
        await chat.ClickAsync("Mijn gegevens");

        var (_, url) = ResidentChat.Links(chat.Last).Single(l => l.Title == "Bekijk mijn gegevens");
        using var page = await Client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains("Mijn gegevens bij VeerkrachtBot", html, StringComparison.Ordinal);
        Assert.Contains("Graag meer bankjes in het park voor ouderen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenEndpoint_ResumesTheUsersOwnConversation_AndNobodyElses()
    {
        using var first = await Client.PostAsJsonAsync("api/webchat/token", new { locale = "nl-NL" });
        var session = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var conversationId = session.GetProperty("conversationId").GetString();

        using var again = await Client.PostAsJsonAsync("api/webchat/token", new { userToken = session.GetProperty("userToken").GetString(), conversationId, locale = "nl-NL" });
        Assert.Equal(conversationId, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("conversationId").GetString());

        using var stranger = await Client.PostAsJsonAsync("api/webchat/token", new { conversationId, locale = "nl-NL" });
        Assert.NotEqual(conversationId, JsonDocument.Parse(await stranger.Content.ReadAsStringAsync()).RootElement.GetProperty("conversationId").GetString());
    }
}
