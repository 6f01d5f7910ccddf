using System.Net;
using System.Text;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Reports;

namespace VeerkrachtBot.Bot.Reports;

/// <summary>What the HTML needs besides the report: names, theme labels and where each chart's PNG is.</summary>
public sealed record ReportHtmlContext(NeighbourhoodCatalog Neighbourhoods, ThemeCatalog Themes, IReadOnlyList<Chart> Charts, Func<Chart, string> ChartSource);

/// <summary>
/// The printable report: one server-rendered HTML page (no script), tables with captions and header cells, every
/// chart with its text alternative, print CSS for A4. Everything in it comes from the report, which holds no personal
/// data; all text is HTML-encoded.
/// </summary>
public static class ReportHtml
{
    public static string Render(MonitoringReport report, ReportHtmlContext context)
    {
        var min = report.MinGroupSize;
        var names = ReportTexts.Neighbourhoods(report.NeighbourhoodIds.Select(id => context.Neighbourhoods.Require(id).Name).ToList());
        var range = $"{ReportTexts.Period(report.Periods[0])} tot en met {ReportTexts.Period(report.Periods[^1])}";
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E($"Rapportage {names}: {range}")}}</title>
            <style>{{Css}}</style>
            </head>
            <body>
            <main>
            <h1>Rapportage {{E(names)}}</h1>
            <p class="en" lang="en">Monitoring report</p>
            <p>{{E($"Over {range}, per {(report.PeriodLength == Core.Pulse.PulsePeriodLength.Month ? "maand" : "kwartaal")}. Gemaakt op {report.BuiltAt.ToString("d MMMM yyyy", ReportTexts.Dutch)}.")}}</p>
            <p class="note">{{E($"Om niemand herkenbaar te maken, tonen we geen getal als er minder dan {min} bewoners achter zitten. Dan staat er \"minder dan {min}\".")}}
            <span lang="en">{{E($"To keep everyone unrecognisable, no figure is shown when fewer than {min} residents are behind it.")}}</span></p>
            """);

        Section(html, "deelname", "1. Wie doet mee?", "Who takes part?");
        html.Append("<table><caption>Deelname per periode <span lang=\"en\">(participation per period)</span></caption><thead><tr><th scope=\"col\">Periode</th>");
        foreach (var label in new[] { "Bewoners", "Nieuw", "Terug", "Gestopt", "Ideeën", "Aanmeldingen", "Aanwezig", "Antwoorden op peilingen", "Buurtpeiling", "Beoordelingen" })
        {
            html.Append($"<th scope=\"col\">{E(label)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var p in report.Participation)
        {
            html.Append($"<tr><th scope=\"row\">{E(ReportTexts.Period(p.Period))}{(p.Running ? " <small>(loopt nog)</small>" : "")}</th>");
            foreach (var figure in new[] { p.Residents, p.New, p.Returning, p.DroppedOut, p.Ideas, p.Rsvps, p.Attendance, p.PollAnswers, p.PulseRespondents, p.Evaluations })
            {
                html.Append($"<td>{E(ReportTexts.Count(figure, min))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        html.Append("<p class=\"note\">Nieuw: voor het eerst meegedaan. Terug: deed eerder al mee. Gestopt: deed de periode ervoor mee, nu niet.</p>");
        Figure(html, context, "deelname");

        Section(html, "blijven", "2. Blijven bewoners meedoen?", "Do residents keep taking part?");
        html.Append("<table><caption>Van de bewoners die in een periode voor het eerst meededen: hoeveel deden later nog mee <span lang=\"en\">(cohort retention)</span></caption><thead><tr><th scope=\"col\">Eerste keer</th><th scope=\"col\">Aantal</th>");
        for (var k = 1; k < report.Periods.Count; k++)
        {
            html.Append($"<th scope=\"col\">+{k}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in report.Cohorts)
        {
            html.Append($"<tr><th scope=\"row\">{E(ReportTexts.Period(row.Period))}</th><td>{E(ReportTexts.Count(row.Size, min))}</td>");
            for (var k = 0; k < report.Periods.Count - 1; k++)
            {
                html.Append(k < row.Retained.Count ? $"<td>{E(ReportTexts.Count(row.Retained[k], min))}</td>" : "<td></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table><p class=\"note\">+1 is de periode erna, +2 twee periodes erna, enzovoort.</p>");

        Section(html, "peiling", "3. Buurtpeiling", "Neighbourhood pulse");
        html.Append("<p>Bewoners geven een cijfer van 1 (helemaal oneens) tot 5 (helemaal eens). We tonen het gemiddelde en tussen haakjes de marge: met 95% zekerheid ligt het echte gemiddelde daartussen. \"Weet ik niet\" telt niet mee in het gemiddelde.</p>");
        html.Append("<table><caption>Gemiddelde score per doel <span lang=\"en\">(mean score per goal, 95% interval)</span></caption><thead><tr><th scope=\"col\">Doel</th>");
        foreach (var period in report.Periods)
        {
            html.Append($"<th scope=\"col\">{E(ReportTexts.Period(period))}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var goal in report.Goals)
        {
            var (nl, en) = ReportTexts.Goal(goal.Goal);
            html.Append($"<tr><th scope=\"row\">{E(nl)} <span lang=\"en\" class=\"en\">{E(en)}</span><br><small>{E(goal.TextNl)}</small></th>");
            foreach (var cell in goal.Periods)
            {
                html.Append(cell.Score is { } s
                    ? $"<td>{E(ReportTexts.Interval(s))}<br><small>{s.N} bewoners; weet niet: {E(ReportTexts.Count(cell.DontKnow, min))}</small></td>"
                    : $"<td><small>{E($"minder dan {min} scores")}</small></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        foreach (var goal in report.Goals)
        {
            Figure(html, context, "peiling-" + goal.Goal);
        }

        Section(html, "bereik", "4. Wie bereiken we?", "Who do we reach?");
        var rep = report.Representation;
        html.Append($"<p>{E($"Bewoners die meededen en hun leeftijd vertelden: {ReportTexts.Count(rep.WithAgeBand, min)}. ")}{E(rep.PopulationSource is { } source ? $"Inwoners volgens {source}." : "Nog geen inwonertal ingevoerd.")}</p>");
        html.Append("<table><caption>Leeftijd van wie meedoet, naast de buurt <span lang=\"en\">(age of participants vs population)</span></caption><thead><tr><th scope=\"col\">Leeftijd</th><th scope=\"col\">Inwoners</th><th scope=\"col\">Deel van de buurt</th><th scope=\"col\">Bewoners die meededen</th><th scope=\"col\">Deel van wie meedoet</th><th scope=\"col\">Bereikt?</th></tr></thead><tbody>");
        foreach (var band in rep.Bands)
        {
            html.Append($"<tr><th scope=\"row\">{E(ReportTexts.AgeBand(band.AgeBand))}</th><td>{band.Population?.ToString(ReportTexts.Dutch) ?? "–"}</td><td>{E(ReportTexts.Percent(band.PopulationShare))}</td><td>{E(ReportTexts.Count(band.Residents, min))}</td><td>{E(ReportTexts.Percent(band.Share))}</td>");
            html.Append(band.UnderRepresented ? "<td class=\"flag\"><strong>Te weinig bereikt</strong> <span lang=\"en\">(under-represented)</span></td></tr>" : "<td>Ja</td></tr>");
        }

        html.Append("</tbody></table><p class=\"note\">Te weinig bereikt: het deel van wie meedoet is minder dan de helft van het deel van de buurt. Kinderen tot 15 jaar vergelijken we niet.</p>");

        Section(html, "thema", "5. Wat bewoners inbrachten", "What residents raised");
        if (report.Themes.Count == 0)
        {
            html.Append($"<p>{E($"Geen thema met {min} of meer bewoners.")}</p>");
        }
        else
        {
            html.Append("<table><caption>Ideeën per thema <span lang=\"en\">(ideas per theme)</span></caption><thead><tr><th scope=\"col\">Thema</th><th scope=\"col\">Totaal</th>");
            foreach (var period in report.Periods)
            {
                html.Append($"<th scope=\"col\">{E(ReportTexts.Period(period))}</th>");
            }

            html.Append("</tr></thead><tbody>");
            foreach (var theme in report.Themes)
            {
                html.Append($"<tr><th scope=\"row\">{E(context.Themes.Label(theme.ThemeId, "nl"))}</th><td>{E(ReportTexts.Count(theme.Total, min))}</td>");
                foreach (var figure in theme.PerPeriod)
                {
                    html.Append($"<td>{E(ReportTexts.Count(figure, min))}</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table>");
        }

        if (report.Clusters.Count > 0)
        {
            html.Append("<h3>Wat het vaakst terugkwam <span lang=\"en\" class=\"en\">Raised most often</span></h3><ul>");
            foreach (var cluster in report.Clusters)
            {
                html.Append($"<li>{E(cluster.Label)} <small>({E(string.Join(", ", cluster.ThemeIds.Select(t => context.Themes.Label(t, "nl"))))}): {cluster.Residents} bewoners, {cluster.Ideas} ideeën</small></li>");
            }

            html.Append("</ul>");
        }

        Section(html, "gebeurd", "6. Wat er mee gebeurde", "What happened");
        html.Append("<table><caption>Waar de ideeën nu staan <span lang=\"en\">(status of the ideas)</span></caption><thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Ideeën</th></tr></thead><tbody>");
        foreach (var status in report.Statuses)
        {
            var (nl, en) = ReportTexts.Status(status.Status);
            html.Append($"<tr><th scope=\"row\">{E(nl)} <span lang=\"en\" class=\"en\">{E(en)}</span></th><td>{E(ReportTexts.Count(status.Ideas, min))}</td></tr>");
        }

        html.Append("</tbody></table>");
        if (report.Explanations.Count > 0)
        {
            html.Append("<h3>Wat professionals uitlegden <span lang=\"en\" class=\"en\">What professionals explained</span></h3><ul>");
            foreach (var line in report.Explanations)
            {
                var theme = line.ThemeId is null ? "" : context.Themes.Label(line.ThemeId, "nl") + ", ";
                html.Append($"<li><q>{E(line.Text)}</q> <small>({E(theme + ReportTexts.Status(line.Status).Nl.ToLowerInvariant() + ", " + line.ChangedAt.ToString("d MMMM yyyy", ReportTexts.Dutch))})</small></li>");
            }

            html.Append("</ul>");
        }

        Section(html, "bijeenkomsten", "7. Bijeenkomsten die eraan komen", "Upcoming meetings");
        html.Append(report.Meetings.Count == 0 ? "<p>Er staan nog geen bijeenkomsten gepland.</p>" : "<ul>");
        foreach (var meeting in report.Meetings)
        {
            var local = Core.Meetings.AmsterdamTime.ToLocal(meeting.StartsAt);
            html.Append($"<li><strong>{E(meeting.Title)}</strong>, {E(local.ToString("dddd d MMMM yyyy 'om' HH:mm", ReportTexts.Dutch))}, {E(meeting.Place)}</li>");
        }

        html.Append(report.Meetings.Count == 0 ? "" : "</ul>");
        html.Append("</section></main></body></html>\n");

        // On a phone a wide table scrolls inside its own region (focusable, so a keyboard can scroll it too) instead of
        // widening the whole page.
        return html.ToString()
            .Replace("<table>", "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel\"><table>", StringComparison.Ordinal)
            .Replace("</table>", "</table></div>", StringComparison.Ordinal);
    }

    private static void Section(StringBuilder html, string id, string nl, string en)
    {
        if (id != "deelname")
        {
            html.Append("</section>");
        }

        html.Append($"<section id=\"{id}\" aria-labelledby=\"{id}-kop\"><h2 id=\"{id}-kop\">{E(nl)} <span lang=\"en\" class=\"en\">{E(en)}</span></h2>");
    }

    private static void Figure(StringBuilder html, ReportHtmlContext context, string name)
    {
        if (context.Charts.FirstOrDefault(c => c.Name == name) is not { } chart)
        {
            return;
        }

        html.Append($"<figure><img src=\"{E(context.ChartSource(chart))}\" width=\"{chart.Width}\" height=\"{chart.Height}\" alt=\"{E(chart.AltText)}\"><figcaption>{E(chart.AltText)}</figcaption></figure>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1a202c; background: #fff; margin: 0; line-height: 1.5; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.8rem; margin-bottom: 0; }
        h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid #2b6cb0; }
        .en { color: #4a5568; font-weight: normal; font-size: 0.9em; }
        .note { color: #4a5568; font-size: 0.9rem; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.85rem; }
        caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
        th, td { border: 1px solid #cbd5e0; padding: 0.3rem 0.4rem; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
        thead th { background: #edf2f7; }
        .flag { background: #fff5f5; color: #9b2c2c; }
        figure { margin: 1rem 0; }
        img { max-width: 100%; height: auto; }
        figcaption { font-size: 0.85rem; color: #4a5568; }
        .table-wrap { overflow-x: auto; }
        @media (max-width: 40rem) { th, td { overflow-wrap: anywhere; } }
        @media print { body { font-size: 10pt; } table { font-size: 8pt; } th, td { overflow-wrap: anywhere; } main { max-width: none; padding: 0; } section, figure, table { break-inside: avoid; } h2 { break-after: avoid; } }
        @page { size: A4; margin: 14mm; }
        """;
}
