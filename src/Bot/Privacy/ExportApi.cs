using System.Text;
using VeerkrachtBot.Core.Privacy;

namespace VeerkrachtBot.Bot.Privacy;

/// <summary>"Download my data": the resident's export as a JSON file, behind a short-lived signed link.</summary>
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/mydata/export", async (string? token, ExportLinks links, ResidentDataService data, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            if (await links.ValidateAsync(token, cancellationToken) is not { } residentId)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This download link is not valid (any more). Ask the bot for a new one under ‘My data’.");
            }

            return await data.ExportJsonAsync(residentId, cancellationToken) is { } json
                ? Results.File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", "mijn-gegevens-veerkrachtbot.json")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nothing is stored for you (any more).");
        }).WithName("MyDataExport");
        return app;
    }
}
