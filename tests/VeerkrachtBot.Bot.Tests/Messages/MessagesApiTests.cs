using System.Net;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Messages;

/// <summary>/api/messages over real HTTP, with the bot's replies caught by a loopback connector.</summary>
public sealed class MessagesApiTests(BotHost host) : ConnectorTest(host)
{
    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ConversationUpdate_NewMember_GetsDutchWelcome_WithOneQuestion_WhereTheyLive()
    {
        var conversation = NewConversation();

        var response = await Client.PostAsync("api/messages", Activities.MembersAdded(Connector.ServiceUrl, conversation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(Connector.SentTo(conversation));
        Assert.Contains("Hoi! Ik ben VeerkrachtBot", Said.Text(reply), StringComparison.Ordinal);
        var card = Said.Card(reply)!;
        Assert.Equal("1.5", card.Value<string>("version"));
        Assert.Contains("In welke buurt woon je?", Said.Text(reply), StringComparison.Ordinal);
        Assert.Equal(["Pottenberg", "Nazareth", "Ergens anders"], card.SelectTokens("$..actions[*]").Select(a => a.Value<string>("title")!).ToArray());
        Assert.All(card.SelectTokens("$..actions[*]"), a => Assert.Equal("Action.Submit", a.Value<string>("type")));
    }

    [Fact]
    public async Task Message_IsAnsweredByPostingToTheServiceUrl()
    {
        var conversation = NewConversation();
        var message = Activities.Message(Connector.ServiceUrl, conversation, "hallo");

        var response = await Client.PostAsync("api/messages", message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (path, _, reply) = Assert.Single(Connector.All, r => r.Activity.Conversation.Id == conversation);
        Assert.Equal($"/v3/conversations/{conversation}/activities/{message.Id}", path);
        Assert.Equal(message.Id, reply.ReplyToId);
        Assert.Equal("nl-NL", reply.Locale);
    }

    [Fact]
    public async Task Message_InEnglishLocale_IsAnsweredInEnglish()
    {
        var conversation = NewConversation();

        await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "hello", locale: "en-US"));

        Assert.Contains("I am VeerkrachtBot", Said.Text(Assert.Single(Connector.SentTo(conversation))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_ChosenByButton_IsRememberedForTheNextMessage()
    {
        var conversation = NewConversation();

        await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, text: null!, value: new { action = "English" }));
        await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "menu"));

        var replies = Connector.SentTo(conversation);
        Assert.Equal(2, replies.Count);
        Assert.Contains("From now on I will speak English", Said.Text(replies[0]), StringComparison.Ordinal);
        Assert.Contains("What would you like to do?", Said.Text(replies[1]), StringComparison.Ordinal);
        Assert.Equal("en-GB", replies[1].Locale);
    }

    [Fact]
    public async Task Nederlands_SwitchesBackToDutch()
    {
        var conversation = NewConversation();

        await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "English"));
        await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "Nederlands"));
        await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "help"));

        var replies = Connector.SentTo(conversation);
        Assert.Contains("Vanaf nu praat ik Nederlands", Said.Text(replies[1]), StringComparison.Ordinal);
        Assert.Contains("Je kunt altijd deze woorden typen", Said.Text(replies[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownInput_GetsAHelpfulReplyWithTheMenu()
    {
        var conversation = NewConversation();

        var response = await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "qwerty zxcv 🙃"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var said = Said.Text(Assert.Single(Connector.SentTo(conversation)));
        Assert.Contains("Sorry, dat begrijp ik nog niet goed", said, StringComparison.Ordinal);
        Assert.Contains("Idee of zorg delen", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelWithoutCards_GetsTextWithSuggestedActions()
    {
        var conversation = NewConversation();

        await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "menu", channelId: "sms"));

        var reply = Assert.Single(Connector.SentTo(conversation));
        Assert.Null(reply.Attachments is { Count: > 0 } ? reply.Attachments : null);
        Assert.Contains("Wat wil je doen?", reply.Text, StringComparison.Ordinal);
        Assert.Equal(["Idee of zorg delen", "Mijn ideeën", "Bijeenkomsten", "Vragen over de buurt", "Mijn gegevens", "English"],
            reply.SuggestedActions.Actions.Select(a => a.Title).ToArray());
    }

    [Fact]
    public async Task TypedSuggestedAction_OnTextChannel_IsUnderstood()
    {
        var conversation = NewConversation();

        await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, "Bijeenkomsten", channelId: "telegram"));

        // A new resident is asked their neighbourhood first; the answer takes them on to the meetings.
        var reply = Assert.Single(Connector.SentTo(conversation));
        Assert.Contains("In welke buurt woon je?", reply.Text, StringComparison.Ordinal);
        Assert.Equal(["Pottenberg", "Nazareth", "Terug naar het menu"], reply.SuggestedActions.Actions.Select(a => a.Title).ToArray());
    }

    [Fact]
    public async Task MessageWithMention_IsReadWithoutTheMention()
    {
        // Teams mentions are tested with the professionals (TeamsCommandTests); other channels mention the bot the same way.
        var conversation = NewConversation();
        var message = Activities.Message(Connector.ServiceUrl, conversation, "<at>VeerkrachtBot</at> help", channelId: "slack");
        message.Entities = [new Entity("mention") { Properties = Newtonsoft.Json.Linq.JObject.FromObject(new { mentioned = new { id = "bot", name = "VeerkrachtBot" }, text = "<at>VeerkrachtBot</at>" }) }];

        await Client.PostAsync("api/messages", message);

        Assert.Contains("Je kunt altijd deze woorden typen", Said.Text(Assert.Single(Connector.SentTo(conversation))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageOfOneMegabyte_GetsAPoliteTooLongReply()
    {
        var conversation = NewConversation();

        var response = await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, conversation, new string('a', 1024 * 1024)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var said = Said.Text(Assert.Single(Connector.SentTo(conversation)));
        Assert.Contains("Je bericht is te lang voor mij", said, StringComparison.Ordinal);
        Assert.Contains("2.000 tekens", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413()
    {
        var response = await Client.PostAsync("api/messages", Activities.Message(Connector.ServiceUrl, NewConversation(), new string('a', 3 * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2,3]", "must be a JSON object")]
    [InlineData("", "not valid JSON")]
    [InlineData("""{"type":"message","text":"hoi","channelId":"webchat","serviceUrl":"http://127.0.0.1:1/","from":{"id":"u"}}""", "conversation.id")]
    [InlineData("""{"type":"frobnicate","conversation":{"id":"c"},"channelId":"webchat","serviceUrl":"http://127.0.0.1:1/"}""", "Unknown activity type")]
    [InlineData("""{"conversation":{"id":"c"},"channelId":"webchat","serviceUrl":"http://127.0.0.1:1/"}""", "no 'type'")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"channelId":"webchat","serviceUrl":"javascript:alert(1)","from":{"id":"u"}}""", "serviceUrl")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"channelId":"webchat","serviceUrl":"http://127.0.0.1:1/"}""", "from.id")]
    [InlineData("""{"type":"message","timestamp":"yesterday","conversation":{"id":"c"}}""", "not valid JSON")]
    [InlineData("""{"type":"message","text":"hoi","conversation":{"id":"c"},"channelId":"webchat","serviceUrl":"http://127.0.0.1:1/","from":{"id":"u"}} and more""", "not valid JSON")]
    [InlineData("""{"type":"message","text":"hoi","conversation":{"id":"c"},"channelId":"webchat","serviceUrl":"http://127.0.0.1:1/","from":{"id":"u"},}""", "not valid JSON")]
    [InlineData("""{"type":"message","text":NaN,"conversation":{"id":"c"},"channelId":"webchat","serviceUrl":"http://127.0.0.1:1/","from":{"id":"u"}}""", "not valid JSON")]
    [InlineData("""{"type":"message","text":"hoi","conversation":{"id":"c"},"channelId":"../web chat","serviceUrl":"http://127.0.0.1:1/","from":{"id":"u"}}""", "channelId")]
    [InlineData("""{"type":"message","text":"hoi","conversation":{"id":"c\u202e"},"channelId":"webchat","serviceUrl":"http://127.0.0.1:1/","from":{"id":"u"}}""", "conversation.id")]
    [InlineData("""{"type":"message","id":"a b","text":"hoi","conversation":{"id":"c"},"channelId":"webchat","serviceUrl":"http://127.0.0.1:1/","from":{"id":"u"}}""", "'id'")]
    public async Task BadInput_IsAClear400(string body, string expected)
    {
        var response = await Client.PostAsync("api/messages", Activities.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeeplyNestedJson_IsRefusedNotCrashing()
    {
        var body = new string('[', 10_000) + new string(']', 10_000);

        var response = await Client.PostAsync("api/messages", Activities.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheSameActivityTwice_IsAnsweredWithoutError()
    {
        var conversation = NewConversation();
        var message = Activities.Message(Connector.ServiceUrl, conversation, "menu");

        var first = await Client.PostAsync("api/messages", message);
        var second = await Client.PostAsync("api/messages", message);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task UnreachableServiceUrl_DoesNotCrashTheHost()
    {
        await using var host = Host.Restarted().With("Bot:AllowedServiceUrls:1", "http://127.0.0.1:9/");
        await host.InitializeAsync();
        using var client = host.CreateHttpClient();
        var message = Activities.Message("http://127.0.0.1:9/", NewConversation(), "hallo");

        var response = await client.PostAsync("api/messages", message);

        // The channel cannot be told; the turn error is logged and the request still completes cleanly.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz")).StatusCode);
    }
}
