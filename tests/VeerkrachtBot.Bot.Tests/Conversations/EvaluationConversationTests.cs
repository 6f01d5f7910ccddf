using Dapper;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Bot.Tests.Security;
using VeerkrachtBot.Core.Evaluations;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Conversations;

/// <summary>
/// Residents evaluate along: the question after a meeting reaches those who were going, once, through the host's own
/// outbox worker; the answer and comment are stored once (redacted); news about an idea carries the question too.
/// </summary>
public sealed class EvaluationConversationTests(BotHost host) : ConnectorTest(host)
{
    private async Task<string> ResidentIdAsync(ResidentChat chat) => (await Host.Get<ResidentService>().FindAsync(chat.ChannelId, chat.UserId))!.Id;

    private async Task<ResidentChat> ResidentInPottenbergAsync()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: new { action = "Neighbourhood", id = "pottenberg", then = "Meetings" }));
        return chat;
    }

    /// <summary>The meeting is moved into the past, as if its evening came and went.</summary>
    private Task EndAsync(Meeting meeting) => Host.Get<IDatabase>().WriteAsync((connection, transaction) => connection.ExecuteAsync(
        "UPDATE meetings SET starts_at = @starts, ends_at = @ends WHERE id = @id",
        new { id = meeting.Id, starts = DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeMilliseconds(), ends = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds() }, transaction));

    [Fact]
    public async Task AfterAMeeting_ThoseGoingAreAskedOnce_AndTheirScoreAndRedactedCommentAreCountedOnce()
    {
        var start = AmsterdamTime.FromLocal(DateTime.Today.AddDays(10).AddHours(19));
        var meeting = await Host.Get<MeetingService>().PlanAsync("pottenberg", "Buurtsoep " + Guid.NewGuid().ToString("N")[..6], "Samen soep eten.", "Buurthuis", start, start.AddHours(2), 20, "Trajekt");
        var going = await ResidentInPottenbergAsync();
        await going.SendAsync(Activities.Message(Connector.ServiceUrl, going.ConversationId, null!, value: new { action = "RsvpParty", meeting = meeting.Id, size = "1" }));
        var notGoing = await ResidentInPottenbergAsync();
        await notGoing.SendAsync(Activities.Message(Connector.ServiceUrl, notGoing.ConversationId, null!, value: new { action = "Rsvp", meeting = meeting.Id, response = "No" }));
        await EndAsync(meeting);

        var invited = await Host.Get<EvaluationService>().InviteAfterMeetingsAsync();
        var again = await Host.Get<EvaluationService>().InviteAfterMeetingsAsync();

        Assert.Equal((1, 0), (invited, again));
        await Eventually.HoldsAsync(() => going.All.Any(a => Said.Text(a).Contains($"Hoe was de bijeenkomst ‘{meeting.Title}’?", StringComparison.Ordinal)), "the question after the meeting");
        var question = going.All.Last(a => Said.Text(a).Contains("Hoe was de bijeenkomst", StringComparison.Ordinal));
        Assert.Equal(["😞 Heel slecht", "🙁 Slecht", "😐 Gaat wel", "🙂 Goed", "😄 Heel goed", "Ik was er niet", "Terug naar het menu"], ResidentChat.Buttons(question).Select(b => b.Title).ToArray());
        Assert.DoesNotContain(notGoing.All, a => Said.Text(a).Contains("Hoe was de bijeenkomst", StringComparison.Ordinal));

        await going.SendAsync(Activities.Message(Connector.ServiceUrl, going.ConversationId, null!, value: ResidentChat.Buttons(question).Single(b => b.Title == "🙂 Goed").Data!));
        Assert.Contains("Wil je er nog iets over zeggen?", Said.Text(going.Last), StringComparison.Ordinal);
        await going.SayAsync("Gezellig! Bel me gerust op 06-12345678");
        Assert.Contains("Zo leren we wat goed gaat", Said.Text(going.Last), StringComparison.Ordinal);
        // The same button again (a double click, an old card): still one evaluation.
        await going.SendAsync(Activities.Message(Connector.ServiceUrl, going.ConversationId, null!, value: ResidentChat.Buttons(question).Single(b => b.Title == "😄 Heel goed").Data!));

        var id = await ResidentIdAsync(going);
        var evaluation = await Host.Get<EvaluationService>().OfAsync(id, EvaluationSubject.Meeting, meeting.Id);
        Assert.Equal(5, evaluation!.Score);
        Assert.Contains("Gezellig!", evaluation.Comment, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", evaluation.Comment, StringComparison.Ordinal);
        Assert.Equal(1, await Rows.CountAsync(Host, "evaluations", "subject_id = @id", new { id = meeting.Id }));
        Assert.Equal(1, await Rows.CountAsync(Host, "meeting_attendance", "meeting_id = @id", new { id = meeting.Id }));
        Assert.Equal(1, await Rows.CountAsync(Host, "notification_outbox", "kind = 'Evaluation' AND payload LIKE @like", new { like = "%" + meeting.Id + "%" }));

        // A resident who was not going cannot evaluate it with made-up button data.
        await notGoing.SendAsync(Activities.Message(Connector.ServiceUrl, notGoing.ConversationId, null!, value: new { action = "EvaluationScore", kind = "Meeting", id = meeting.Id, score = "1" }));
        Assert.Contains("Hierover kan ik je mening nu niet vragen.", Said.Text(notGoing.Last), StringComparison.Ordinal);
        Assert.Equal(1, await Rows.CountAsync(Host, "evaluations", "subject_id = @id", new { id = meeting.Id }));
    }

    [Fact]
    public async Task NewsAboutAnIdea_CarriesWhatDoYouThink_AnsweredOncePerStatus()
    {
        var chat = await ResidentInPottenbergAsync();
        await chat.SayAsync("De lantaarnpaal bij de speeltuin is al weken kapot");
        var id = await ResidentIdAsync(chat);
        var idea = (await Host.Get<IdeaService>().MineAsync(id)).Single();

        await Host.Get<IdeaService>().ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, "We bespreken het dinsdag.", "anne@gemeente");

        await Eventually.HoldsAsync(() => chat.All.Any(a => ResidentChat.Buttons(a).Any(b => b.Title == "Wat vind ik ervan?")), "the news with the question");
        var news = chat.All.Last(a => ResidentChat.Buttons(a).Any(b => b.Title == "Wat vind ik ervan?"));
        await chat.SendAsync(Activities.Message(Connector.ServiceUrl, chat.ConversationId, null!, value: ResidentChat.Buttons(news).Single(b => b.Title == "Wat vind ik ervan?").Data!));
        Assert.Contains("Wat vind je van wat er nu gebeurt?", Said.Text(chat.Last), StringComparison.Ordinal);
        await chat.ClickAsync("🙁 Slecht");
        await chat.ClickAsync("Geen opmerking");

        var subject = Evaluation.IdeaStatusSubject(idea.Id, IdeaStatus.InDiscussion);
        var evaluation = await Host.Get<EvaluationService>().OfAsync(id, EvaluationSubject.IdeaStatus, subject);
        Assert.Equal((2, (string?)null), (evaluation!.Score, evaluation.Comment));
        Assert.Equal(NotificationKind.IdeaStatus, (await Host.Get<INotificationOutbox>().ForRecipientAsync(Recipient.Resident(id))).Single(n => n.Kind == NotificationKind.IdeaStatus).Kind);
    }
}
