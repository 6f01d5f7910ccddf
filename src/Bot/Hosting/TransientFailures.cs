using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// A database that is briefly away (an Azure SQL failover, a serverless database resuming) after the stores' own
/// retries is the client's cue to come back, not a server error: any endpoint answers 503 with Retry-After, so a
/// channel or the web page retries instead of giving up on a 500. Turns inside the adapter have their own policy
/// (the resident is asked to try again and keeps their step).
/// </summary>
public static class TransientFailures
{
    /// <summary>Seconds a client is asked to wait: longer than the stores' retries, shorter than a channel's patience.</summary>
    public const int RetryAfterSeconds = 5;

    public static IApplicationBuilder UseTransientFailures(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (TransientDatabaseErrors.IsTransient(ex) && !context.Response.HasStarted)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TransientFailures))
                    .LogWarning(ex, "The database was unavailable for {Method} {Path}; answered 503", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                RetryAfter.Set(context.Response, TimeSpan.FromSeconds(RetryAfterSeconds));
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Briefly unavailable",
                    detail: $"The database is briefly unavailable; try again in {RetryAfterSeconds} seconds.").ExecuteAsync(context);
            }
        });
}
