namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// Browser hardening for the page: only our own scripts run, and the page talks only to its own origin.
/// Web Chat injects its styles at run time, hence 'unsafe-inline' for styles (not for scripts).
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; media-src 'self' blob:; object-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        await next(context);
    });
}
