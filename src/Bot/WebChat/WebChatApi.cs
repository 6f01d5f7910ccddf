using System.Text.RegularExpressions;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.Hosting;

namespace VeerkrachtBot.Bot.WebChat;

/// <summary>
/// <c>POST /api/webchat/token</c>: what the web page calls to get a Direct Line token. The page keeps the returned
/// user token and conversation id: a returning resident is the same user, and gets a fresh token for their own
/// earlier conversation (the user token proves it is theirs), so a reload shows the conversation and goes on with its
/// step. Anything else (no or a foreign conversation, a full transcript) gets a new conversation.
/// </summary>
public static partial class WebChatApi
{
    public const string RateLimitPolicy = "webchat-token";

    public static IEndpointRouteBuilder MapWebChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webchat/token", IssueAsync).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery();
        return app;
    }

    public sealed record TokenRequest(string? UserToken, string? Locale, string? ConversationId = null);

    /// <summary>
    /// The token and conversation. <c>Local</c>: the Direct Line is this bot's own, so the page uses it on the origin it
    /// was opened on. <c>Resumed</c>: the user's earlier conversation, which the page reconnects to instead of starting.
    /// </summary>
    public sealed record TokenResponse(string Token, string ConversationId, string UserId, string UserToken, int ExpiresIn, string DirectLineDomain, bool Local = true, bool Resumed = false);

    private static async Task<IResult> IssueAsync(TokenRequest? request, DirectLineService service, DirectLineTokens tokens, TranscriptStore transcripts,
        Microsoft.Extensions.Options.IOptions<DirectLineOptions> options, PublicUrls urls, CancellationToken cancellationToken)
    {
        var userId = request?.UserToken is { Length: > 0 } presented ? await tokens.ValidateUserTokenAsync(presented, cancellationToken) : null;
        var returning = userId is not null;
        var userToken = userId is null ? null : request!.UserToken!;
        userId ??= DirectLineService.NewUserId();
        userToken ??= await tokens.IssueUserTokenAsync(userId, cancellationToken);

        // The bot's own address, never the request's Host header: a client must not be able to point the page elsewhere.
        var domain = urls.For(DirectLineApi.Prefix).AbsoluteUri;
        if (returning && request!.ConversationId is { Length: > 0 and <= 200 } earlierId
            && await transcripts.GetAsync(earlierId, cancellationToken) is { } earlier && earlier.UserId == userId
            && await transcripts.CharsAsync(earlier.Id, cancellationToken) < options.Value.MaxTranscriptCharsPerConversation)
        {
            var resumed = await tokens.IssueConversationTokenAsync(new DirectLineGrant(earlier.Id, userId), cancellationToken);
            return TypedResults.Ok(new TokenResponse(resumed, earlier.Id, userId, userToken, (int)tokens.ConversationTokenLifetime.TotalSeconds, domain, Resumed: true));
        }

        var locale = request?.Locale is { } l && LocalePattern().IsMatch(l) ? l : "nl-NL";
        var (conversation, token) = await service.CreateConversationAsync(userId, locale, cancellationToken);
        return TypedResults.Ok(new TokenResponse(token, conversation.Id, userId, userToken, (int)tokens.ConversationTokenLifetime.TotalSeconds, domain));
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$")]
    private static partial Regex LocalePattern();
}
