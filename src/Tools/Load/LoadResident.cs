using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace VeerkrachtBot.Tools.Load;

/// <summary>One turn as the simulated resident saw it: the HTTP status (0: no answer), how long it took, the bot's messages.</summary>
internal readonly record struct TurnResult(int Status, double Milliseconds, IReadOnlyList<JsonObject> Replies)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// A simulated resident in one conversation: says things and clicks card buttons the way Web Chat sends them (an
/// Action.Submit posts its data as the activity's value; a suggested action is typed as its title).
/// </summary>
internal abstract class LoadResident
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected LoadResident(HttpClient http, Uri bot)
    {
        Http = http;
        Bot = bot;
    }

    protected HttpClient Http { get; }

    protected Uri Bot { get; }

    /// <summary>The bot's messages of the latest turn.</summary>
    public IReadOnlyList<JsonObject> Last { get; protected set; } = [];

    /// <summary>The key the bot stores an idea of the latest message under (channel, conversation, activity id), where known.</summary>
    public string? LastKey { get; protected set; }

    public async Task<TurnResult> SayAsync(string text, CancellationToken cancellationToken)
    {
        var turn = await SendAsync(text, value: null, cancellationToken);
        Last = turn.Replies;
        return turn;
    }

    /// <summary>Clicks the first of these buttons the latest turn's messages offer; null when none does (the flow broke).</summary>
    public async Task<TurnResult?> ClickAsync(IReadOnlyList<string> titles, CancellationToken cancellationToken)
    {
        foreach (var reply in Last.Reverse())
        {
            foreach (var title in titles)
            {
                if (SubmitData(reply, title) is { } data)
                {
                    var turn = await SendAsync(text: null, data, cancellationToken);
                    Last = turn.Replies;
                    return turn;
                }

                if (reply["suggestedActions"]?["actions"] is JsonArray actions
                    && actions.Select(a => (string?)a?["title"]).FirstOrDefault(offered => Offers(offered, title)) is { } match)
                {
                    return await SayAsync(match, cancellationToken);
                }
            }
        }

        return null;
    }

    protected abstract Task<TurnResult> SendAsync(string? text, JsonObject? value, CancellationToken cancellationToken);

    protected static StringContent Body(JsonNode json) => new(json.ToJsonString(), Encoding.UTF8) { Headers = { ContentType = Json } };

    protected static int StatusOf(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: { } status } => (int)status,
        _ => 0,
    };

    /// <summary>A title ending in '*' matches every button that starts with the rest ("Bekijk ‘*": any meeting's button).</summary>
    private static bool Offers(string? offered, string title) =>
        offered is not null && (title.EndsWith('*') ? offered.StartsWith(title[..^1], StringComparison.Ordinal) : offered == title);

    private static JsonObject? SubmitData(JsonObject reply, string title)
    {
        foreach (var attachment in reply["attachments"] as JsonArray ?? [])
        {
            if (attachment?["content"] is JsonNode card && Find(card, title) is { } data)
            {
                return data;
            }
        }

        return null;
    }

    private static JsonObject? Find(JsonNode node, string title)
    {
        switch (node)
        {
            case JsonObject obj when (string?)obj["type"] == "Action.Submit" && Offers((string?)obj["title"], title):
                return obj["data"]?.DeepClone() as JsonObject ?? [];
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null && Find(child, title) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null && Find(child, title) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}

/// <summary>A resident on a channel that posts to <c>/api/messages</c>; the replies come back through the run's connector.</summary>
internal sealed class MessagesResident(HttpClient http, Uri bot, LoadConnector connector) : LoadResident(http, bot)
{
    private readonly string _conversation = "load-" + Guid.NewGuid().ToString("N");

    protected override async Task<TurnResult> SendAsync(string? text, JsonObject? value, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        LastKey = $"webchat:{_conversation}:{id}";
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = "webchat",
            ["serviceUrl"] = connector.ServiceUrl,
            ["conversation"] = new JsonObject { ["id"] = _conversation },
            ["from"] = new JsonObject { ["id"] = "user-" + _conversation, ["name"] = "Bewoner", ["role"] = "user" },
            ["recipient"] = new JsonObject { ["id"] = "bot", ["name"] = "VeerkrachtBot", ["role"] = "bot" },
            ["locale"] = "nl-NL",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await Http.PostAsync(new Uri(Bot, "api/messages"), Body(activity), cancellationToken);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            var status = (int)response.StatusCode;
            return new TurnResult(status, watch.Elapsed.TotalMilliseconds, connector.Take(_conversation));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new TurnResult(StatusOf(ex), watch.Elapsed.TotalMilliseconds, []);
        }
    }
}

/// <summary>
/// A resident in the web chat through the local Direct Line, as the page does it: a token from the bot, the
/// conversation started, each message posted and the bot's answer read back with the watermark.
/// </summary>
internal sealed class DirectLineResident(HttpClient http, Uri bot) : LoadResident(http, bot)
{
    private string? _token;
    private string? _conversation;
    private string? _user;
    private string? _watermark;

    /// <summary>Takes a token and starts the conversation (the bot's welcome turn); the result is the slower failure, if any.</summary>
    public async Task<TurnResult> StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var token = await Http.PostAsync(new Uri(Bot, "api/webchat/token"), Body(new JsonObject { ["locale"] = "nl-NL" }), cancellationToken);
            if (!token.IsSuccessStatusCode)
            {
                return new TurnResult((int)token.StatusCode, watch.Elapsed.TotalMilliseconds, []);
            }

            var session = JsonNode.Parse(await token.Content.ReadAsStringAsync(cancellationToken))!;
            _token = (string)session["token"]!;
            _conversation = (string)session["conversationId"]!;
            _user = (string)session["userId"]!;
            using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(Bot, "v3/directline/conversations"));
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            using var started = await Http.SendAsync(start, cancellationToken);
            await started.Content.CopyToAsync(Stream.Null, cancellationToken);
            if (!started.IsSuccessStatusCode)
            {
                return new TurnResult((int)started.StatusCode, watch.Elapsed.TotalMilliseconds, []);
            }

            var welcome = await ReadAsync(cancellationToken);
            Last = welcome.Replies;
            return welcome with { Milliseconds = watch.Elapsed.TotalMilliseconds };
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new TurnResult(StatusOf(ex), watch.Elapsed.TotalMilliseconds, []);
        }
    }

    protected override async Task<TurnResult> SendAsync(string? text, JsonObject? value, CancellationToken cancellationToken)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = _user, ["role"] = "user" },
            ["locale"] = "nl-NL",
            ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(Bot, $"v3/directline/conversations/{Uri.EscapeDataString(_conversation!)}/activities")) { Content = Body(activity) };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            using var posted = await Http.SendAsync(post, cancellationToken);
            await posted.Content.CopyToAsync(Stream.Null, cancellationToken);
            if (!posted.IsSuccessStatusCode)
            {
                return new TurnResult((int)posted.StatusCode, watch.Elapsed.TotalMilliseconds, []);
            }

            var read = await ReadAsync(cancellationToken);
            return read with { Milliseconds = watch.Elapsed.TotalMilliseconds };
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new TurnResult(StatusOf(ex), watch.Elapsed.TotalMilliseconds, []);
        }
    }

    /// <summary>The bot's messages after the watermark. The post returns after the turn, so they are there at once.</summary>
    private async Task<TurnResult> ReadAsync(CancellationToken cancellationToken)
    {
        var query = _watermark is null ? "" : "?watermark=" + Uri.EscapeDataString(_watermark);
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(Bot, $"v3/directline/conversations/{Uri.EscapeDataString(_conversation!)}/activities{query}"));
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await Http.SendAsync(get, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new TurnResult((int)response.StatusCode, 0, []);
        }

        var set = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        _watermark = (string?)set["watermark"] ?? _watermark;
        var replies = (set["activities"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => (string?)a["type"] == "message" && (string?)a["from"]?["id"] != _user)
            .ToList();
        return new TurnResult((int)response.StatusCode, 0, replies);
    }
}
