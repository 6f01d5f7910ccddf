using System.Net;
using System.Net.Http.Json;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.DirectLine;

public sealed class RateLimitedBotHost : BotHost
{
    public RateLimitedBotHost() => With("WebChat:TokensPerMinutePerClient", "3");
}

public sealed class WebChatTokenRateLimitTests(RateLimitedBotHost host) : IClassFixture<RateLimitedBotHost>
{
    [Fact]
    public async Task TokenEndpoint_LimitsNewConversationsPerClient()
    {
        using var http = host.CreateHttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await http.PostAsJsonAsync("api/webchat/token", new { locale = "nl-NL" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
