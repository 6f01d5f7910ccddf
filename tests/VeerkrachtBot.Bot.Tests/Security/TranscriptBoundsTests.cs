using System.Net;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Security;

/// <summary>
/// Finding 4: a web chat transcript cannot fill the disk: a stored activity is small (text over the message
/// limit is not kept in full), a conversation's transcript has a ceiling, and a client can post only so often.
/// </summary>
public sealed class TranscriptBoundsTests(BotHost host) : IClassFixture<BotHost>, IDisposable
{
    private readonly HttpClient _http = host.CreateHttpClient();

    public void Dispose() => _http.Dispose();

    private static bool FromBot(JObject activity) => activity.SelectToken("from.role")?.ToString() == "bot";

    [Fact]
    public async Task FortyPostsOfNearlyTwoMegabytes_StoreOnlyWhatTheBotReads()
    {
        var client = await new DirectLineClient(_http).StartAsync();
        await client.PollForAsync(FromBot);
        var huge = new string('x', 1_900_000);

        for (var i = 0; i < 40; i++)
        {
            var response = await client.PostActivityAsync(new { type = "message", text = huge, value = new { padding = huge[..50_000] }, channelData = new { clientActivityID = $"big-{i}", padding = huge[..50_000] } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var stored = await Rows.TranscriptAsync(host, client.ConversationId);
        var fromResident = stored.Select(JObject.Parse).Where(a => a.SelectToken("from.role")?.ToString() == "user").ToList();
        Assert.Equal(40, fromResident.Count);
        Assert.All(fromResident, a => Assert.True(a.ToString(Newtonsoft.Json.Formatting.None).Length <= 16 * 1024, "a stored activity over 16 KB"));
        Assert.All(fromResident, a => Assert.True(a.Value<string>("text")!.Length <= 2001, "the text was kept in full"));
        Assert.True(await Rows.TranscriptCharsAsync(host, client.ConversationId) < 1_000_000);
        Assert.Contains(stored, a => a.Contains("Je bericht is te lang voor mij", StringComparison.Ordinal));
        Assert.Empty(host.Log.Errors);
    }

    /// <summary>Review finding 4: the client activity id was cut for the duplicate check but stored whole.</summary>
    [Fact]
    public async Task AClientActivityIdOverTwoHundredCharacters_IsA400_AndNothingIsStored()
    {
        var client = await new DirectLineClient(_http).StartAsync();
        await client.PollForAsync(FromBot);
        var before = await Rows.TranscriptCharsAsync(host, client.ConversationId);

        var refused = await client.PostActivityAsync(new { type = "message", text = "hoi", channelData = new { clientActivityID = new string('x', 1_500_000) } });
        var longest = await client.PostActivityAsync(new { type = "message", text = "hoi", channelData = new { clientActivityID = new string('y', 200) } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("clientActivityID", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        var stored = await Rows.TranscriptAsync(host, client.ConversationId);
        Assert.DoesNotContain(stored, a => a.Contains("xxxx", StringComparison.Ordinal));
        Assert.True(await Rows.TranscriptCharsAsync(host, client.ConversationId) - before < 20_000);
    }

    [Fact]
    public async Task AnActivityTooLargeEvenWithoutItsOptionalParts_IsA413_AndNothingIsStored()
    {
        var client = await new DirectLineClient(_http).StartAsync();
        await client.PollForAsync(FromBot);
        var before = (await Rows.TranscriptAsync(host, client.ConversationId)).Count;

        // Nothing optional to drop: the activity's own id is what is large.
        var response = await client.PostActivityAsync(new { type = "message", id = new string('z', 100_000), text = "hoi" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MessageSizeTooBig", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await Rows.TranscriptAsync(host, client.ConversationId)).Count);
    }

    [Fact]
    public void TheStoredForm_OfAnActivityStillTooLargeAfterDroppingItsOptionalParts_IsNothing()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "hoi",
            ChannelData = new JObject { ["clientActivityID"] = new string('x', 1_500_000) },
        };

        Assert.Null(DirectLineService.TranscriptJson(activity, 2000));
        activity.ChannelData = new JObject { ["clientActivityID"] = "abc", ["padding"] = new string('x', 1_500_000) };
        Assert.True(DirectLineService.TranscriptJson(activity, 2000)!.Length <= DirectLineService.MaxStoredActivityChars + 2000);
    }

    [Fact]
    public async Task AConversationsTranscript_HasACeiling()
    {
        await using var small = host.Restarted().With("DirectLine:MaxTranscriptCharsPerConversation", "60000");
        await small.InitializeAsync();
        using var http = small.CreateHttpClient();
        var client = await new DirectLineClient(http).StartAsync();
        var text = new string('y', 10_000);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60 && !statuses.Contains(HttpStatusCode.RequestEntityTooLarge); i++)
        {
            statuses.Add((await client.PostActivityAsync(new { type = "message", text })).StatusCode);
        }

        // A long post that does not fit is refused while a short one may still fit (the bot's replies count too): short
        // posts go on until the transcript is full for them as well.
        HttpResponseMessage refused;
        var shortPosts = 0;
        do
        {
            refused = await client.PostActivityAsync(new { type = "message", text = "menu" });
        }
        while (refused.StatusCode == HttpStatusCode.OK && ++shortPosts < 50);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("ConversationTooLarge", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await Rows.TranscriptCharsAsync(small, client.ConversationId) <= 60_000 + (16 * 1024));

        // A new conversation of the same resident works as before.
        var next = await new DirectLineClient(http).StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await next.PostActivityAsync(new { type = "message", text = "menu" })).StatusCode);
    }

    [Fact]
    public async Task PostsPerClient_AreLimitedPerMinute_With429AndRetryAfter()
    {
        await using var limited = host.Restarted().With("DirectLine:ActivitiesPerMinutePerClient", "5");
        await limited.InitializeAsync();
        using var http = limited.CreateHttpClient();
        var client = await new DirectLineClient(http).StartAsync();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
        {
            responses.Add(await client.PostActivityAsync(new { type = "message", text = "help" }));
        }

        Assert.All(responses.Take(5), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses.Skip(5), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        });
        var stored = (await Rows.TranscriptAsync(limited, client.ConversationId)).Count(a => JObject.Parse(a).SelectToken("from.role")?.ToString() == "user");
        Assert.Equal(5, stored);
    }
}
