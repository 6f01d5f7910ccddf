using System.Globalization;
using ScottPlot;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Core.Reports;

namespace VeerkrachtBot.Bot.Reports;

/// <summary>
/// The report's charts as PNG (ScottPlot, the digest's font and look), each with a text alternative that says what the
/// chart shows, figure by figure. A hidden figure is not drawn: the chart has a gap and the text says why.
/// </summary>
public static class ReportCharts
{
    private static readonly Color Bar = Color.FromHex("#2B6CB0");
    private static readonly Color Line = Color.FromHex("#1A202C");

    /// <summary>All charts of a report: participation, then one per goal with any score shown.</summary>
    public static IReadOnlyList<Chart> All(MonitoringReport report) =>
        [Participation(report), .. report.Goals.Where(g => g.Periods.Any(p => p.Score is not null)).Select(g => Goal(report, g))];

    /// <summary>Residents who took part, per period.</summary>
    public static Chart Participation(MonitoringReport report)
    {
        var min = report.MinGroupSize;
        var plot = ChartRenderer.NewPlot("Bewoners die meededen / Residents taking part");
        var bars = report.Participation.Select((p, i) => new ScottPlot.Bar
        {
            Position = i,
            Value = p.Residents.Value ?? 0,
            FillColor = Bar,
            LineWidth = 0,
            Label = p.Residents.Value?.ToString(CultureInfo.InvariantCulture) ?? "<" + min.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontName = ChartRenderer.FontName;
        plottable.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), report.Periods.Select(p => p.Key).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.IsVisible = false;
        plot.Axes.Left.TickLabelStyle.IsVisible = false;
        plot.Axes.Margins(left: 0.02, right: 0.02, bottom: 0, top: 0.15);
        plot.Grid.IsVisible = false;
        var alt = "Staafdiagram: bewoners die meededen per periode. " + string.Join("; ", report.Participation.Select(p =>
            $"{ReportTexts.Period(p.Period)}: {ReportTexts.Count(p.Residents, min)}{(p.Running ? " (loopt nog)" : "")}")) + ".";
        return ChartRenderer.Render("deelname", plot, ChartRenderer.Width, 320, alt);
    }

    /// <summary>A goal's mean score per period (1–5) with its 95 % interval as an error bar.</summary>
    public static Chart Goal(MonitoringReport report, GoalTrend goal)
    {
        var (nl, en) = ReportTexts.Goal(goal.Goal);
        var plot = ChartRenderer.NewPlot($"{nl} / {en}");
        var shown = goal.Periods.Select((p, i) => (Period: p, Index: i)).Where(x => x.Period.Score is not null).ToList();
        var xs = shown.Select(x => (double)x.Index).ToArray();
        var ys = shown.Select(x => x.Period.Score!.Mean).ToArray();
        var errors = shown.Select(x => x.Period.Score!.High - x.Period.Score.Mean).ToArray();
        var scatter = plot.Add.Scatter(xs, ys);
        scatter.Color = Bar;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 9;
        var bars = plot.Add.ErrorBar(xs, ys, errors);
        bars.Color = Line;
        plot.Axes.SetLimitsY(1, 5);
        plot.Axes.SetLimitsX(-0.5, report.Periods.Count - 0.5);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, report.Periods.Count).Select(i => (double)i).ToArray(), report.Periods.Select(p => p.Key).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"]);
        plot.Grid.XAxisStyle.IsVisible = false;
        var alt = $"Lijn: gemiddelde score op \"{goal.TextNl}\" (1 = helemaal oneens, 5 = helemaal eens), met het 95%-betrouwbaarheidsinterval. " +
            string.Join("; ", goal.Periods.Select(p => $"{ReportTexts.Period(p.Period)}: " + (p.Score is { } s
                ? $"{ReportTexts.Interval(s)}, {s.N} bewoners"
                : $"niet getoond, minder dan {report.MinGroupSize} bewoners gaven een score"))) + ".";
        return ChartRenderer.Render("peiling-" + goal.Goal, plot, ChartRenderer.Width, 260, alt);
    }
}
