using System.Net;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>Findings 5 and 7: odd client input gets a clear 4xx or a normal answer, never a 500 or a failed turn.</summary>
public sealed class ClientInputErrorTests(BotHost host) : ConnectorTest(host)
{
    [Theory]
    [InlineData("""{"a":1}""")]
    [InlineData("[1,2]")]
    [InlineData("true")]
    public async Task DirectLine_ClientActivityIdThatIsNotAString_IsAClear400(string clientActivityId)
    {
        var client = await new DirectLineClient(Client).StartAsync();

        var response = await client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{client.ConversationId}/activities",
            """{"type":"message","text":"hoi","channelData":{"clientActivityID":""" + clientActivityId + "}}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("clientActivityID", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Host.Log.Errors);
    }

    [Fact]
    public async Task MessageWithMalformedMentions_IsAnsweredNormally_AndNoTurnFails()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        var message = Activities.Message(Connector.ServiceUrl, conversation, "help");
        message.Entities = [new Entity("mention"), new Entity("mention") { Properties = new Newtonsoft.Json.Linq.JObject { ["mentioned"] = "bot", ["text"] = 5 } }];
        var mark = Host.Log.Mark();

        var response = await Client.PostAsync("api/messages", message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Je kunt altijd deze woorden typen", Said.Text(Assert.Single(Connector.SentTo(conversation))), StringComparison.Ordinal);
        Assert.Empty(Host.Log.ErrorsSince(mark));
    }

    [Fact]
    public async Task AnInvoke_TheBotDoesNotOffer_IsA400_NotA501()
    {
        var invoke = Activities.Message(Connector.ServiceUrl, "conv-" + Guid.NewGuid().ToString("N"), text: null!);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = Newtonsoft.Json.Linq.JObject.Parse("""{"action":{"type":"Action.Execute","verb":"erase","data":{"action":"EraseConfirmed"}}}""");
        var mark = Host.Log.Mark();

        var response = await Client.PostAsync("api/messages", invoke);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Host.Log.ErrorsSince(mark));
    }

    [Fact]
    public async Task TokenEndpoint_WithABodyThatDoesNotBind_IsA400_AndLogsNoError()
    {
        var mark = Host.Log.Mark();

        var malformed = await Client.PostAsync("api/webchat/token", Activities.Json("{oops"));
        var wrongTypes = await Client.PostAsync("api/webchat/token", Activities.Json("""{"userToken":5,"locale":{"a":1}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongTypes.StatusCode);
        Assert.Empty(Host.Log.ErrorsSince(mark));
    }

    [Fact]
    public async Task MessageWithoutRecipient_IsAnsweredNormally_AndNoTurnFails()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N");
        var message = Activities.Message(Connector.ServiceUrl, conversation, "help");
        message.Recipient = null;

        var response = await Client.PostAsync("api/messages", message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Je kunt altijd deze woorden typen", Said.Text(Assert.Single(Connector.SentTo(conversation))), StringComparison.Ordinal);
        Assert.Empty(Host.Log.Errors);
    }
}
