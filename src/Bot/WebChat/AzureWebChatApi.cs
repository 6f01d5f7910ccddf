using VeerkrachtBot.Bot.DirectLine;

namespace VeerkrachtBot.Bot.WebChat;

/// <summary>
/// <c>POST /api/webchat/token</c> when the page uses Azure's Direct Line: the same request and answer as
/// <see cref="WebChatApi"/> (a returning resident keeps their <c>dl_</c> user id through the user token), with the
/// same per-client limit, but the conversation and its token come from Azure.
/// </summary>
public static class AzureWebChatApi
{
    public static IEndpointRouteBuilder MapAzureWebChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webchat/token", IssueAsync).RequireRateLimiting(WebChatApi.RateLimitPolicy).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> IssueAsync(WebChatApi.TokenRequest? request, AzureDirectLine azure, DirectLineTokens tokens, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = request?.UserToken is { Length: > 0 } presented ? await tokens.ValidateUserTokenAsync(presented, cancellationToken) : null;
        var userToken = userId is null ? null : request!.UserToken!;
        userId ??= DirectLineService.NewUserId();
        userToken ??= await tokens.IssueUserTokenAsync(userId, cancellationToken);

        var generated = await azure.GenerateAsync(userId, cancellationToken);
        if (generated is null)
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chat briefly unavailable",
                detail: "Direct Line did not give a token; try again in a few seconds.");
        }

        return TypedResults.Ok(new WebChatApi.TokenResponse(generated.Token, generated.ConversationId, userId, userToken, generated.ExpiresIn, azure.Domain));
    }
}
