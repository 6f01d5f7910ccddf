using System.Globalization;
using System.Text;
using VeerkrachtBot.Core.Reports;

namespace VeerkrachtBot.Bot.Reports;

/// <summary>
/// The report as CSV files for the council's information letters and spreadsheets: comma-separated, UTF-8, a header
/// row, decimals with a point. A count hidden below the minimum group size reads <c>&lt;10</c> (the minimum), an empty
/// cell means "not applicable". README's <i>Monitoring report</i> section documents every column.
/// </summary>
public static class ReportCsv
{
    /// <summary>File name and content of each CSV.</summary>
    public static IReadOnlyList<(string Name, string Content)> Files(MonitoringReport report)
    {
        var min = report.MinGroupSize;
        string C(Core.Digests.Figure f) => ReportTexts.CsvCount(f, min);
        static string D(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "";

        var participation = Table(["period", "running", "residents", "new", "returning", "dropped_out", "ideas", "rsvps", "attendance", "poll_answers", "pulse_respondents", "evaluations"],
            report.Participation.Select(p => new[] { p.Period.Key, p.Running ? "1" : "0", C(p.Residents), C(p.New), C(p.Returning), C(p.DroppedOut), C(p.Ideas), C(p.Rsvps), C(p.Attendance), C(p.PollAnswers), C(p.PulseRespondents), C(p.Evaluations) }));
        var cohorts = Table(["first_period", "size", "later_period", "periods_later", "still_taking_part"],
            report.Cohorts.SelectMany(c => c.Retained.Count == 0
                ? [[c.Period.Key, C(c.Size), "", "", ""]]
                : c.Retained.Select((r, k) => new[] { c.Period.Key, C(c.Size), report.Periods[report.Periods.ToList().IndexOf(c.Period) + k + 1].Key, (k + 1).ToString(CultureInfo.InvariantCulture), C(r) })));
        var pulse = Table(["goal", "period", "respondents", "dont_know", "mean", "ci95_low", "ci95_high"],
            report.Goals.SelectMany(g => g.Periods.Select(p => new[] { g.Goal, p.Period.Key, C(p.Respondents), C(p.DontKnow), D(p.Score?.Mean), D(p.Score?.Low), D(p.Score?.High) })));
        var representation = Table(["age_band", "population", "population_share", "residents", "share", "under_represented"],
            report.Representation.Bands.Select(b => new[] { b.AgeBand, b.Population?.ToString(CultureInfo.InvariantCulture) ?? "", D(b.PopulationShare), C(b.Residents), D(b.Share), b.UnderRepresented ? "1" : "0" }));
        var themes = Table(["theme", "period", "ideas"],
            report.Themes.SelectMany(t => t.PerPeriod.Select((f, i) => new[] { t.ThemeId, report.Periods[i].Key, C(f) }).Prepend([t.ThemeId, "all", C(t.Total)])));
        var statuses = Table(["status", "ideas"], report.Statuses.Select(s => new[] { s.Status.ToString(), C(s.Ideas) }));
        return [("deelname.csv", participation), ("cohorten.csv", cohorts), ("peiling.csv", pulse), ("bereik.csv", representation), ("themas.csv", themes), ("status.csv", statuses)];
    }

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', header.Select(Field))).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        }

        return csv.ToString();
    }

    // RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet never runs a cell as a formula.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
