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
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Deze downloadlink werkt niet (meer). Vraag een nieuwe bij ‘Mijn gegevens’. / This download link does not work (any more). Ask for a new one under ‘My data’.");
            }

            return await data.ExportJsonAsync(residentId, cancellationToken) is { } json
                ? Results.File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", "mijn-gegevens-veerkrachtbot.json")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Er is niets (meer) over je bewaard. / Nothing is stored about you (any more).");
        }).WithName("MyDataExport");
        return app;
    }
}
