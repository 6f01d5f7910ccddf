using System.Net;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Routing;

/// <summary>
/// Review finding 8: an invoke that admission answers itself gets a response that says what happened, never the SDK's
/// 501: a redelivery is done (200), one over the rate limit is a 429 with Retry-After. (A failed turn: 503 with
/// Retry-After when the person can try again, in TransientDatabaseTests.)
/// </summary>
public sealed class AdmissionInvokeTests(BotHost host) : ConnectorTest(host)
{
    private Activity Invoke(string conversation)
    {
        var invoke = Activities.Message(Connector.ServiceUrl, conversation, text: null!);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JObject.Parse("""{"action":{"type":"Action.Execute","verb":"x","data":{}},"trigger":"manual"}""");
        return invoke;
    }

    [Fact]
    public async Task ARedeliveredInvoke_Gets200_NotTheSdks501()
    {
        var chat = new ResidentChat(Client, Connector);
        await chat.ArriveAsync();
        var invoke = Invoke(chat.ConversationId);
        var mark = Host.Log.Mark();

        using var first = await Client.PostAsync("api/messages", invoke);
        using var redelivery = await Client.PostAsync("api/messages", invoke);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        Assert.Empty(Host.Log.ErrorsSince(mark));
    }

    [Fact]
    public async Task AnInvokeOverTheRateLimit_Gets429_WithRetryAfterUntilTheMinuteEnds()
    {
        await using var limited = Host.Restarted().With("Bot:MessagesPerMinute", "2");
        await limited.InitializeAsync();
        using var client = limited.CreateHttpClient();
        var chat = new ResidentChat(client, Connector);
        await chat.SayAsync("help");
        await chat.SayAsync("help");

        using var notice = await client.PostAsync("api/messages", Invoke(chat.ConversationId));
        using var silent = await client.PostAsync("api/messages", Invoke(chat.ConversationId));

        Assert.All(new[] { notice, silent }, response =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        });
        Assert.Contains("TooManyRequests", await notice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(limited.Log.Errors);
    }
}
