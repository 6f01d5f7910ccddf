using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.Messages;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>
/// A Direct Line 3.0 compatible endpoint under <c>/v3/directline</c>: tokens, conversations, activities with
/// watermarks, and the WebSocket stream that Web Chat uses by default. A token opens its own conversation only.
/// </summary>
public static class DirectLineApi
{
    public const string Prefix = "/v3/directline";

    public static IEndpointRouteBuilder MapDirectLineApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).DisableAntiforgery();
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshTokenAsync);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync);
        group.MapPost("/conversations/{conversationId}/upload", () =>
            new DirectLineError(StatusCodes.Status415UnsupportedMediaType, "BadArgument", "This bot does not accept file uploads; please send text.").ToResult());
        return app;
    }

    private static async Task<IResult> GenerateTokenAsync(HttpRequest request, DirectLineService service, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        if (!tokens.IsSecret(Bearer(request) ?? string.Empty))
        {
            return Forbidden("Generating a token needs the Direct Line secret.");
        }

        var (conversation, token) = await service.CreateConversationAsync(DirectLineService.NewUserId(), locale: null, cancellationToken);
        return Results.Json(new ConversationResponse(conversation.Id, token, (int)tokens.ConversationTokenLifetime.TotalSeconds));
    }

    private static async Task<IResult> RefreshTokenAsync(HttpRequest request, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var grant = await tokens.ValidateConversationTokenAsync(Bearer(request) ?? string.Empty, cancellationToken);
        if (grant is null)
        {
            return Forbidden("The token is missing, invalid or expired.");
        }

        var token = await tokens.IssueConversationTokenAsync(grant, cancellationToken);
        return Results.Json(new ConversationResponse(grant.ConversationId, token, (int)tokens.ConversationTokenLifetime.TotalSeconds));
    }

    private static async Task<IResult> StartConversationAsync(HttpRequest request, DirectLineService service, DirectLineTokens tokens, TranscriptStore transcripts, PublicUrls urls, CancellationToken cancellationToken)
    {
        var bearer = Bearer(request) ?? string.Empty;
        DirectLineConversation? conversation;
        string token;
        if (tokens.IsSecret(bearer))
        {
            (conversation, token) = await service.CreateConversationAsync(DirectLineService.NewUserId(), locale: null, cancellationToken);
        }
        else
        {
            var grant = await tokens.ValidateConversationTokenAsync(bearer, cancellationToken);
            conversation = grant is null ? null : await transcripts.GetAsync(grant.ConversationId, cancellationToken);
            if (conversation is null)
            {
                return Forbidden("The token is missing, invalid or expired.");
            }

            token = bearer;
        }

        await service.StartAsync(conversation, cancellationToken);
        var body = new ConversationResponse(conversation.Id, token, (int)tokens.ConversationTokenLifetime.TotalSeconds, StreamUrl(urls, conversation.Id, token, watermark: null));
        return Results.Json(body, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReconnectAsync(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, TranscriptStore transcripts, PublicUrls urls, CancellationToken cancellationToken)
    {
        var (conversation, _, error) = await AuthorizeAsync(request, conversationId, tokens, transcripts, cancellationToken);
        if (conversation is null)
        {
            return error!.ToResult();
        }

        // The client gets a conversation token back, never the secret (which would end up in the stream URL).
        var presented = Presented(request);
        var token = tokens.IsSecret(presented)
            ? await tokens.IssueConversationTokenAsync(new DirectLineGrant(conversation.Id, conversation.UserId), cancellationToken)
            : presented;
        return Results.Json(new ConversationResponse(conversation.Id, token, (int)tokens.ConversationTokenLifetime.TotalSeconds, StreamUrl(urls, conversation.Id, token, watermark)));
    }

    private static async Task<IResult> PostActivityAsync(string conversationId, HttpRequest request, DirectLineService service, DirectLineTokens tokens, TranscriptStore transcripts,
        ClientRateLimits limits, IOptions<BotOptions> options, CancellationToken cancellationToken)
    {
        var (conversation, grant, error) = await AuthorizeAsync(request, conversationId, tokens, transcripts, cancellationToken);
        if (conversation is null)
        {
            return error!.ToResult();
        }

        // Every post is stored: one client address cannot make a transcript grow without end.
        if (limits.DirectLineActivity(request.HttpContext) is { } wait)
        {
            RetryAfter.Set(request.HttpContext.Response, wait);
            return new DirectLineError(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many activities in the last minute; try again later.").ToResult();
        }

        var body = await RequestBody.ReadLimitedAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return new DirectLineError(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The activity is larger than {options.Value.MaxRequestBytes} bytes.").ToResult();
        }

        var (activity, parseError) = ActivityValidation.Parse(body);
        if (activity is null)
        {
            return DirectLineError.BadArgument(parseError!).ToResult();
        }

        var (id, postError) = await service.PostFromClientAsync(conversation, grant, activity, cancellationToken);
        return postError?.ToResult() ?? Results.Json(new { id });
    }

    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, TranscriptStore transcripts, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var (conversation, _, error) = await AuthorizeAsync(request, conversationId, tokens, transcripts, cancellationToken);
        if (conversation is null)
        {
            return error!.ToResult();
        }

        if (!TryParseWatermark(watermark, out var after))
        {
            return DirectLineError.BadArgument("The watermark is not valid.").ToResult();
        }

        var entries = await transcripts.ReadAfterAsync(conversation.Id, after, options.Value.MaxActivitiesPerGet, cancellationToken);
        return Results.Text(ActivitySetJson(conversation.Id, entries, after), "application/json", Encoding.UTF8);
    }

    private static async Task StreamAsync(string conversationId, string? watermark, HttpContext context, DirectLineTokens tokens, TranscriptStore transcripts, TranscriptSignals signals, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var (conversation, _, error) = await AuthorizeAsync(context.Request, conversationId, tokens, transcripts, cancellationToken);
        if (conversation is null)
        {
            await error!.ToResult().ExecuteAsync(context);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await DirectLineError.BadArgument("The stream is a WebSocket; connect with a WebSocket client.").ToResult().ExecuteAsync(context);
            return;
        }

        TryParseWatermark(watermark, out var after);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = DrainUntilClosedAsync(socket, closed);
        var poll = TimeSpan.FromMilliseconds(options.Value.StreamPollMilliseconds);
        try
        {
            while (!closed.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var next = signals.NextAsync(conversation.Id);
                var entries = await transcripts.ReadAfterAsync(conversation.Id, after, options.Value.MaxActivitiesPerGet, closed.Token);
                if (entries.Count > 0)
                {
                    var json = Encoding.UTF8.GetBytes(ActivitySetJson(conversation.Id, entries, after));
                    await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                    after = entries[^1].Sequence;
                    continue;
                }

                await Task.WhenAny(next, Task.Delay(poll, closed.Token), receiving);
            }
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
            // The client went away or the server is stopping.
        }
        catch (WebSocketException)
        {
            // The connection broke; the client reconnects with its watermark and loses nothing.
        }

        signals.Forget(conversation.Id);
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
    }

    /// <summary>Clients send empty keep-alive messages; read and ignore them until the client closes.</summary>
    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Treated as closed below.
        }

        await closed.CancelAsync();
    }

    /// <summary>The conversation a request may use, and the token's grant (null when the secret was presented).</summary>
    private static async Task<(DirectLineConversation? Conversation, DirectLineGrant? Grant, DirectLineError? Error)> AuthorizeAsync(
        HttpRequest request, string conversationId, DirectLineTokens tokens, TranscriptStore transcripts, CancellationToken cancellationToken)
    {
        var presented = Presented(request);
        if (tokens.IsSecret(presented))
        {
            var bySecret = await transcripts.GetAsync(conversationId, cancellationToken);
            return bySecret is null ? (null, null, NotFound()) : (bySecret, null, null);
        }

        var grant = await tokens.ValidateConversationTokenAsync(presented, cancellationToken);
        if (grant is null)
        {
            return (null, null, new DirectLineError(StatusCodes.Status403Forbidden, "TokenExpired", "The token is missing, invalid or expired."));
        }

        if (!string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return (null, null, new DirectLineError(StatusCodes.Status403Forbidden, "Forbidden", "This token is for another conversation."));
        }

        var conversation = await transcripts.GetAsync(conversationId, cancellationToken);
        return conversation is null ? (null, null, NotFound()) : (conversation, grant, null);
    }

    private static DirectLineError NotFound() => new(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.");

    private static IResult Forbidden(string message) => new DirectLineError(StatusCodes.Status403Forbidden, "Forbidden", message).ToResult();

    /// <summary>The credential a request carries: the Authorization header, or the stream URL's <c>t</c> parameter.</summary>
    private static string Presented(HttpRequest request) => Bearer(request) ?? request.Query["t"].ToString();

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static bool TryParseWatermark(string? watermark, out long after)
    {
        after = 0;
        return string.IsNullOrEmpty(watermark) || watermark == "-" || (long.TryParse(watermark, out after) && after >= 0);
    }

    /// <summary>The WebSocket URL of a conversation, on the bot's own address (never the request's Host header, which the client chooses).</summary>
    private static string StreamUrl(PublicUrls urls, string conversationId, string token, string? watermark) =>
        urls.WebSocketFor($"{Prefix.TrimStart('/')}/conversations/{Uri.EscapeDataString(conversationId)}/stream?watermark={Uri.EscapeDataString(watermark ?? "-")}&t={Uri.EscapeDataString(token)}").AbsoluteUri;

    private static string ActivitySetJson(string conversationId, IReadOnlyList<TranscriptEntry> entries, long after)
    {
        var watermark = entries.Count > 0 ? entries[^1].Sequence : after;
        var builder = new StringBuilder("{\"activities\":[");
        builder.AppendJoin(',', entries.Select(e => DirectLineService.ToClientJson(conversationId, e)));
        builder.Append("],\"watermark\":\"").Append(watermark).Append("\"}");
        return builder.ToString();
    }

    private sealed record ConversationResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("conversationId")] string ConversationId,
        [property: System.Text.Json.Serialization.JsonPropertyName("token")] string Token,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("streamUrl"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null);
}
