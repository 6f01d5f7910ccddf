using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>Sharing an idea, through /api/messages with a loopback connector, as residents do it.</summary>
public sealed class IdeaConversationTests(BotHost host) : ConnectorTest(host)
{
    private ResidentChat Chat(string channelId = "webchat") => new(Client, Connector, channelId);

    private async Task<IReadOnlyList<Idea>> IdeasOf(ResidentChat chat)
    {
        var resident = await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId);
        return resident is null ? [] : await Host.Get<IdeaService>().MineAsync(resident.Id);
    }

    [Fact]
    public async Task ShareIdea_FromTheMenu_AsksNeighbourhoodOnce_ConfirmsThemes_AndStoresTheContact()
    {
        var chat = Chat();
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        Assert.Contains("Vertel het maar!", Said.Text(chat.Last), StringComparison.Ordinal);

        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot, bel me op 06-12345678");
        Assert.Contains("In welke buurt woon je?", Said.Text(chat.Last), StringComparison.Ordinal);
        var understood = Assert.Single(await chat.ClickAsync("Pottenberg"));

        var said = Said.Text(understood);
        Assert.Contains("Dit heb ik begrepen", said, StringComparison.Ordinal);
        Assert.Contains("Pottenberg", said, StringComparison.Ordinal);
        Assert.Contains("Openbare ruimte", said, StringComparison.Ordinal);
        Assert.DoesNotContain("06-12345678", said, StringComparison.Ordinal);

        await chat.ClickAsync("Ja, dat klopt");
        Assert.Contains("Mag iemand van de gemeente of een van de partners contact met je opnemen", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("Ja, dat mag");
        await chat.SayAsync("weet ik niet");
        Assert.Contains("lijkt geen e-mailadres of telefoonnummer", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.SayAsync("bewoner@example.nl");
        Assert.Contains("kan contact met je opnemen", Said.Text(chat.Last), StringComparison.Ordinal);

        var idea = Assert.Single(await IdeasOf(chat));
        Assert.Equal("pottenberg", idea.NeighbourhoodId);
        Assert.Contains(idea.Analysis.Themes, t => t.ThemeId == "public-space");
        Assert.All(idea.Analysis.Themes, t => Assert.True(t.Confirmed));
        Assert.True(idea.ContactAllowed);
        Assert.Equal("bewoner@example.nl", idea.ContactDetail);
        Assert.Null(idea.OriginalText);
        Assert.DoesNotContain("12345678", idea.Analysis.RedactedText, StringComparison.Ordinal);

        // The neighbourhood is remembered: the next idea is not asked for it.
        await chat.SayAsync("Er wordt veel te hard gereden in onze straat, vooral 's avonds");
        Assert.Contains("Dit heb ik begrepen", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FreeText_WithoutTheMenu_IsAnIdea_AndTheThemesCanBeCorrectedWithThePicker()
    {
        var chat = Chat();
        await chat.SayAsync("Kunnen we niet een keer een buurtfeest organiseren met muziek?");
        await chat.ClickAsync("Nazareth");
        await chat.ClickAsync("Onderwerp aanpassen");
        Assert.Equal("Input.ChoiceSet", Said.Card(chat.Last)!.SelectToken("$..[?(@.id == 'themes')].type")?.ToString());

        await chat.ClickAsync("Opslaan", new { themes = "culture,community,not-a-theme" });
        await chat.ClickAsync("Nee, liever niet");

        var idea = Assert.Single(await IdeasOf(chat));
        Assert.Equal(["community", "culture"], idea.Analysis.Themes.Select(t => t.ThemeId).Order().ToArray());
        Assert.All(idea.Analysis.Themes, t => Assert.True(t.Confirmed));
        Assert.False(idea.ContactAllowed);
        Assert.Contains("Je idee staat genoteerd", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PickerSavedWithNothingChosen_AsksForAtLeastOneTheme()
    {
        var chat = Chat();
        await chat.SayAsync("De bankjes in de buurt zijn vies");
        await chat.ClickAsync("Pottenberg");
        await chat.ClickAsync("Onderwerp aanpassen");

        await chat.ClickAsync("Opslaan", new { themes = "" });

        Assert.Contains("Kies minstens één onderwerp", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelWithoutCards_SharesAnIdeaByTypingNumbers()
    {
        var chat = Chat("telegram");
        await chat.SayAsync("De stoep bij de bushalte is kapot en mijn moeder viel bijna met haar rollator");
        var ask = chat.Last;
        Assert.Empty(ask.Attachments ?? []);
        Assert.Equal(TextFormatTypes.Plain, ask.TextFormat);
        Assert.Contains("1. Pottenberg", ask.Text, StringComparison.Ordinal);

        await chat.SayAsync("1");
        Assert.Contains("2. Onderwerp aanpassen", chat.Last.Text, StringComparison.Ordinal);
        await chat.SayAsync("2");
        Assert.Contains("Typ de nummers", chat.Last.Text, StringComparison.Ordinal);
        await chat.SayAsync("4, 3");
        await chat.SayAsync("Nee, liever niet");

        var idea = Assert.Single(await IdeasOf(chat));
        Assert.Equal(["health", "mobility"], idea.Analysis.Themes.Select(t => t.ThemeId).Order().ToArray());
        Assert.Contains("Je idee staat genoteerd", chat.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_LeavesTheFlow_ButAnAnswerThatMerelyContainsACommandWordIsAnAnswer()
    {
        var chat = Chat();
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        await chat.SayAsync("stop");
        Assert.Contains("we stoppen hiermee", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.SayAsync("hallo");
        Assert.Empty(await IdeasOf(chat));

        await chat.ClickAsync("Idee of zorg delen");
        await chat.SayAsync("hulp bij huiswerk");

        Assert.Contains("In welke buurt woon je?", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal("hulp bij huiswerk", Assert.Single(await IdeasOf(chat)).Analysis.RedactedText);
    }

    [Fact]
    public async Task English_InTheMiddleOfAFlow_SwitchesLanguageAndLeavesTheStep()
    {
        var chat = Chat();
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        await chat.SayAsync("English");

        Assert.Contains("From now on I will speak English", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("Share an idea or concern");
        Assert.Contains("Tell me!", Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateDelivery_OfTheSameActivity_StoresOneIdeaAndAnswersOnce()
    {
        var chat = Chat();
        await chat.SayAsync("Hallo");
        var message = Activities.Message(Connector.ServiceUrl, chat.ConversationId, "Graag meer bankjes in het park voor ouderen");

        var first = await chat.SendAsync(message);
        var second = await chat.SendAsync(message);

        Assert.Single(first);
        Assert.Empty(second);
        Assert.Single(await IdeasOf(chat));
    }

    [Fact]
    public async Task DuplicateDelivery_AtTheSameMoment_IsHandledOnce()
    {
        var chat = Chat();
        await chat.SayAsync("Hallo");
        var message = Activities.Message(Connector.ServiceUrl, chat.ConversationId, "Graag een zebrapad bij de school op de hoek");
        var before = chat.All.Count;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => chat.SendAsync(message)));

        Assert.Single(await IdeasOf(chat));
        Assert.Single(chat.All.Skip(before), a => a.Type == Microsoft.Bot.Schema.ActivityTypes.Message);
    }

    [Fact]
    public async Task GroupConversation_IsAskedToTalkOneToOne_AndNothingIsStored()
    {
        // Teams belongs to professionals now; a group chat on a residents' channel (Slack here) still gets this answer.
        var chat = Chat("slack");
        var message = Activities.Message(Connector.ServiceUrl, chat.ConversationId, "De lantaarnpaal bij ons is kapot", channelId: "slack");
        message.Conversation.IsGroup = true;

        await chat.SendAsync(message);

        Assert.Contains("Ik praat alleen één op één", chat.Last.Text, StringComparison.Ordinal);
        Assert.Null(await Host.Get<ResidentService>().FindAsync("slack", chat.UserId));
    }

    [Fact]
    public async Task HostileText_IsStoredAsText_AndShownOnlyAsLiteralTextRuns()
    {
        var chat = Chat();
        const string hostile = "Kijk [hier](javascript:alert(1)) <script>alert(1)</script> **nu** naar de speeltuin";
        await chat.SayAsync(hostile);
        var card = Said.Card(Assert.Single(await chat.ClickAsync("Pottenberg")))!;

        Assert.Empty(card.SelectTokens("$..[?(@.type == 'TextBlock')]"));
        Assert.Contains(card.SelectTokens("$..[?(@.type == 'TextRun')].text"), t => t.ToString().Contains("<script>alert(1)</script>", StringComparison.Ordinal));
        Assert.Contains("<script>", Assert.Single(await IdeasOf(chat)).Analysis.RedactedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ButtonWithSomeoneElsesIdea_ChangesNothing()
    {
        var owner = Chat();
        await owner.SayAsync("De afvalbakken in het park zitten altijd vol");
        await owner.ClickAsync("Pottenberg");
        var idea = Assert.Single(await IdeasOf(owner));

        var other = Chat();
        await other.SendAsync(Activities.Message(Connector.ServiceUrl, other.ConversationId, null!, value: new { action = "IdeaThemes", idea = idea.Id, themes = "sport" }));

        Assert.Contains("kan ik niet meer vinden", Said.Text(other.Last), StringComparison.Ordinal);
        Assert.DoesNotContain((await IdeasOf(owner))[0].Analysis.Themes, t => t.ThemeId == "sport");
    }

    [Fact]
    public async Task MyIdeas_ShowsTheStatusAndTheExplanationAProfessionalWrote()
    {
        var chat = Chat();
        await chat.SayAsync("Het gras op het trapveldje wordt nooit gemaaid");
        await chat.ClickAsync("Nazareth");
        var idea = Assert.Single(await IdeasOf(chat));
        await Host.Get<IdeaService>().ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, null, "wijkbeheerder");
        await Host.Get<IdeaService>().ChangeStatusAsync(idea.Id, IdeaStatus.Planned, "De gemeente maait het veld vanaf maart elke twee weken.", "wijkbeheerder");

        // Each change also reached the resident's conversation on its own (through the outbox), before they asked.
        await Eventually.HoldsAsync(() => chat.All.Count(a => a.Type == "message" && Said.Text(a).Contains("Er is nieuws over je idee", StringComparison.Ordinal)) == 2,
            "two notices about the idea");
        await chat.SayAsync("mijn ideeën");

        var said = Said.Text(chat.Last);
        Assert.Contains("gaat gebeuren", said, StringComparison.Ordinal);
        Assert.Contains("De gemeente maait het veld vanaf maart elke twee weken.", said, StringComparison.Ordinal);
        Assert.Contains("Het gras op het trapveldje", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartMidFlow_TheNextHostContinuesWhereTheConversationWas()
    {
        await using var first = Host.Restarted();
        await first.InitializeAsync();
        var chat = new ResidentChat(first.CreateHttpClient(), Connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Ergens anders");
        await chat.ClickAsync("Idee of zorg delen");
        await first.DisposeAsync();

        await using var second = Host.Restarted();
        await second.InitializeAsync();
        var resumed = new ResidentChat(second.CreateHttpClient(), Connector, conversationId: chat.ConversationId);
        await resumed.SayAsync("kapotte lantaarnpaal");

        // Two words are an idea only inside the idea step, which came back from the database; outside it they
        // would get "not understood".
        Assert.Contains("In welke buurt woon je?", Said.Text(resumed.Last), StringComparison.Ordinal);
        Assert.Equal("kapotte lantaarnpaal", Assert.Single(await IdeasOf(resumed)).Analysis.RedactedText);
    }
}
