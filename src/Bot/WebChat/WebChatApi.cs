using System.Text.RegularExpressions;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.Hosting;

namespace VeerkrachtBot.Bot.WebChat;

/// <summary>
/// <c>POST /api/webchat/token</c>: what the web page calls to get a Direct Line token for a new conversation.
/// The page keeps the returned user token, so a returning resident is the same user (and sees their language
/// choice again) without the page ever holding a secret.
/// </summary>
public static partial class WebChatApi
{
    public const string RateLimitPolicy = "webchat-token";

    public static IEndpointRouteBuilder MapWebChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webchat/token", IssueAsync).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery();
        return app;
    }

    public sealed record TokenRequest(string? UserToken, string? Locale);

    public sealed record TokenResponse(string Token, string ConversationId, string UserId, string UserToken, int ExpiresIn, string DirectLineDomain);

    private static async Task<IResult> IssueAsync(TokenRequest? request, DirectLineService service, DirectLineTokens tokens, PublicUrls urls, CancellationToken cancellationToken)
    {
        var userId = request?.UserToken is { Length: > 0 } presented ? await tokens.ValidateUserTokenAsync(presented, cancellationToken) : null;
        var userToken = userId is null ? null : request!.UserToken!;
        userId ??= DirectLineService.NewUserId();
        userToken ??= await tokens.IssueUserTokenAsync(userId, cancellationToken);

        var locale = request?.Locale is { } l && LocalePattern().IsMatch(l) ? l : "nl-NL";
        var (conversation, token) = await service.CreateConversationAsync(userId, locale, cancellationToken);
        // The bot's own address, never the request's Host header: a client must not be able to point the page elsewhere.
        var domain = urls.For(DirectLineApi.Prefix).AbsoluteUri;
        return TypedResults.Ok(new TokenResponse(token, conversation.Id, userId, userToken, (int)tokens.ConversationTokenLifetime.TotalSeconds, domain));
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$")]
    private static partial Regex LocalePattern();
}
