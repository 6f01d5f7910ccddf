using ScottPlot;
using SkiaSharp;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>A chart as Teams takes it: PNG, at most 1024×1024 and under 1 MB, with the text a screen reader reads instead.</summary>
public sealed record Chart(string Name, byte[] Png, int Width, int Height, string AltText);

/// <summary>
/// Draws the digest's charts with ScottPlot. The font (DejaVu Sans) is embedded, so text renders the same on a
/// machine without fonts (a container, App Service) as on a desktop; the Skia build needs no fontconfig.
/// </summary>
public static class ChartRenderer
{
    public const int Width = 640;
    public const string FontName = "DejaVu Sans";

    private static readonly Color Bar = Color.FromHex("#2B6CB0");
    private static readonly Color Text = Color.FromHex("#1A202C");

    static ChartRenderer() => Fonts.FontResolvers.Add(new EmbeddedFont());

    /// <summary>Horizontal bars, largest first at the top, with the value at each bar's end.</summary>
    public static Chart HorizontalBars(string name, string title, IReadOnlyList<(string Label, int Value)> bars, string altText)
    {
        var plot = NewPlot(title);
        var items = bars.Reverse().Select((b, i) => new ScottPlot.Bar { Position = i, Value = b.Value, FillColor = Bar, LineWidth = 0, Label = b.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var plottable = plot.Add.Bars(items);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontName = FontName;
        plottable.ValueLabelStyle.FontSize = 14;
        plottable.ValueLabelStyle.ForeColor = Text;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, items.Count).Select(i => (double)i).ToArray(), bars.Reverse().Select(b => b.Label).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.IsVisible = false;
        plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
        plot.Axes.Margins(left: 0, right: 0.15, bottom: 0.02, top: 0.02);
        plot.Grid.IsVisible = false;
        var height = Math.Min(1024, 70 + 34 * Math.Max(1, items.Count));
        return Render(name, plot, Width, height, altText);
    }

    /// <summary>Vertical bars in the given order (answers 1–5).</summary>
    public static Chart VerticalBars(string name, string title, IReadOnlyList<(string Label, int Value)> bars, string altText)
    {
        var plot = NewPlot(title);
        var items = bars.Select((b, i) => new ScottPlot.Bar { Position = i, Value = b.Value, FillColor = Bar, LineWidth = 0, Label = b.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var plottable = plot.Add.Bars(items);
        plottable.ValueLabelStyle.FontName = FontName;
        plottable.ValueLabelStyle.FontSize = 14;
        plottable.ValueLabelStyle.ForeColor = Text;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, items.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.IsVisible = false;
        plot.Axes.Left.TickLabelStyle.IsVisible = false;
        plot.Axes.Margins(left: 0.02, right: 0.02, bottom: 0, top: 0.15);
        plot.Grid.IsVisible = false;
        return Render(name, plot, Width, 320, altText);
    }

    internal static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 16);
        plot.Axes.Title.Label.FontName = FontName;
        plot.Axes.Title.Label.ForeColor = Text;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.ForeColor = Text;
        plot.Axes.Bottom.TickLabelStyle.ForeColor = Text;
        plot.Axes.Frame(false);
        return plot;
    }

    internal static Chart Render(string name, Plot plot, int width, int height, string altText)
    {
        var png = plot.GetImage(width, height).GetImageBytes(ImageFormat.Png);
        return new Chart(name, png, width, height, altText);
    }

    /// <summary>Serves the embedded DejaVu Sans for its family name; other names fall through to the next resolver.</summary>
    private sealed class EmbeddedFont : IFontResolver
    {
        private static readonly Lazy<SKTypeface> Typeface = new(() =>
        {
            using var stream = typeof(ChartRenderer).Assembly.GetManifestResourceStream("VeerkrachtBot.Digests.DejaVuSans.ttf")
                ?? throw new InvalidOperationException("The chart font is not embedded.");
            return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("The chart font could not be read.");
        });

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => fontName == FontName ? Typeface.Value : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => fontName == FontName ? Typeface.Value : null;
    }
}
