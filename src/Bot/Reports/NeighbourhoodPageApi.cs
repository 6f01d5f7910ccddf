using System.Globalization;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Bot.Reports;

/// <summary>
/// <c>GET /buurt/{id}</c> (Dutch; <c>?lang=en</c> for English) and its charts <c>GET /buurt/{id}/{chart}.png</c>: the
/// public page "wat de buurt zei". Public and cacheable for a few minutes (no personal data, the same for everyone);
/// an unknown neighbourhood gets a friendly 404 page that links to the known ones.
/// </summary>
public static class NeighbourhoodPageApi
{
    public static IEndpointRouteBuilder MapNeighbourhoodPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/buurt/{id}", async (string id, string? lang, NeighbourhoodPages pages, NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (await pages.FindAsync(id, cancellationToken) is not { } data)
            {
                return Results.Content(NeighbourhoodPageHtml.NotFound(neighbourhoods), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            var texts = string.Equals(lang, "en", StringComparison.OrdinalIgnoreCase) ? NeighbourhoodPageTexts.English : NeighbourhoodPageTexts.Dutch;
            Cacheable(context);
            context.Response.Headers.ContentLanguage = texts.Lang;
            return Results.Content(NeighbourhoodPageHtml.Render(data, themes, texts), "text/html; charset=utf-8");
        }).WithName("NeighbourhoodPage");

        // The full printable report of the same four quarters, with the same charts: the council's and the evaluation evenings' version.
        app.MapGet("/buurt/{id}/rapportage", async (string id, NeighbourhoodPages pages, NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (await pages.FindAsync(id, cancellationToken) is not { } data)
            {
                return Results.Content(NeighbourhoodPageHtml.NotFound(neighbourhoods), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            Cacheable(context);
            var versions = data.Charts.ToDictionary(c => c.Chart.Name, c => c.Version, StringComparer.Ordinal);
            var html = ReportHtml.Render(data.Report, new ReportHtmlContext(neighbourhoods, themes, data.Charts.Select(c => c.Chart).ToList(), c => NeighbourhoodPageHtml.ChartPath(data.Neighbourhood.Id, c.Name, versions[c.Name])));
            return Results.Content(html, "text/html; charset=utf-8");
        }).WithName("NeighbourhoodReport");

        app.MapGet("/buurt/{id}/{file}", async (string id, string file, NeighbourhoodPages pages, HttpContext context, CancellationToken cancellationToken) =>
        {
            var name = file.EndsWith(".png", StringComparison.Ordinal) ? file[..^4] : null;
            if (name is null || await pages.FindAsync(id, cancellationToken) is not { } data || data.Charts.FirstOrDefault(c => c.Chart.Name == name).Chart is not { } chart)
            {
                return Results.NotFound();
            }

            Cacheable(context);
            return Results.File(chart.Png, "image/png");
        }).WithName("NeighbourhoodPageChart");
        return app;
    }

    // Shared caches may keep it: the page holds nothing personal and is the same for everyone.
    private static void Cacheable(HttpContext context) =>
        context.Response.Headers.CacheControl = "public, max-age=" + ((int)NeighbourhoodPages.Freshness.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
