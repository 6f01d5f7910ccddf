using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>A small Direct Line 3.0 client over raw HTTP and WebSocket, to test the protocol itself.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public string Token { get; private set; } = null!;
    public string ConversationId { get; private set; } = null!;
    public string UserId { get; private set; } = null!;
    public string StreamUrl { get; private set; } = null!;

    /// <summary>Gets a token the way the web page does, then starts the conversation.</summary>
    public async Task<DirectLineClient> StartAsync(string locale = "nl-NL")
    {
        var tokenResponse = await http.PostAsJsonAsync("api/webchat/token", new { locale });
        tokenResponse.EnsureSuccessStatusCode();
        var session = JObject.Parse(await tokenResponse.Content.ReadAsStringAsync());
        Token = session.Value<string>("token")!;
        UserId = session.Value<string>("userId")!;

        var started = await SendAsync(HttpMethod.Post, "v3/directline/conversations");
        started.EnsureSuccessStatusCode();
        var conversation = JObject.Parse(await started.Content.ReadAsStringAsync());
        ConversationId = conversation.Value<string>("conversationId")!;
        StreamUrl = conversation.Value<string>("streamUrl")!;
        return this;
    }

    public Task<HttpResponseMessage> PostActivityAsync(object activity, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId ?? ConversationId}/activities", JObject.FromObject(activity).ToString());

    public async Task<(JArray Activities, string Watermark)> GetActivitiesAsync(string? watermark = null)
    {
        var response = await SendAsync(HttpMethod.Get, $"v3/directline/conversations/{ConversationId}/activities" + (watermark is null ? "" : $"?watermark={watermark}"));
        response.EnsureSuccessStatusCode();
        var set = JObject.Parse(await response.Content.ReadAsStringAsync());
        return ((JArray)set["activities"]!, set.Value<string>("watermark")!);
    }

    /// <summary>Polls until an activity from the bot satisfies <paramref name="match"/>, like directlinejs in polling mode.</summary>
    public async Task<JObject> PollForAsync(Func<JObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        string? watermark = null;
        while (DateTime.UtcNow < deadline)
        {
            var (activities, next) = await GetActivitiesAsync(watermark);
            watermark = next;
            if (activities.OfType<JObject>().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("No matching activity arrived.");
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = json is null ? null : Activities.Json(json) };
        request.Headers.Authorization = Activities.Bearer(token ?? Token);
        return http.SendAsync(request);
    }

    /// <summary>Opens the stream and collects activity sets until <paramref name="done"/> says it has enough.</summary>
    public static async Task<List<JObject>> ReadStreamAsync(string streamUrl, Func<List<JObject>, bool> done, TimeSpan? timeout = null)
    {
        using var socket = new ClientWebSocket();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(new Uri(streamUrl), cts.Token);
        var received = new List<JObject>();
        var buffer = new byte[64 * 1024];
        while (!done(received))
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cts.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            if (message.Length > 0)
            {
                var set = JObject.Parse(Encoding.UTF8.GetString(message.ToArray()));
                received.AddRange(set["activities"]!.OfType<JObject>());
            }
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        return received;
    }
}
