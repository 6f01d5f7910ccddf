using System.Net;
using System.Text;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Bot.Reports;

/// <summary>
/// The public page "wat de buurt zei" of one neighbourhood: server-rendered HTML without scripts, small tables with
/// header cells, the report's charts with text alternatives in the page's language. Everything in it comes from the
/// monitoring report, which holds no personal data and no figure below the minimum group size; all text is encoded.
/// </summary>
public static class NeighbourhoodPageHtml
{
    public static string Render(NeighbourhoodPageData data, ThemeCatalog themes, NeighbourhoodPageTexts t)
    {
        var report = data.Report;
        var min = report.MinGroupSize;
        var name = data.Neighbourhood.Name;
        var html = new StringBuilder();
        Head(html, t, t.Format(t.Title, name));
        html.Append($"<header><p class=\"lang\"><a href=\"{E(Path(data.Neighbourhood.Id, t.OtherLang))}\" lang=\"{t.OtherLang}\" hreflang=\"{t.OtherLang}\">{E(t.OtherLanguage)}</a></p>");
        html.Append($"<h1>{E(t.Format(t.Title, name))}</h1></header><main>");
        html.Append($"<p>{E(t.Format(t.Intro, name))} {E(t.Format(t.Range, t.PeriodName(report.Periods[0]), t.PeriodName(report.Periods[^1])))} {E(t.Format(t.Updated, report.BuiltAt.ToString("d MMMM yyyy", t.Culture)))}</p>");
        html.Append($"<p class=\"note\">{E(t.Format(t.Privacy, min))}</p>");

        // What residents raised: the themes of the whole range, then the biggest groups of similar ideas.
        Heading(html, "ingebracht", t.RaisedHeading);
        if (report.Themes.Count == 0)
        {
            html.Append($"<p>{E(t.Format(t.NoThemes, min))}</p>");
        }
        else
        {
            Table(html, t.ThemesCaption, [t.Theme, t.Ideas], report.Themes.Select(theme => (themes.Label(theme.ThemeId, t.Lang), new[] { t.Count(theme.Total, min) })));
        }

        if (report.Clusters.Count > 0)
        {
            html.Append($"<h3>{E(t.OftenHeading)}</h3><ul>");
            foreach (var cluster in report.Clusters)
            {
                html.Append($"<li>{Nl(t, cluster.Label)} <small>({E(string.Join(", ", cluster.ThemeIds.Select(id => themes.Label(id, t.Lang))))}; {E(t.Format(t.ClusterLine, cluster.Residents, cluster.Ideas))})</small></li>");
            }

            html.Append("</ul>");
        }

        // What happened with it: where the ideas stand now, and what professionals explained.
        Heading(html, "gebeurd", t.HappenedHeading);
        Table(html, t.StatusCaption, [t.Status, t.Ideas], report.Statuses.Select(s =>
        {
            var (nl, en) = ReportTexts.Status(s.Status);
            return (t.IsEnglish ? en : nl, new[] { t.Count(s.Ideas, min) });
        }));
        Note(html, t, min, report.Statuses.Select(s => s.Ideas));
        if (report.Explanations.Count > 0)
        {
            html.Append($"<h3>{E(t.ExplainedHeading)}</h3><ul>");
            foreach (var line in report.Explanations)
            {
                var (nl, en) = ReportTexts.Status(line.Status);
                var theme = line.ThemeId is null ? "" : themes.Label(line.ThemeId, t.Lang) + ", ";
                html.Append($"<li><q{(t.IsEnglish ? " lang=\"nl\"" : "")}>{E(line.Text)}</q> <small>({E(theme + (t.IsEnglish ? en : nl).ToLower(t.Culture) + ", " + line.ChangedAt.ToString("d MMMM yyyy", t.Culture))})</small></li>");
            }

            html.Append("</ul>");
        }

        Heading(html, "bijeenkomsten", t.MeetingsHeading);
        if (report.Meetings.Count == 0)
        {
            html.Append($"<p>{E(t.NoMeetings)}</p>");
        }
        else
        {
            html.Append("<ul>");
            foreach (var meeting in report.Meetings)
            {
                var local = AmsterdamTime.ToLocal(meeting.StartsAt);
                html.Append($"<li><strong>{Nl(t, meeting.Title)}</strong><br>{E(local.ToString(t.MeetingAt, t.Culture))}, {Nl(t, meeting.Place)}</li>");
            }

            html.Append("</ul>");
        }

        // The pulse per goal: a small table (period, mean, margin, residents) and its chart.
        Heading(html, "peiling", t.PulseHeading);
        html.Append($"<p>{E(t.PulseIntro)}</p>");
        var goals = report.Goals.Where(g => g.Periods.Any(p => p.Respondents.Value is > 0 || !p.Respondents.Shown)).ToList();
        if (goals.Count == 0)
        {
            html.Append($"<p>{E(t.NoPulse)}</p>");
        }

        foreach (var goal in goals)
        {
            var (nl, en) = ReportTexts.Goal(goal.Goal);
            html.Append($"<h3>{E(t.IsEnglish ? en : nl)}</h3><p class=\"statement\">‘{E(t.IsEnglish ? goal.TextEn : goal.TextNl)}’</p>");
            html.Append($"<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{E(t.IsEnglish ? en : nl)}\"><table><caption class=\"visually-hidden\">{E(t.IsEnglish ? en : nl)}</caption><thead><tr><th scope=\"col\">{E(t.Period)}</th><th scope=\"col\">{E(t.Mean)}</th><th scope=\"col\">{E(t.Margin)}</th><th scope=\"col\">{E(t.Respondents)}</th></tr></thead><tbody>");
            foreach (var cell in goal.Periods)
            {
                html.Append($"<tr><th scope=\"row\">{E(t.PeriodName(cell.Period))}</th>");
                html.Append(cell.Score is { } s
                    ? $"<td>{E(t.Score(s.Mean))}</td><td>{E(t.Score(s.Low))} – {E(t.Score(s.High))}</td><td>{s.N.ToString(t.Culture)}</td></tr>"
                    : $"<td colspan=\"3\">{E(t.Format(t.TooFewScores, min))}</td></tr>");
            }

            html.Append("</tbody></table></div>");
            Figure(html, data, "peiling-" + goal.Goal, t.Format(t.GoalAlt, t.IsEnglish ? goal.TextEn : goal.TextNl, string.Join("; ", goal.Periods.Select(p =>
                t.PeriodName(p.Period) + ": " + (p.Score is { } s ? $"{t.Score(s.Mean)} ({t.Score(s.Low)} – {t.Score(s.High)}), {s.N.ToString(t.Culture)} {t.Respondents.ToLower(t.Culture)}" : t.Format(t.GoalAltHidden, min))))));
        }

        Heading(html, "meedoen", t.ParticipationHeading);
        Table(html, t.ParticipationCaption, [t.Period, t.Residents, t.New], report.Participation.Select(p =>
            (t.PeriodName(p.Period) + (p.Running ? $" ({t.Running})" : ""), new[] { t.Count(p.Residents, min), t.Count(p.New, min) })));
        Note(html, t, min, report.Participation.SelectMany(p => new[] { p.Residents, p.New }));
        Figure(html, data, "deelname", t.Format(t.ParticipationAlt, string.Join("; ", report.Participation.Select(p => $"{t.PeriodName(p.Period)}: {t.Count(p.Residents, min)}"))));

        html.Append($"</section></main><footer><p><a href=\"/\">{E(t.ChatLink)}</a></p><p><a href=\"{E(ReportPath(data.Neighbourhood.Id))}\" lang=\"nl\">{E(t.FullReport)}</a></p></footer></body></html>\n");
        return html.ToString();
    }

    /// <summary>The friendly page for an address that names no neighbourhood we know: both languages, and a link to each page.</summary>
    public static string NotFound(NeighbourhoodCatalog neighbourhoods)
    {
        var nl = NeighbourhoodPageTexts.Dutch;
        var en = NeighbourhoodPageTexts.English;
        var html = new StringBuilder();
        Head(html, nl, nl.NotFoundTitle);
        html.Append($"<main><h1>{E(nl.NotFoundTitle)}</h1><p>{E(nl.NotFound)}</p><ul>");
        foreach (var n in neighbourhoods.All)
        {
            html.Append($"<li><a href=\"{E(Path(n.Id, "nl"))}\">{E(nl.Format(nl.Title, n.Name))}</a></li>");
        }

        html.Append($"</ul><div lang=\"en\"><h2>{E(en.NotFoundTitle)}</h2><p>{E(en.NotFound)}</p><ul>");
        foreach (var n in neighbourhoods.All)
        {
            html.Append($"<li><a href=\"{E(Path(n.Id, "en"))}\">{E(en.Format(en.Title, n.Name))}</a></li>");
        }

        html.Append($"</ul></div><p><a href=\"/\">{E(nl.ChatLink)}</a></p></main></body></html>\n");
        return html.ToString();
    }

    /// <summary>The page's address on this site, e.g. <c>/buurt/pottenberg</c> or <c>/buurt/pottenberg?lang=en</c>.</summary>
    public static string Path(string neighbourhoodId, string language) => "/buurt/" + Uri.EscapeDataString(neighbourhoodId) + (language == "en" ? "?lang=en" : "");

    /// <summary>The full printable report of the neighbourhood (the last four quarters), e.g. <c>/buurt/pottenberg/rapportage</c>.</summary>
    public static string ReportPath(string neighbourhoodId) => "/buurt/" + Uri.EscapeDataString(neighbourhoodId) + "/rapportage";

    /// <summary>Where the page's chart is served; the version (a hash of the PNG) makes a changed chart a new address for caches.</summary>
    public static string ChartPath(string neighbourhoodId, string chart, string version) => $"/buurt/{Uri.EscapeDataString(neighbourhoodId)}/{Uri.EscapeDataString(chart)}.png?v={version}";

    private static void Head(StringBuilder html, NeighbourhoodPageTexts t, string title) => html.Append($$"""
        <!DOCTYPE html>
        <html lang="{{t.Lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}}</title>
        <style>{{Css}}</style>
        </head>
        <body>
        """);

    private static void Heading(StringBuilder html, string id, string text)
    {
        if (id != "ingebracht")
        {
            html.Append("</section>");
        }

        html.Append($"<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{E(text)}</h2>");
    }

    private static void Table(StringBuilder html, string caption, string[] header, IEnumerable<(string Row, string[] Cells)> rows)
    {
        // On a very narrow screen a table scrolls inside its own region (focusable, so a keyboard can scroll it), never the page.
        html.Append($"<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{E(caption)}\"><table><caption>{E(caption)}</caption><thead><tr>");
        foreach (var column in header)
        {
            html.Append($"<th scope=\"col\">{E(column)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var (row, cells) in rows)
        {
            html.Append($"<tr><th scope=\"row\">{E(row)}</th>");
            foreach (var cell in cells)
            {
                html.Append($"<td>{E(cell)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>");
    }

    // Says why a figure is missing, under a table that has one.
    private static void Note(StringBuilder html, NeighbourhoodPageTexts t, int min, IEnumerable<Figure> figures)
    {
        if (figures.Any(f => !f.Shown))
        {
            html.Append($"<p class=\"note\">{E(t.Format(t.Hidden, min))}</p>");
        }
    }

    private static void Figure(StringBuilder html, NeighbourhoodPageData data, string name, string alt)
    {
        if (data.Charts.FirstOrDefault(c => c.Chart.Name == name) is not ({ } chart, var version))
        {
            return;
        }

        var src = ChartPath(data.Neighbourhood.Id, chart.Name, version);
        html.Append($"<figure><img src=\"{E(src)}\" width=\"{chart.Width}\" height=\"{chart.Height}\" alt=\"{E(alt)}\" loading=\"lazy\" decoding=\"async\"></figure>");
    }

    // Professionals write titles, places and explanations in Dutch: on the English page they say so to a screen reader.
    private static string Nl(NeighbourhoodPageTexts t, string text) => t.IsEnglish ? $"<span lang=\"nl\">{E(text)}</span>" : E(text);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body { font-family: "Segoe UI", Arial, sans-serif; color: #1a202c; background: #fff; margin: 0; line-height: 1.5; font-size: 1rem; }
        header, main, footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.25rem 0 0.75rem; }
        h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #2b6cb0; }
        h3 { font-size: 1.1rem; margin-bottom: 0.25rem; }
        .lang { text-align: right; margin: 0.5rem 0 0; }
        .note { color: #4a5568; font-size: 0.95rem; }
        .statement { margin-top: 0; font-style: italic; }
        a { color: #1a56a0; }
        a:focus-visible { outline: 3px solid #1a202c; outline-offset: 2px; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
        caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
        th, td { border: 1px solid #cbd5e0; padding: 0.3rem 0.4rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        thead th { background: #edf2f7; }
        .table-wrap { overflow-x: auto; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        figure { margin: 0.75rem 0 1.5rem; }
        img { max-width: 100%; height: auto; }
        footer { margin: 2rem auto; }
        .table-wrap:focus-visible { outline: 3px solid #1a202c; }
        @media (max-width: 24rem) { header, main, footer { padding: 0 0.5rem; } table { font-size: 0.85rem; } th, td { padding: 0.2rem 0.25rem; } }
        """;
}
