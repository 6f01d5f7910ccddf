using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Security;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>
/// The neighbourhood pulse through /api/messages with a loopback connector: when it is offered (beside the menu at a
/// natural pause, once a period, never after a no in the next period, never mid-flow), answered one statement at a
/// time, stopped, repeated, and the voluntary background after it.
/// </summary>
public sealed class PulseConversationTests(BotHost host) : ConnectorTest(host)
{
    private const string Offer = "Heb je 2 minuten voor de buurtpeiling?";

    private async Task<string> ResidentIdAsync(ResidentChat chat) => (await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!.Id;

    private async Task<ResidentChat> ArrivedInPottenbergAsync()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.ArriveAsync();
        await chat.ClickAsync("Pottenberg");
        return chat;
    }

    private async Task<IReadOnlyList<PulseAnswer>> AnswersAsync(ResidentChat chat) =>
        await Host.Get<PulseService>().AnswersAsync(await ResidentIdAsync(chat));

    [Fact]
    public async Task Offer_ComesBesideTheMenuAtAPause_NotRightAfterArriving_AndOnlyOncePerPeriod()
    {
        var chat = await ArrivedInPottenbergAsync();
        Assert.DoesNotContain(Offer, Said.Text(chat.Last), StringComparison.Ordinal);

        await chat.SayAsync("menu");
        var offered = chat.Last;
        await chat.SayAsync("menu");

        Assert.Contains(Offer, Said.Text(offered), StringComparison.Ordinal);
        var buttons = ResidentChat.Buttons(offered).Select(b => b.Title).ToList();
        // The menu's buttons keep their places (and numbers on text channels); the offer's come after them.
        Assert.Equal(["Idee of zorg delen", "Mijn ideeën", "Bijeenkomsten", "Vragen over de buurt", "Mijn gegevens", "English", "Ja, ik doe mee", "Nee, nu niet"], buttons);
        Assert.DoesNotContain(Offer, Said.Text(chat.Last), StringComparison.Ordinal);
        // Left alone, the offer writes nothing (it is in the conversation's state): a turn that shows it costs no extra commit.
        Assert.Null(await Host.Get<IPulseStore>().GetOfferAsync(await ResidentIdAsync(chat), (await Host.Get<PulseService>().CurrentPeriodAsync()).Key));
    }

    [Fact]
    public async Task Offer_IsNeverMadeMidFlow_NorAfterASlip()
    {
        var chat = await ArrivedInPottenbergAsync();

        await chat.ClickAsync("Idee of zorg delen");
        var askingForTheIdea = chat.Last;
        await chat.SayAsync("stop");
        var afterStop = chat.Last;
        await chat.SayAsync("help");
        var afterHelp = chat.Last;

        Assert.All(chat.All.Select(Said.Text), said => Assert.DoesNotContain(Offer, said, StringComparison.Ordinal));
        Assert.DoesNotContain("Wat wil je doen?", Said.Text(askingForTheIdea), StringComparison.Ordinal);
        Assert.Contains("Wat wil je doen?", Said.Text(afterStop), StringComparison.Ordinal);
        Assert.Contains("Wat wil je doen?", Said.Text(afterHelp), StringComparison.Ordinal);
        Assert.Null(await Host.Get<IPulseStore>().GetOfferAsync(await ResidentIdAsync(chat), (await Host.Get<PulseService>().CurrentPeriodAsync()).Key));

        // Back at the menu by choice, the pause has come.
        await chat.ClickAsync("Terug naar het menu");
        Assert.Contains(Offer, Said.Text(chat.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANo_IsRespected_ThisPeriodAndTheNext_AndTheOfferComesBackThePeriodAfter()
    {
        var chat = await ArrivedInPottenbergAsync();
        await chat.SayAsync("menu");
        await chat.ClickAsync("Nee, nu niet");
        var declined = chat.Last;
        await chat.SayAsync("menu");

        Assert.Contains("Helemaal goed!", Said.Text(declined), StringComparison.Ordinal);
        Assert.DoesNotContain(Offer, Said.Text(declined), StringComparison.Ordinal);
        Assert.DoesNotContain(Offer, Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal(PulseOfferOutcome.Declined, (await Host.Get<IPulseStore>().GetOfferAsync(await ResidentIdAsync(chat), (await Host.Get<PulseService>().CurrentPeriodAsync()).Key))!.Outcome);

        // A no in the previous period: not offered now either. A no two periods ago: offered again.
        var period = await Host.Get<PulseService>().CurrentPeriodAsync();
        var saidNoLastPeriod = await ArrivedInPottenbergAsync();
        await Host.Get<IPulseStore>().DecideOfferAsync(await ResidentIdAsync(saidNoLastPeriod), period.Previous().Key, PulseOfferOutcome.Declined, DateTimeOffset.UtcNow.AddDays(-100));
        var saidNoBefore = await ArrivedInPottenbergAsync();
        await Host.Get<IPulseStore>().DecideOfferAsync(await ResidentIdAsync(saidNoBefore), period.Previous().Previous().Key, PulseOfferOutcome.Declined, DateTimeOffset.UtcNow.AddDays(-200));
        await saidNoLastPeriod.SayAsync("menu");
        await saidNoBefore.SayAsync("menu");

        Assert.DoesNotContain(Offer, Said.Text(saidNoLastPeriod.Last), StringComparison.Ordinal);
        Assert.Contains(Offer, Said.Text(saidNoBefore.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pulse_AsksOneStatementAtATime_InWords_TypedOrClicked_AndStopKeepsTheAnswersSoFar()
    {
        var chat = await ArrivedInPottenbergAsync();
        await chat.SayAsync("menu");
        await chat.ClickAsync("Ja, ik doe mee");
        var first = chat.Last;

        Assert.Contains("Ik heb invloed op wat er in mijn buurt gebeurt.", Said.Text(first), StringComparison.Ordinal);
        Assert.Contains("Zin 1 van 6", Said.Text(first), StringComparison.Ordinal);
        Assert.Equal(["Helemaal oneens", "Oneens", "Niet eens, niet oneens", "Eens", "Helemaal eens", "Weet ik niet", "Stoppen"], ResidentChat.Buttons(first).Select(b => b.Title).ToArray());
        await chat.ClickAsync("Eens");
        Assert.Contains("Zin 2 van 6", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.SayAsync("2");
        await chat.SayAsync("weet ik niet");
        await chat.SayAsync("ik snap deze vraag niet zo goed eigenlijk");
        Assert.Contains("Kies een van de antwoorden hieronder", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Contains("Zin 4 van 6", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("Stoppen");

        Assert.Contains("Je antwoorden tot nu toe zijn bewaard", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal([(PulseGoals.Agency, (int?)4), (PulseGoals.Opportunities, 2), (PulseGoals.Liveability, null)],
            (await AnswersAsync(chat)).OrderBy(a => PulseGoals.All.ToList().IndexOf(a.ItemKey)).Select(a => (a.ItemKey, a.Score)));
        Assert.Equal(PulseOfferOutcome.Accepted, (await Host.Get<IPulseStore>().GetOfferAsync(await ResidentIdAsync(chat), (await Host.Get<PulseService>().CurrentPeriodAsync()).Key))!.Outcome);
        Assert.Equal(0, await Rows.CountAsync(Host, "ideas", "resident_id = @id", new { id = await ResidentIdAsync(chat) }));
    }

    [Fact]
    public async Task Pulse_CanBeTakenAgainInThePeriod_AnAnswerAgainReplacesTheEarlierOne()
    {
        var chat = await ArrivedInPottenbergAsync();
        await chat.SayAsync("buurtpeiling");
        await chat.ClickAsync("Eens");
        await chat.ClickAsync("Stoppen");

        await chat.SayAsync("buurtpeiling");
        Assert.Contains("Eerder deze periode zei je: Eens.", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("Helemaal eens");

        var id = await ResidentIdAsync(chat);
        Assert.Equal(5, (await AnswersAsync(chat)).Single().Score);
        Assert.Equal(1, await Rows.CountAsync(Host, "pulse_responses", "resident_id = @id", new { id }));
    }

    [Fact]
    public async Task AnOldStatementsButton_DoesNotAnswerTheOpenOne()
    {
        var chat = await ArrivedInPottenbergAsync();
        await chat.SayAsync("buurtpeiling");
        var first = chat.Last;
        await chat.ClickAsync("Eens");

        // "Oneens" of the first statement's card, clicked while the second is open.
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: ResidentChat.Buttons(first).Single(b => b.Title == "Oneens").Data!));

        Assert.Contains("Zin 2 van 6", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal([(PulseGoals.Agency, (int?)4)], (await AnswersAsync(chat)).Select(a => (a.ItemKey, a.Score)));
    }

    [Fact]
    public async Task Background_IsOfferedOnceAfterTheFirstPulse_OneTapEach_Skippable_AndChangeableInMyData()
    {
        var chat = await ArrivedInPottenbergAsync();
        await chat.SayAsync("buurtpeiling");
        foreach (var answer in new[] { "Eens", "Oneens", "Helemaal eens", "Weet ik niet", "Eens", "Niet eens, niet oneens" })
        {
            await chat.ClickAsync(answer);
        }

        var askAge = Said.Text(chat.Last);
        Assert.Contains("Dank je wel voor je antwoorden!", askAge, StringComparison.Ordinal);
        Assert.Contains("Zo zien we wie we wel en niet bereiken.", askAge, StringComparison.Ordinal);
        Assert.Contains("Hoe oud ben je?", askAge, StringComparison.Ordinal);
        Assert.Contains("Overslaan", ResidentChat.Buttons(chat.Last).Select(b => b.Title));
        await chat.ClickAsync("25 tot 45 jaar");
        Assert.Contains("Hoe lang woon je al in de buurt?", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("Overslaan");
        await chat.ClickAsync("Met mijn partner");
        Assert.Contains("Je kunt dit altijd veranderen of weghalen bij ‘Mijn gegevens’.", Said.Text(chat.Last), StringComparison.Ordinal);

        var id = await ResidentIdAsync(chat);
        var background = await Host.Get<PulseService>().BackgroundAsync(id);
        Assert.Equal(("25-44", (string?)null, "couple"), (background!.AgeBand, background.YearsBand, background.Household));
        Assert.Equal(6, (await AnswersAsync(chat)).Count);

        // Taken again: no background questions a second time.
        await chat.SayAsync("buurtpeiling");
        foreach (var answer in new[] { "Eens", "Eens", "Eens", "Eens", "Eens", "Eens" })
        {
            await chat.ClickAsync(answer);
        }

        Assert.DoesNotContain("Hoe oud ben je?", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal(6, await Rows.CountAsync(Host, "pulse_responses", "resident_id = @id", new { id }));

        await chat.ClickAsync("Mijn gegevens");
        Assert.Contains("Antwoorden buurtpeiling", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("Over mij");
        Assert.Contains("25 tot 45 jaar", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("Leeftijd veranderen");
        await chat.ClickAsync("45 tot 65 jaar");
        Assert.Equal("45-64", (await Host.Get<PulseService>().BackgroundAsync(id))!.AgeBand);
        await chat.ClickAsync("Alles weghalen");

        Assert.Contains("Je antwoorden over jezelf zijn weggehaald.", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.False((await Host.Get<PulseService>().BackgroundAsync(id))!.HasAnswers);
    }

    [Fact]
    public async Task AResident_CannotReachTheProgrammeManagersPulseCommands()
    {
        var chat = await ArrivedInPottenbergAsync();
        var before = await Host.Get<PulseService>().ItemsAsync();

        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!,
            value: new { action = "pro.pulse.save", periodLength = "Month", nl_agency = "Gehackt", en_agency = "Hacked", active_agency = "false", order_agency = "1" }));
        var refused = chat.Last;
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "pro.population.save", neighbourhood = "pottenberg", band_65plus = "5", source = "x" }));

        Assert.Contains("Wat wil je doen?", Said.Text(refused), StringComparison.Ordinal);
        Assert.Equal(before, await Host.Get<PulseService>().ItemsAsync());
        Assert.Equal(PulsePeriodLength.Quarter, (await Host.Get<PulseService>().SettingsAsync()).PeriodLength);
        Assert.Empty(await Host.Get<PulseService>().PopulationAsync("pottenberg"));
        Assert.Equal(0, await Rows.CountAsync(Host, "audit_log", "action LIKE 'pulse.%'"));
    }
}
