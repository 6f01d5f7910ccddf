using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Security;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Tests.Professionals;

/// <summary>The professionals' commands and forms in Teams, through /api/messages as Teams sends them, and what residents then see.</summary>
public sealed class TeamsCommandTests(TeamsHost host) : IClassFixture<TeamsHost>, IAsyncLifetime
{
    private LoopbackConnector _connector = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _client = host.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _connector.DisposeAsync();
    }

    private TeamsChat Manager(TeamsScope scope = TeamsScope.Personal) => new(_client, _connector, TeamsHost.Municipality, TeamsHost.Manager, scope);

    private TeamsChat Professional(TeamsScope scope = TeamsScope.Personal) => new(_client, _connector, TeamsHost.Partner, TeamsHost.Professional(), scope);

    private async Task<Idea> IdeaAsync(string text, string neighbourhood = "nazareth", params (string Theme, double Score)[] themes)
    {
        var resident = await host.Get<ResidentService>().IdentifyAsync("webchat", "resident-" + Guid.NewGuid().ToString("N"));
        var analysis = new IdeaAnalysis("nl", text, (themes.Length == 0 ? [("public-space", 0.9)] : themes).Select(t => new ThemeScore(t.Theme, t.Score, false)).ToList(),
            new Sentiment(SentimentLabel.Negative, -0.5), ["lamp", "speeltuin"], AnalysisSource.Local);
        var (idea, _) = await host.Get<IdeaService>().SubmitAsync(new IdeaService.Submission("webchat:" + Guid.NewGuid().ToString("N"), resident.Id, neighbourhood, text + " (origineel met 06-12345678)", true, analysis));
        return idea;
    }

    [Fact]
    public async Task AMentionPrefixedCommandInAChannel_ListsTheNewestIdeasOfTheFilter_WithTheirTextOnlyInTextRuns()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var older = await IdeaAsync($"Oudere melding {marker}", themes: ("safety", 0.8));
        var newer = await IdeaAsync($"**Kapotte** lamp [klik](https://evil.example) <at>Iedereen</at> {marker}", themes: ("safety", 0.8));
        var chat = Professional(TeamsScope.Channel);

        var replies = await chat.SayAsync("ideeën nazareth veiligheid nieuw");

        var card = Said.Card(Assert.Single(replies))!;
        var runs = card.SelectTokens("$..inlines[*].text").Select(t => t.ToString()).ToList();
        var newerAt = runs.FindIndex(r => r.Contains(newer.Analysis.RedactedText, StringComparison.Ordinal));
        var olderAt = runs.FindIndex(r => r.Contains(older.Analysis.RedactedText, StringComparison.Ordinal));
        Assert.True(newerAt >= 0 && newerAt < olderAt, "newest first");
        Assert.Empty(card.SelectTokens("$..[?(@.type == 'TextBlock')]"));
        Assert.DoesNotContain("06-12345678", card.ToString(), StringComparison.Ordinal);
        Assert.Contains("Ideeën, nieuwste eerst (Nazareth, Veiligheid & overlast, nieuw)", Said.Text(replies[0]), StringComparison.Ordinal);
        Assert.StartsWith(chat.ConversationId + ";messageid=", replies[0].Conversation.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ideas_ArePaged_TheMoreButtonContinuesAfterTheLastShown()
    {
        var neighbourhood = "pottenberg";
        var theme = "culture";
        var created = new List<Idea>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await IdeaAsync($"Cultuur idee {i} {Guid.NewGuid():N}", neighbourhood, (theme, 0.9)));
        }

        var chat = Professional();
        var first = Said.Card((await chat.SayAsync("ideas pottenberg culture"))[0])!;
        var more = await chat.SubmitAsync(chat.Last, "Meer");

        var shown = Said.Text(chat.Last);
        Assert.Contains(created[0].Analysis.RedactedText, shown, StringComparison.Ordinal);
        Assert.Contains(created[6].Analysis.RedactedText, first.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created[6].Analysis.RedactedText, shown, StringComparison.Ordinal);
        Assert.Single(more);
    }

    [Fact]
    public async Task SettingAStatus_WithTheFormAsTeamsSendsIt_ChangesTheIdea_UpdatesTheCardInPlace_AndADoubleSubmitChangesNothingMore()
    {
        var idea = await IdeaAsync("De lantaarnpaal bij de speeltuin is kapot " + Guid.NewGuid().ToString("N"));
        var chat = Professional();
        await chat.SubmitValueAsync(null, JObject.FromObject(new { action = "pro.idea", idea = idea.Id }));
        var ideaCard = chat.Last;
        Assert.Contains("Geschiedenis", Said.Text(ideaCard), StringComparison.Ordinal);
        await chat.SubmitAsync(ideaCard, "Status zetten");
        var form = chat.Last;

        // "Done" is not a move from "new", and an explanation is missing: the form comes back with what was typed.
        await chat.SubmitAsync(form, "Opslaan", new { status = "Done", explanation = "" });
        var refused = chat.Updates[^1];
        Assert.Equal(form.Id, refused.Id);
        Assert.Contains("kan een idee niet naar", Said.Text(refused), StringComparison.Ordinal);
        Assert.Equal(IdeaStatus.Received, (await host.Get<IdeaService>().GetAsync(idea.Id))!.Status);

        await chat.SubmitAsync(form, "Opslaan", new { status = "InDiscussion", explanation = "We bespreken dit dinsdag met de gemeente." });
        await chat.SubmitAsync(form, "Opslaan", new { status = "InDiscussion", explanation = "We bespreken dit dinsdag met de gemeente." });

        var now = (await host.Get<IdeaService>().GetAsync(idea.Id))!;
        Assert.Equal((IdeaStatus.InDiscussion, "We bespreken dit dinsdag met de gemeente."), (now.Status, now.StatusExplanation));
        Assert.Equal(2, (await host.Get<IIdeaStore>().HistoryAsync(idea.Id)).Count);
        Assert.Contains("Status gezet: gezien, in bespreking", Said.Text(chat.Updates[^2]), StringComparison.Ordinal);
        Assert.Contains("al verstuurd", Said.Text(chat.Updates[^1]), StringComparison.Ordinal);
        Assert.All(chat.Updates.TakeLast(3), u => Assert.Equal(form.Id, u.Id));
        var audit = await host.Get<IAuditLog>().ForTargetAsync("idea", idea.Id);
        Assert.Equal(["idea.view", "idea.status"], audit.Select(a => a.Action).ToArray());
        Assert.All(audit, a => Assert.Equal(chat.AadObjectId, a.Actor));
    }

    [Fact]
    public async Task CorrectingThemes_ReplacesThem_AndKeepsALabelledExampleWithoutPseudonym()
    {
        var idea = await IdeaAsync("De stoep is kapot en de bus rijdt te hard " + Guid.NewGuid().ToString("N"), themes: ("culture", 0.6));
        var chat = Professional();
        await chat.SayAsync("thema's aanpassen " + idea.Id);

        await chat.SubmitAsync(chat.Last, "Opslaan", new { themes = "mobility,public-space" });

        var themes = (await host.Get<IdeaService>().GetAsync(idea.Id))!.Analysis.Themes;
        Assert.Equal(["mobility", "public-space"], themes.Select(t => t.ThemeId).Order().ToArray());
        Assert.All(themes, t => Assert.True(t.Confirmed));
        var example = Assert.Single(await host.Get<ThemeCorrections>().ExamplesAsync(), e => e.IdeaId == idea.Id);
        Assert.Equal(idea.Analysis.RedactedText, example.RedactedText);
        Assert.Contains("Thema's aangepast", Said.Text(chat.Updates[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewPoll_FormIsCheckedFieldByField_ThenCreatedOnce_AndAWebChatResidentOfThatNeighbourhoodIsOfferedItAndAnswers()
    {
        var chat = Manager();
        await chat.SayAsync("peiling nieuw");
        var form = chat.Last;
        var question = "Wat vind je van een bankje bij de kerk? " + Guid.NewGuid().ToString("N")[..6];

        await chat.SubmitAsync(form, "Peiling maken", new { agendaItem = "Bankjes Nazareth", question = "", neighbourhoods = "atlantis", closesDate = "2020-01-01", closesTime = "12:00", allowComment = "true" });
        var refused = Said.Card(chat.Updates[^1])!.ToString();
        Assert.Contains("Vul dit in.", refused, StringComparison.Ordinal);
        Assert.Contains("Kies minstens één bekende buurt.", refused, StringComparison.Ordinal);
        Assert.Contains("Dit moment is al voorbij.", refused, StringComparison.Ordinal);
        Assert.Contains("Bankjes Nazareth", refused, StringComparison.Ordinal);
        var closes = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var inputs = new { agendaItem = "Bankjes Nazareth", question, neighbourhoods = "nazareth", closesDate = closes, closesTime = "18:00", allowComment = "true" };
        await chat.SubmitAsync(form, "Peiling maken", inputs);
        await chat.SubmitAsync(form, "Peiling maken", inputs);

        Assert.Equal(1, await Rows.CountAsync(host, "polls", "question = @question", new { question }));
        Assert.Contains("Peiling gemaakt", Said.Text(chat.Updates[^2]), StringComparison.Ordinal);
        Assert.Contains("al verstuurd", Said.Text(chat.Updates[^1]), StringComparison.Ordinal);

        var resident = new ResidentChat(_client, _connector);
        await resident.ArriveAsync();
        await resident.ClickAsync("Nazareth");
        Assert.Contains(question, Said.Text(resident.Last), StringComparison.Ordinal);
        await resident.ClickAsync("🙂 Goed");
        await resident.SayAsync("Graag bij de bushalte");

        var poll = (await host.Get<RecentPolls>().ListAsync(50)).Single(p => p.Question == question);
        Assert.Equal(Core.Meetings.AmsterdamTime.FromLocal(DateTime.Parse(closes + "T18:00:00", System.Globalization.CultureInfo.InvariantCulture)), poll.ClosesAt);
        Assert.Equal(1, (await host.Get<IPollStore>().ResultsAsync(poll.Id)).Responses);
        await chat.SubmitAsync(chat.Updates[^2], "Resultaten");
        Assert.Contains("Antwoorden: 1", Said.Text(chat.Last).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("pollResults", Said.Card(chat.Last)!.SelectToken("refresh.action.verb")?.ToString());
    }

    [Fact]
    public async Task PollResults_RefreshLiveThroughActionExecute()
    {
        var poll = await host.Get<PollService>().CreateAsync("Agenda", "Live? " + Guid.NewGuid().ToString("N"), true, ["pottenberg"], DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(3), TeamsHost.Manager);
        var chat = Manager();

        var response = await chat.ExecuteAsync("pollResults", new { poll = poll.Id }, "card-1");

        response.EnsureSuccessStatusCode();
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.Value<string>("type"));
        Assert.Contains(poll.Question, body["value"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAProgrammeManager_CreatesAPoll()
    {
        var chat = Professional();

        await chat.SayAsync("peiling nieuw");

        Assert.Equal("Dat kan alleen een programmamanager.", chat.Last.Text);
    }

    [Fact]
    public async Task ANewMeeting_PlannedInTeams_IsOneAResidentRsvpsTo_AndTheListShowsIt()
    {
        var chat = Professional(TeamsScope.GroupChat);
        await chat.SayAsync("bijeenkomst nieuw");
        var form = chat.Last;
        var title = "Buurtsoep " + Guid.NewGuid().ToString("N")[..6];
        var date = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await chat.SubmitAsync(form, "Bijeenkomst plannen", new { neighbourhood = "pottenberg", title, description = "Samen soep eten.", place = "Buurthuis", date, start = "19:00", end = "18:00", places = "0", organiser = "trajekt@example.nl" });
        var refused = Said.Card(chat.Updates[^1])!.ToString();
        Assert.Contains("Het einde moet na het begin liggen.", refused, StringComparison.Ordinal);
        Assert.Contains("Er moet minstens 1 plaats zijn.", refused, StringComparison.Ordinal);
        await chat.SubmitAsync(form, "Bijeenkomst plannen", new { neighbourhood = "pottenberg", title, description = "Samen soep eten.", place = "Buurthuis", date, start = "18:00", end = "20:00", places = "12", organiser = "trajekt@example.nl" });
        await chat.SubmitAsync(form, "Bijeenkomst plannen", new { neighbourhood = "pottenberg", title, description = "Samen soep eten.", place = "Buurthuis", date, start = "18:00", end = "20:00", places = "12", organiser = "trajekt@example.nl" });

        Assert.Equal(1, await Rows.CountAsync(host, "meetings", "title = @title", new { title }));
        Assert.Equal(1, await Rows.CountAsync(host, "audit_log", "action = 'meeting.plan' AND actor = @actor", new { actor = chat.AadObjectId }));

        // A resident of Pottenberg finds it under the meetings and signs up for two, through the web chat's buttons.
        var meeting = (await host.Get<MeetingService>().UpcomingAsync("pottenberg", 50)).Single(m => m.Title == title);
        var resident = new ResidentChat(_client, _connector);
        await resident.ArriveAsync();
        await host.Get<ResidentService>().ChooseNeighbourhoodAsync((await host.Get<ResidentService>().FindAsync(resident.ChannelId, resident.UserId))!.Id, "pottenberg");
        await resident.SendAsync(Activities.Message(_connector.ServiceUrl, resident.ConversationId, text: null!, value: new { action = "Meetings" }));
        Assert.Contains(title, string.Join("\n", resident.All.Select(Said.Text)), StringComparison.Ordinal);
        await resident.SendAsync(Activities.Message(_connector.ServiceUrl, resident.ConversationId, text: null!, value: new { action = "Rsvp", meeting = meeting.Id, response = "Yes" }));
        await resident.SendAsync(Activities.Message(_connector.ServiceUrl, resident.ConversationId, text: null!, value: new { action = "RsvpParty", meeting = meeting.Id, size = "2" }));
        var rsvp = await host.Get<MeetingService>().RsvpOfAsync(meeting.Id, (await host.Get<ResidentService>().FindAsync(resident.ChannelId, resident.UserId))!.Id);
        Assert.Equal((RsvpStatus.Confirmed, 2), (rsvp!.Status, rsvp.PartySize));

        await chat.SayAsync("bijeenkomsten");

        var list = Said.Text(chat.Last);
        Assert.Contains(title, list, StringComparison.Ordinal);
        Assert.Contains("Aangemeld: 2 · Aanmeldingen: 1 · Wachtlijst: 0 · Misschien: 0 · Plaatsen over: 10 / 12", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAndUnsubscribe_InAChannel_AreStoredForTheChannel_AndAudited()
    {
        var chat = Professional(TeamsScope.Channel);

        await chat.SayAsync("abonneren nazareth housing");
        var followed = Said.Text(chat.Last);
        await chat.SubmitAsync(chat.Last, "Stoppen");

        Assert.Contains("Dit gesprek volgt nu Nazareth — Wonen.", followed, StringComparison.Ordinal);
        Assert.Contains("volgt Nazareth — Wonen niet meer", Said.Text(chat.Updates[^1]), StringComparison.Ordinal);
        Assert.DoesNotContain(await host.Get<Core.Teams.ITeamsStore>().SubscribersAsync("nazareth"), s => s.Conversation.ConversationId == chat.ConversationId);
        Assert.Equal(2, await Rows.CountAsync(host, "audit_log", "action IN ('teams.subscribe', 'teams.unsubscribe') AND actor = @actor", new { actor = chat.AadObjectId }));
    }

    [Fact]
    public async Task AProgrammeManager_MakesAndUnmakesAnother_TheConfiguredOneStays()
    {
        var chat = Manager();
        var colleague = Guid.NewGuid().ToString();
        var professional = new TeamsChat(_client, _connector, TeamsHost.Municipality, colleague);
        await professional.SayAsync("beheerders");
        Assert.Equal("Dat kan alleen een programmamanager.", professional.Last.Text);

        await chat.SayAsync("beheerders");
        await chat.SubmitAsync(chat.Last, "Toevoegen", new { objectId = "geen-guid", label = "Piet" });
        Assert.Contains("00000000-0000-0000-0000-000000000000", Said.Text(chat.Updates[^1]), StringComparison.Ordinal);
        await chat.SubmitAsync(chat.Last, "Toevoegen", new { objectId = colleague.ToUpperInvariant(), label = "Piet (Woonpunt)" });
        await professional.SayAsync("beheerders");
        Assert.Contains("Piet (Woonpunt)", Said.Text(professional.Last), StringComparison.Ordinal);

        await chat.SayAsync("beheerder verwijderen " + TeamsHost.Manager);
        Assert.Contains("staat vast in de configuratie", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.SayAsync("beheerder verwijderen " + colleague);
        Assert.Contains("geen programmamanager meer", Said.Text(chat.Last), StringComparison.Ordinal);
        Assert.Equal(["programme-manager.add", "programme-manager.remove"], (await host.Get<IAuditLog>().ForTargetAsync("programme-manager", colleague)).Select(a => a.Action).ToArray());
    }

    [Fact]
    public async Task AWebChatResident_TypingEveryProfessionalCommand_AndPostingForgedProfessionalCardData_ReachesNothingOfIt()
    {
        var mark = host.Log.Mark();
        var idea = await IdeaAsync("Forge target " + Guid.NewGuid().ToString("N"));
        var tables = new[] { "polls", "meetings", "programme_managers", "teams_subscriptions", "theme_corrections", "professional_forms", "conversation_references", "audit_log" };
        var before = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            before[table] = await Rows.CountAsync(host, table);
        }

        var resident = new ResidentChat(_client, _connector);
        await resident.ArriveAsync();
        var commands = new[]
        {
            "help", "ideeën", "ideeën pottenberg", "idee " + idea.Id, "status " + idea.Id, "thema's aanpassen " + idea.Id, "peiling nieuw", "peilingen",
            "peiling resultaten", "peiling sluiten", "bijeenkomst nieuw", "bijeenkomsten", "abonneren pottenberg", "opzeggen pottenberg",
            "beheerders", "beheerder toevoegen", "beheerder verwijderen " + TeamsHost.Manager, "<at>VeerkrachtBot</at> peiling nieuw",
        };
        foreach (var command in commands)
        {
            await resident.SayAsync(command);
        }

        var closes = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var forged = new object[]
        {
            new { action = "pro.idea.status.save", idea = idea.Id, formId = Guid.NewGuid().ToString("N"), status = "InDiscussion", explanation = "vervalst" },
            new { action = "pro.idea.themes.save", idea = idea.Id, formId = Guid.NewGuid().ToString("N"), themes = "sport" },
            new { action = "pro.poll.new.submit", formId = Guid.NewGuid().ToString("N"), agendaItem = "x", question = "vervalst?", neighbourhoods = "pottenberg", closesDate = closes, closesTime = "12:00" },
            new { action = "pro.meeting.new.submit", formId = Guid.NewGuid().ToString("N"), neighbourhood = "pottenberg", title = "vervalst", place = "x", date = closes, start = "10:00", end = "11:00", places = "5", organiser = "x" },
            new { action = "pro.managers.add", objectId = Guid.NewGuid().ToString(), label = "ik" },
            new { action = "pro.subscribe", neighbourhood = "pottenberg", theme = "*" },
            new { action = "pro.poll.close.confirm", poll = "x" },
            new { action = "pro.ideas" },
            new { action = "pro.idea", idea = idea.Id },
        };
        foreach (var value in forged)
        {
            await resident.SendAsync(Activities.Message(_connector.ServiceUrl, resident.ConversationId, text: null!, value: value));
        }

        foreach (var table in tables)
        {
            Assert.Equal(before[table], await Rows.CountAsync(host, table));
        }

        // Typed lines of three words or more are what a resident shares: they become ideas of their own, nothing else.
        Assert.Equal(IdeaStatus.Received, (await host.Get<IdeaService>().GetAsync(idea.Id))!.Status);
        Assert.Single(await host.Get<IIdeaStore>().HistoryAsync(idea.Id));
        Assert.Equal(["public-space"], (await host.Get<IdeaService>().GetAsync(idea.Id))!.Analysis.Themes.Select(t => t.ThemeId).ToArray());
        var said = string.Join("\n", resident.All.Select(Said.Text));
        Assert.DoesNotContain(idea.Analysis.RedactedText, said, StringComparison.Ordinal);
        Assert.DoesNotContain("Nieuwe peiling", said, StringComparison.Ordinal);
        Assert.DoesNotContain("programmamanager", said, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(host.Log.ErrorsSince(mark));
    }
}
