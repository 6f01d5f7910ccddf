namespace VeerkrachtBot.Core.Digests;

/// <summary>
/// A number about residents that a digest may show only when enough residents are behind it, so it cannot point at
/// one person. A hidden figure does not hold its number at all: nothing downstream can show it by mistake.
/// </summary>
public readonly record struct Figure
{
    private Figure(int? value) => Value = value;

    /// <summary>The number, or null when fewer residents than the minimum are behind it.</summary>
    public int? Value { get; }

    /// <summary>Whether the number may be shown.</summary>
    public bool Shown => Value is not null;

    /// <summary>A figure that is not shown.</summary>
    public static Figure Hidden => default;

    /// <summary><paramref name="value"/> when <paramref name="residents"/> (the distinct residents behind it) reach <paramref name="minimum"/>, or zero, which says nothing about anyone.</summary>
    public static Figure Of(int value, int residents, int minimum) => residents >= minimum || (value == 0 && residents == 0) ? new Figure(value) : Hidden;

    /// <summary>The difference with an earlier figure, when both are shown.</summary>
    public int? ChangeFrom(Figure earlier) => Value is { } now && earlier.Value is { } then ? now - then : null;

    /// <summary>
    /// Two parts of a whole that is shown: when one part would be hidden, the other is hidden too, or it would give
    /// the hidden one away by subtraction.
    /// </summary>
    public static (Figure A, Figure B) Split(int a, int b, int minimum)
    {
        var first = Of(a, a, minimum);
        var second = Of(b, b, minimum);
        return first.Shown && second.Shown ? (first, second) : (Hidden, Hidden);
    }
}
