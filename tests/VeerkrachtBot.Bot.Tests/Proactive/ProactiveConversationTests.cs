using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Proactive;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Security;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Tests.Proactive;

/// <summary>
/// Messages the bot starts, end to end with the host's own outbox worker: a professional's status change, a place that
/// an erasure frees, news a resident asked for, a throttled Teams channel. Residents talk over /api/messages (loopback
/// connector) or the local Direct Line (read back through its endpoints).
/// </summary>
public sealed class ProactiveConversationTests(BotHost host) : ConnectorTest(host)
{
    private static bool FromBot(JObject activity) => activity.SelectToken("from.role")?.ToString() == "bot";

    private async Task<Resident> ResidentOf(ResidentChat chat) => (await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!;

    private async Task<Meeting> PlanAsync(string title, int capacity = 30)
    {
        var start = AmsterdamTime.FromLocal(DateTime.Today.AddDays(14).AddHours(19));
        return await Host.Get<MeetingService>().PlanAsync("pottenberg", title + " " + Guid.NewGuid().ToString("N")[..6], "Samen praten over de buurt.", "Buurthuis De Kring",
            start, start.AddHours(2), capacity, "Trajekt");
    }

    private async Task<ResidentChat> ResidentInPottenbergAsync()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Neighbourhood", id = "pottenberg", then = "Menu" }));
        return chat;
    }

    [Fact]
    public async Task StatusChange_ReachesTheResidentsLocalDirectLineConversation_InTheirLanguage_Once()
    {
        using var http = Host.CreateHttpClient();
        var resident = await new DirectLineClient(http).StartAsync(locale: "en-GB");
        await resident.PollForAsync(FromBot);
        await resident.PostActivityAsync(new { type = "message", value = new { action = "Neighbourhood", id = "pottenberg", then = "Menu" } });
        await resident.PostActivityAsync(new { type = "message", text = "The street lamp near the playground has been broken for weeks" });
        await resident.PollForAsync(a => FromBot(a) && a.ToString().Contains("This is what I understood", StringComparison.Ordinal));
        var residentId = (await Host.Get<ResidentService>().FindAsync("directline", resident.UserId))!.Id;
        var idea = Assert.Single(await Host.Get<IdeaService>().MineAsync(residentId));

        await Host.Get<IdeaService>().ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, "We discuss it with the municipality on Tuesday.", "anne@gemeente");

        var notice = await resident.PollForAsync(a => FromBot(a) && a.ToString().Contains("There is news about your idea", StringComparison.Ordinal));
        var said = notice.ToString();
        Assert.Contains("The street lamp near the playground", said, StringComparison.Ordinal);
        Assert.Contains("being discussed", said, StringComparison.Ordinal);
        Assert.Contains("We discuss it with the municipality on Tuesday.", said, StringComparison.Ordinal);
        Assert.Contains("My ideas", said, StringComparison.Ordinal);
        var sent = await Eventually.FoundAsync(async () => (await Host.Get<INotificationOutbox>().ForRecipientAsync(Recipient.Resident(residentId))).SingleOrDefault(n => n.State == DeliveryState.Succeeded),
            "the notification recorded as delivered");
        Assert.Equal(NotificationKind.IdeaStatus, sent.Kind);

        // Sent again (as after a crash between the send and its result), the same message is stored once.
        await Host.Get<ProactiveSender>().SendAsync(sent, CancellationToken.None);
        var transcript = await Rows.TranscriptAsync(Host, resident.ConversationId);
        Assert.Single(transcript, a => a.Contains("There is news about your idea", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasure_ThatFreesAPlace_TellsTheResidentWhoMovesUp()
    {
        var meeting = await PlanAsync("Kleine wandeling", capacity: 1);
        var leaving = await ResidentInPottenbergAsync();
        await leaving.SendAsync(Activities.Message(Connector.ServiceUrl, leaving.ConversationId, null!, value: new { action = "RsvpParty", meeting = meeting.Id, size = "1" }));
        var waiting = await ResidentInPottenbergAsync();
        await waiting.SendAsync(Activities.Message(Connector.ServiceUrl, waiting.ConversationId, null!, value: new { action = "RsvpParty", meeting = meeting.Id, size = "1" }));
        Assert.Contains("wachtlijst", Said.Text(waiting.Last), StringComparison.Ordinal);

        await leaving.ClickAsync("Mijn gegevens");
        await leaving.ClickAsync("Alles verwijderen");
        await leaving.ClickAsync("Ja, verwijder alles");

        await Eventually.HoldsAsync(() => waiting.All.Any(a => Said.Text(a).Contains($"Goed nieuws! Er is een plek vrijgekomen bij ‘{meeting.Title}’", StringComparison.Ordinal)),
            "the promotion notice after the erasure");
        var notice = waiting.All.Last(a => Said.Text(a).Contains("Goed nieuws", StringComparison.Ordinal));
        Assert.Contains("Bekijk de bijeenkomst", Said.Text(notice), StringComparison.Ordinal);
        Assert.Equal(RsvpStatus.Confirmed, (await Host.Get<MeetingService>().RsvpOfAsync(meeting.Id, (await ResidentOf(waiting)).Id))!.Status);
        await waiting.ClickAsync("Bekijk de bijeenkomst");
        Assert.Contains("Je bent aangemeld met 1 persoon.", Said.Text(waiting.Last), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewsConsent_GivenInMyData_BringsNewMeetingsAndPolls_AndWithdrawingItStopsThem()
    {
        var wantsNews = new ResidentChat(Client, Connector);
        await wantsNews.ArriveAsync();
        await wantsNews.ClickAsync("Ergens anders");
        await wantsNews.ClickAsync("Mijn gegevens");
        Assert.Contains("Nieuws over je buurt: nee", Said.Text(wantsNews.Last).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await wantsNews.ClickAsync("Stuur me nieuws over mijn buurt");
        Assert.Contains("In welke buurt woon je?", Said.Text(wantsNews.Last), StringComparison.Ordinal);
        await wantsNews.ClickAsync("Pottenberg");
        Assert.Contains("Nieuws over je buurt: ja, dat mag", Said.Text(wantsNews.Last).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var quiet = await ResidentInPottenbergAsync();

        var meeting = await PlanAsync("Buurtavond");
        await Eventually.HoldsAsync(() => wantsNews.All.Any(a => Said.Text(a).Contains($"Er is een nieuwe bijeenkomst in Pottenberg: ‘{meeting.Title}’", StringComparison.Ordinal)),
            "the announcement of the meeting");
        await wantsNews.ClickAsync($"Bekijk ‘{meeting.Title}’");
        Assert.Contains("Buurthuis De Kring", Said.Text(wantsNews.Last), StringComparison.Ordinal);

        var poll = await Host.Get<PollService>().CreateAsync("Verlichting", "Hoe veilig voel je je 's avonds op straat?", false, ["pottenberg"],
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7), "programmamanager");
        await Eventually.HoldsAsync(() => wantsNews.All.Any(a => Said.Text(a).Contains("Er is een nieuwe vraag over je buurt", StringComparison.Ordinal)),
            "the announcement of the poll");
        var announcement = wantsNews.All.Last(a => Said.Text(a).Contains("Er is een nieuwe vraag over je buurt", StringComparison.Ordinal));
        Assert.Contains("Hoe veilig voel je je 's avonds op straat?", Said.Text(announcement), StringComparison.Ordinal);
        Assert.Contains("Je krijgt dit bericht omdat je nieuws over je buurt wilt krijgen", Said.Text(announcement), StringComparison.Ordinal);
        await wantsNews.ClickAsync("Beantwoorden");
        Assert.Contains("Hoe veilig voel je je 's avonds op straat?", Said.Text(wantsNews.Last), StringComparison.Ordinal);

        var outbox = Host.Get<INotificationOutbox>();
        Assert.Empty(await outbox.ForRecipientAsync(Recipient.Resident((await ResidentOf(quiet)).Id)));
        var mine = await outbox.ForRecipientAsync(Recipient.Resident((await ResidentOf(wantsNews)).Id));
        Assert.Equal([AnnouncedItem.Meeting, AnnouncedItem.Poll], mine.Select(n => NotificationPayloads.Read<AnnouncementPayload>(n.Payload)!.Item));
        Assert.Equal(poll.Id, NotificationPayloads.Read<AnnouncementPayload>(mine[1].Payload)!.Id);

        await wantsNews.ClickAsync("Mijn gegevens");
        await wantsNews.ClickAsync("Geen nieuws meer over mijn buurt");
        Assert.Contains("Nieuws over je buurt: nee", Said.Text(wantsNews.Last).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await PlanAsync("Nog een buurtavond");
        Assert.Equal(2, (await outbox.ForRecipientAsync(Recipient.Resident((await ResidentOf(wantsNews)).Id))).Count);
    }

    [Fact]
    public async Task NewMeeting_IsOfferedOnceWhenAResidentOfItsNeighbourhoodComesBack()
    {
        // Nazareth: the other tests here plan their meetings in Pottenberg.
        var chat = new ResidentChat(Client, Connector);
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Neighbourhood", id = "nazareth", then = "Menu" }));
        var start = AmsterdamTime.FromLocal(DateTime.Today.AddDays(9).AddHours(14));
        var meeting = await Host.Get<MeetingService>().PlanAsync("nazareth", "Moestuin " + Guid.NewGuid().ToString("N")[..6], "Samen planten.", "Moestuin Nazareth",
            start, start.AddHours(2), 12, "Trajekt");
        var newcomer = new ResidentChat(Client, Connector);
        await newcomer.SendAsync(Activities.Message(Connector.ServiceUrl, newcomer.ConversationId, null!, value: new { action = "Neighbourhood", id = "nazareth", then = "Menu" }));

        var back = await chat.ArriveAsync();
        var again = await chat.ArriveAsync();
        var newcomerArrives = await newcomer.ArriveAsync();

        // One message on arrival: the welcome with the new meeting under it.
        var offer = Assert.Single(back);
        Assert.Contains($"Er is een nieuwe bijeenkomst in Nazareth: ‘{meeting.Title}’", Said.Text(offer), StringComparison.Ordinal);
        Assert.Contains("Ik kom", Said.Text(offer), StringComparison.Ordinal);
        Assert.Single(again);
        Assert.DoesNotContain(meeting.Title, Said.Text(again[0]), StringComparison.Ordinal);
        Assert.Single(newcomerArrives);
    }

    [Fact]
    public async Task Export_HoldsTheRememberedConversationTheNewsConsentAndTheNotices_AndErasureRemovesThem()
    {
        var chat = await ResidentInPottenbergAsync();
        await chat.ClickAsync("Mijn gegevens");
        await chat.ClickAsync("Stuur me nieuws over mijn buurt");
        var meeting = await PlanAsync("Buurtontbijt");
        await Eventually.HoldsAsync(() => chat.All.Any(a => Said.Text(a).Contains(meeting.Title, StringComparison.Ordinal)), "the announcement of the meeting");
        var resident = await ResidentOf(chat);

        await chat.ClickAsync("Mijn gegevens");
        var (_, url) = Assert.Single(ResidentChat.Links(chat.Last), link => link.Title.Contains("JSON", StringComparison.Ordinal));
        var export = JObject.Parse(await Client.GetStringAsync(url));

        Assert.Contains(export.SelectTokens("$..consents[*].kind"), k => k.ToString() == nameof(ConsentKind.News));
        Assert.Equal(chat.ConversationId, export.SelectToken("$..conversation.conversationId")?.ToString());
        var notice = Assert.Single(export.SelectTokens("$..notifications[*]"));
        Assert.Equal(nameof(NotificationKind.Announcement), notice["kind"]?.ToString());

        await chat.ClickAsync("Alles verwijderen");
        await chat.ClickAsync("Ja, verwijder alles");

        Assert.Null(await Host.Get<ResidentConversations>().FindAsync(resident.Id, CancellationToken.None));
        Assert.Empty(await Host.Get<INotificationOutbox>().ForRecipientAsync(Recipient.Resident(resident.Id)));
        Assert.Empty(await Host.Get<IResidentStore>().ConsentsAsync(resident.Id));
    }

    [Fact]
    public async Task TeamsChannelThatThrottles_GetsTheMessageAfterRetryAfter_Once()
    {
        var conversationId = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var reference = await Host.Get<ITeamsStore>().SaveConversationAsync(new StoredConversation(Ids.New(), "msteams", conversationId, Connector.ServiceUrl,
            "72f988bf-86f1-41af-91ab-2d7cd011db47", "28:bot-app-id", null, null, "channel"), DateTimeOffset.UtcNow);
        Connector.Answer(conversationId, new LoopbackConnector.Reply(429, "Throttled", TimeSpan.FromSeconds(1)));

        await Host.Get<ProactiveMessages>().EnqueueTextForConversationAsync(reference, "Er zijn 3 nieuwe ideeën in Pottenberg.", "notice:" + conversationId);

        await Eventually.HoldsAsync(() => Connector.SentTo(conversationId).Count == 1, "the message after the wait");
        var attempts = Connector.Attempts.Where(a => a.ConversationId == conversationId).ToList();
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(1), $"sent again after {attempts[1].At - attempts[0].At}");
        var done = await Eventually.FoundAsync(async () => await Host.Get<ProactiveMessages>().FindAsync("notice:" + conversationId) is { State: DeliveryState.Succeeded } n ? n : null,
            "the result recorded");
        Assert.Equal(2, done.Attempts);
        Assert.Single(Connector.SentTo(conversationId));
    }
}
