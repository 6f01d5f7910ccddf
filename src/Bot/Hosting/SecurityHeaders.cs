namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// Browser hardening for the page: only our own scripts run, and the page talks only to the bot's own origin
/// (its http and WebSocket forms, from <see cref="PublicUrls"/>, never from the request). Web Chat injects its
/// styles at run time, hence 'unsafe-inline' for styles (not for scripts). Also: every 429 and 503 says when
/// to come back (Retry-After), also where the code that refused did not set one.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        string? policy = null;
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy ??= ContentSecurityPolicy(context.RequestServices.GetRequiredService<PublicUrls>(),
                context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmbeddingOptions>>().Value,
                WebChat.AzureDirectLine.ConnectSources(context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<DirectLine.DirectLineOptions>>().Value,
                    context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebChat.AzureDirectLineOptions>>().Value));
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable && !headers.ContainsKey("Retry-After"))
                {
                    RetryAfter.Set(context.Response, context.Response.StatusCode == StatusCodes.Status429TooManyRequests ? RetryAfter.TooManyRequestsDefault : RetryAfter.UnavailableDefault);
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    private static string ContentSecurityPolicy(PublicUrls urls, EmbeddingOptions embedding, string azureDirectLine) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        $"font-src 'self' data:; connect-src 'self' {urls.Origin} {urls.WebSocketOrigin}{azureDirectLine}; media-src 'self' blob:; object-src 'none'; " +
        "base-uri 'none'; form-action 'none'; " + embedding.FrameAncestors();
}
