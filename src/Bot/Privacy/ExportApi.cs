using System.Text;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Privacy;

/// <summary>"My data": the resident's export as a readable page in their language, or as a JSON file, behind a short-lived signed link.</summary>
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/mydata/export", async (string? token, string? format, ExportLinks links, ResidentDataService data, ThemeCatalog themes, NeighbourhoodCatalog neighbourhoods,
            HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            if (await links.ValidateAsync(token, cancellationToken) is not { } residentId)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Deze downloadlink werkt niet (meer). Vraag een nieuwe bij ‘Mijn gegevens’. / This download link does not work (any more). Ask for a new one under ‘My data’.");
            }

            if (format == ExportLinks.Html)
            {
                return await data.ExportAsync(residentId, cancellationToken) is { } export
                    ? Results.Content(ExportPage.Render(export, BotTexts.For(export.Resident.Language ?? ResidentLanguage.Dutch), themes, neighbourhoods), "text/html; charset=utf-8", Encoding.UTF8)
                    : Gone();
            }

            return await data.ExportJsonAsync(residentId, cancellationToken) is { } json
                ? Results.File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", "mijn-gegevens-veerkrachtbot.json")
                : Gone();
        }).WithName("MyDataExport");
        return app;
    }

    private static IResult Gone() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Er is niets (meer) over je bewaard. / Nothing is stored about you (any more).");
}
