using VeerkrachtBot.Core.Digests;

namespace VeerkrachtBot.Core.Reports;

/// <summary>Keeps hidden figures hidden when figures add up to a total that is shown.</summary>
public static class Disclosure
{
    /// <summary>
    /// The parts of a shown whole. Each part is hidden below the minimum (<see cref="Figure.Of"/>); when that hides
    /// exactly one part, the smallest other non-zero part is hidden too, or the whole minus the shown parts would
    /// give the hidden one away (secondary suppression, as statistics offices do).
    /// </summary>
    public static IReadOnlyList<Figure> Parts(IReadOnlyList<(int Value, int Residents)> parts, int minimum)
    {
        var figures = parts.Select(p => Figure.Of(p.Value, p.Residents, minimum)).ToArray();
        if (figures.Count(f => !f.Shown) == 1)
        {
            var smallest = Enumerable.Range(0, figures.Length)
                .Where(i => figures[i].Shown && figures[i].Value > 0)
                .OrderBy(i => figures[i].Value).ThenBy(i => i)
                .Cast<int?>()
                .FirstOrDefault();
            if (smallest is { } index)
            {
                figures[index] = Figure.Hidden;
            }
        }

        return figures;
    }
}
