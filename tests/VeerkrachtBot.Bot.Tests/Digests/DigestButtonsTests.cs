using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Professionals;
using VeerkrachtBot.Bot.Tests.Security;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Tests.Digests;

/// <summary>The seeded weeks behind a Teams bot: the digest card's buttons are clicked as Teams posts them.</summary>
public sealed class DigestButtonsFixture : IAsyncLifetime
{
    public DigestSeed Seed { get; private set; } = null!;

    public TeamsHost Host { get; } = new();

    public LoopbackConnector Connector { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Seed = await DigestSeed.CreateAsync();
        Connector = await LoopbackConnector.StartAsync();
        Host.With("Database:ConnectionString", Seed.ConnectionString).With("Digests:Schedule:Enabled", "false");
        await ((IAsyncLifetime)Host).InitializeAsync();
        Client = Host.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        await Seed.DisposeAsync();
    }
}

/// <summary>
/// The buttons of the digest card in Teams (open a cluster's ideas, the period's ideas, set a status, a poll's results,
/// change the subscription) through /api/messages, and a resident who posts the same data and reaches none of it.
/// </summary>
public sealed class DigestButtonsTests(DigestButtonsFixture fixture) : IClassFixture<DigestButtonsFixture>
{
    private TeamsHost Host => fixture.Host;

    private TeamsChat Professional(TeamsScope scope = TeamsScope.Personal) =>
        new(fixture.Client, fixture.Connector, TeamsHost.Partner, TeamsHost.Professional(), scope);

    private async Task<JObject> DigestCardAsync(params string[] themes) =>
        (await Host.Get<DigestCards>().DigestAsync(new DigestFilter(["pottenberg"], themes), DigestSeed.Week)).Card;

    private static JObject Button(JObject card, string action) =>
        (JObject)card.SelectTokens("$..data").First(d => (string?)d["action"] == action).DeepClone();

    private static List<string> ListedIdeas(Activity card) =>
        ResidentChat.Buttons(card).Where(b => (string?)b.Data?["action"] == "pro.idea").Select(b => (string)b.Data!["idea"]!).ToList();

    [Fact]
    public async Task TheClusterButton_ListsItsRedactedIdeas_AndSettingAStatusFromTheList_IsSavedAuditedAndToldToTheResident()
    {
        var card = await DigestCardAsync();
        var data = Button(card, DigestActions.ClusterIdeas);
        var clusterIdeas = ((string)data["ideas"]!).Split(',');
        var chat = Professional();

        await chat.SubmitValueAsync("digest-1", data);

        var list = chat.Last;
        Assert.Equal(clusterIdeas, ListedIdeas(list));
        var said = Said.Text(list);
        Assert.Contains($"De ideeën van deze groep ({clusterIdeas.Length})", said, StringComparison.Ordinal);
        Assert.All(clusterIdeas, id => Assert.Contains(fixture.Seed.TextOf(id), said, StringComparison.Ordinal));
        var json = Said.Card(list)!.ToString();
        Assert.All(fixture.Seed.PersonalValues.Concat(fixture.Seed.OriginalTexts), value => Assert.DoesNotContain(value, json, StringComparison.Ordinal));

        // "Status zetten" on an idea of the list that is still new: the idea's status form, saved by the ideas command.
        var ideaService = Host.Get<IdeaService>();
        var before = (await Task.WhenAll(clusterIdeas.Select(id => ideaService.GetAsync(id)))).First(i => i!.Status == IdeaStatus.Received)!;
        var ideaId = before.Id;
        var statusButton = ResidentChat.Buttons(list).First(b => (string?)b.Data?["action"] == "pro.idea.status" && (string?)b.Data?["idea"] == ideaId);
        await chat.SubmitValueAsync(list.Id, statusButton.Data!);
        var form = chat.Last;
        Assert.Equal(ideaId, (string?)Said.Card(form)!.SelectTokens("$..data").Single(d => (string?)d["action"] == "pro.idea.status.save")["idea"]);
        var explanation = "We nemen dit mee in het wijkoverleg van " + Guid.NewGuid().ToString("N")[..6] + ".";
        await chat.SubmitAsync(form, "Opslaan", new { status = "InDiscussion", explanation });

        var after = (await Host.Get<IdeaService>().GetAsync(ideaId))!;
        Assert.Equal((IdeaStatus.InDiscussion, explanation), (after.Status, after.StatusExplanation));
        Assert.Contains("Status gezet", Said.Text(chat.Updates[^1]), StringComparison.Ordinal);
        Assert.Equal(1, await Rows.CountAsync(Host, "audit_log", "action = 'idea.status' AND target_id = @ideaId AND actor = @actor", new { ideaId, actor = chat.AadObjectId }));
        Assert.Equal(1, await Rows.CountAsync(Host, "notification_outbox", "kind = 'IdeaStatus' AND recipient_id = @resident AND payload LIKE @explanation",
            new { resident = before.ResidentId, explanation = "%" + explanation + "%" }));
    }

    [Fact]
    public async Task ALargerClusterThanItsButtonCarries_IsBuiltAgain_AndListedInPages()
    {
        var digest = await Host.Get<DigestBuilder>().BuildAsync(new DigestFilter(["pottenberg"], []), DigestSeed.Week);
        var cluster = digest.Clusters.OrderByDescending(c => c.IdeaIds.Count).First();
        Assert.True(cluster.IdeaIds.Count > 2, "the seed has a cluster of more than two ideas");
        var data = DigestActions.Cluster(digest, cluster).ToData();

        // The button names only the first two ideas but counts them all, as a cluster of more than 20 would.
        data["ideas"] = string.Join(',', cluster.IdeaIds.Take(2));
        var chat = Professional();
        await chat.SubmitValueAsync("digest-2", data);
        var listed = ListedIdeas(chat.Last);
        while (ResidentChat.Buttons(chat.Last).Any(b => b.Title == "Meer"))
        {
            await chat.SubmitAsync(chat.Last, "Meer");
            listed.AddRange(ListedIdeas(chat.Last));
        }

        Assert.Equal(cluster.IdeaIds, listed);
    }

    [Fact]
    public async Task ThePeriodsIdeasButton_ListsEveryIdeaOfTheWeekAndFilter_NewestFirst_InPages()
    {
        var card = await DigestCardAsync("public-space");
        var chat = Professional(TeamsScope.Channel);
        await chat.SubmitValueAsync("digest-3", Button(card, DigestActions.PeriodIdeas));
        var listed = ListedIdeas(chat.Last);
        Assert.Contains("Ideeën van 16 nov t/m 22 nov 2026 — Pottenberg (Openbare ruimte)", Said.Text(chat.Last), StringComparison.Ordinal);
        while (ResidentChat.Buttons(chat.Last).Any(b => b.Title == "Meer"))
        {
            await chat.SubmitAsync(chat.Last, "Meer");
            listed.AddRange(ListedIdeas(chat.Last));
        }

        await using var connection = await fixture.Seed.Database.OpenAsync();
        var expected = (await Dapper.SqlMapper.QueryAsync<string>(connection, """
            SELECT i.id FROM ideas i WHERE i.neighbourhood_id = 'pottenberg' AND i.received_at >= @from AND i.received_at < @to AND i.redacted_text <> ''
              AND EXISTS (SELECT 1 FROM idea_themes t WHERE t.idea_id = i.id AND t.theme_id = 'public-space')
            ORDER BY i.received_at DESC, i.id DESC
            """, new { from = DigestSeed.Week.Start.ToUnixTimeMilliseconds(), to = DigestSeed.Week.End.ToUnixTimeMilliseconds() })).ToList();
        Assert.True(expected.Count > DigestButtonsCommandPageSize, "more than one page");
        Assert.Equal(expected, listed);
    }

    private const int DigestButtonsCommandPageSize = Bot.Professionals.DigestButtonsCommand.PageSize;

    [Fact]
    public async Task ThePollButton_SendsTheResultsCard_WhoseRefreshVerbIsAnsweredWithTheUpdatedCard()
    {
        var pollService = Host.Get<PollService>();
        var poll = await pollService.CreateAsync("Speelplekken", "Hoe vind je de nieuwe speelplek? " + Guid.NewGuid().ToString("N")[..6], true, ["pottenberg"],
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(3), TeamsHost.Manager);
        var chat = Professional();

        await chat.SubmitValueAsync("digest-4", DigestActions.Poll(poll.Id).ToData());
        var results = Said.Card(chat.Last)!;
        Assert.Contains(poll.Question, results.ToString(), StringComparison.Ordinal);
        Assert.Equal(DigestActions.RefreshPollResultsVerb, (string?)results.SelectToken("refresh.action.verb"));
        Assert.Equal(chat.UserId, (string?)Assert.Single(results.SelectToken("refresh.userIds")!));
        Assert.DoesNotContain("12 bewoners", results.ToString(), StringComparison.Ordinal);

        // Twelve residents answer; Teams then refreshes the card with the verb and data the card carries.
        for (var i = 0; i < 12; i++)
        {
            await pollService.RespondAsync(poll.Id, (await Host.Get<Core.Residents.ResidentService>().IdentifyAsync("webchat", "poll-" + Guid.NewGuid().ToString("N"))).Id, "pottenberg", 1 + (i % 5), null);
        }

        var response = await chat.ExecuteAsync((string)results.SelectToken("refresh.action.verb")!, results.SelectToken("refresh.action.data")!, chat.Last.Id);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Contains("12 bewoners antwoordden", body["value"]!.ToString(), StringComparison.Ordinal);

        // The card's own button (where refresh does not run) replaces the card in place.
        await chat.SubmitAsync(chat.Last, "Cijfers vernieuwen");
        Assert.Equal(chat.Last.Id, chat.Updates[^1].Id);
        Assert.Contains("12 bewoners antwoordden", Said.Text(chat.Updates[^1]), StringComparison.Ordinal);
        Assert.Equal(3, await Rows.CountAsync(Host, "audit_log", "action = 'poll.results' AND target_id = @id AND actor = @actor", new { id = poll.Id, actor = chat.AadObjectId }));

        var gone = await chat.ExecuteAsync(DigestActions.RefreshPollResultsVerb, new { action = DigestActions.PollResults, poll = "no-such-poll" }, chat.Last.Id);
        Assert.Equal(System.Net.HttpStatusCode.OK, gone.StatusCode);
        Assert.Equal(400, (int)JObject.Parse(await gone.Content.ReadAsStringAsync())["statusCode"]!);
    }

    [Fact]
    public async Task TheSubscriptionButton_ShowsTheFormWithTheFrequency_AndAChoiceIsStored()
    {
        var card = await DigestCardAsync();
        var chat = Professional(TeamsScope.Channel);
        await chat.SubmitValueAsync("digest-5", Button(card, DigestActions.EditSubscription));
        var form = chat.Last;
        var frequency = Said.Card(form)!.SelectTokens("$..[?(@.id == 'frequency')]").Single();
        Assert.Equal("Weekly", (string?)frequency["value"]);

        await chat.SubmitAsync(form, "Volgen", new { neighbourhood = "pottenberg", theme = "*", frequency = "Both" });
        Assert.Contains("Dit gesprek volgt nu Pottenberg — alle thema's (elke week en elke maand).", Said.Text(chat.Updates[^1]), StringComparison.Ordinal);
        await chat.SubmitAsync(form, "Volgen", new { neighbourhood = "pottenberg", theme = "*", frequency = "Monthly" });
        await chat.SubmitAsync(form, "Volgen", new { neighbourhood = "pottenberg", theme = "*", frequency = "Yearly" });
        Assert.Contains("Kies minstens één bekende buurt", Said.Text(chat.Updates[^1]), StringComparison.Ordinal);

        var conversation = await Host.Get<Core.Teams.ITeamsStore>().FindConversationAsync("msteams", chat.ConversationId);
        var follow = Assert.Single(await Host.Get<DigestSubscriptions>().FollowsAsync(conversation!.Id));
        Assert.Equal(new DigestFollow("pottenberg", "*", DigestFrequency.Monthly), follow);
    }

    [Fact]
    public async Task AResident_PostingEveryDigestButton_GetsTheMenu_AndNothingChanges()
    {
        var card = await DigestCardAsync();
        var ideaId = ((string)Button(card, DigestActions.ClusterIdeas)["ideas"]!).Split(',')[0];
        var status = (await Host.Get<IdeaService>().GetAsync(ideaId))!.Status;
        var tables = new[] { "ideas", "idea_status_history", "teams_subscriptions", "conversation_references", "audit_log", "notification_outbox", "professional_forms", "polls", "digest_charts" };
        var before = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            before[table] = await Rows.CountAsync(Host, table);
        }

        var mark = Host.Log.Mark();
        var resident = new ResidentChat(fixture.Client, fixture.Connector);
        await resident.ArriveAsync();
        var forged = new[]
        {
            Button(card, DigestActions.ClusterIdeas),
            Button(card, DigestActions.PeriodIdeas),
            DigestActions.Status(ideaId).ToData(),
            DigestActions.Poll(fixture.Seed.PollId).ToData(),
            DigestActions.RefreshPoll(fixture.Seed.PollId).ToData(),
            Button(card, DigestActions.EditSubscription),
            JObject.FromObject(new { action = DigestActions.EditSubscription, neighbourhood = "pottenberg", theme = "*", frequency = "Both" }),
        };
        foreach (var value in forged)
        {
            await resident.SendAsync(Activities.Message(fixture.Connector.ServiceUrl, resident.ConversationId, text: null!, value: value));
            Assert.Contains(BotTexts.For("nl-NL").ChoiceGone, Said.Text(resident.Last), StringComparison.Ordinal);
        }

        var invoke = Activities.Message(fixture.Connector.ServiceUrl, resident.ConversationId, text: null!);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JObject.FromObject(new { action = new { type = "Action.Execute", verb = DigestActions.RefreshPollResultsVerb, data = DigestActions.Poll(fixture.Seed.PollId).ToData() } });
        var refused = await fixture.Client.PostAsync("api/messages", invoke);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);

        foreach (var table in tables)
        {
            Assert.Equal(before[table], await Rows.CountAsync(Host, table));
        }

        var said = string.Join("\n", resident.All.Select(Said.Text));
        Assert.DoesNotContain(fixture.Seed.TextOf(ideaId), said, StringComparison.Ordinal);
        Assert.DoesNotContain("Peiling:", said, StringComparison.Ordinal);
        Assert.DoesNotContain("volgt", said, StringComparison.Ordinal);
        Assert.Equal(status, (await Host.Get<IdeaService>().GetAsync(ideaId))!.Status);
        Assert.Empty(Host.Log.ErrorsSince(mark));
    }
}
