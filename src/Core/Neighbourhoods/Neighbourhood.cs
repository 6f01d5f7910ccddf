namespace VeerkrachtBot.Core.Neighbourhoods;

/// <summary>A neighbourhood of the programme, e.g. Pottenberg.</summary>
/// <param name="Id">Stable id used in data (lowercase, e.g. <c>pottenberg</c>).</param>
/// <param name="Name">The name residents know.</param>
public sealed record Neighbourhood(string Id, string Name)
{
    /// <summary>Streets of the neighbourhood ("Terra Cottalaan"): a message that names one is about this neighbourhood.</summary>
    public IReadOnlyList<string> Streets { get; init; } = [];
}

/// <summary>The neighbourhoods in the programme. Bound from <c>Neighbourhoods</c>; more may follow.</summary>
public sealed class NeighbourhoodOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Neighbourhoods";

    /// <summary>The configured neighbourhoods; Pottenberg and Nazareth when none are configured.</summary>
    public List<Neighbourhood> Items { get; set; } = [];
}

/// <summary>Looks up the configured neighbourhoods.</summary>
public sealed class NeighbourhoodCatalog
{
    /// <summary>
    /// The defaults: the two neighbourhoods the programme starts in, with streets named in public sources (Dutch
    /// Wikipedia's article on Pottenberg; Woonpunt's and the architects' pages on the renovation in Nazareth). The
    /// lists are partial: complete them in configuration (<c>Neighbourhoods:Items:0:Streets:0</c>, ...).
    /// </summary>
    public static IReadOnlyList<Neighbourhood> Defaults { get; } =
    [
        new("pottenberg", "Pottenberg")
        {
            Streets =
            [
                "Terra Cottalaan", "Terra Cottaplein", "Chamottestraat", "Klokbekerstraat", "Amfoorstraat", "Emailstraat", "Decorstraat",
                "Veldspaatstraat", "Silexstraat", "Potteriestraat", "Porseleinstraat",
            ],
        },
        new("nazareth", "Nazareth") { Streets = ["Miradorplein", "Kasteel Petersheimstraat", "Kasteel Cartielstraat"] },
    ];

    private readonly Dictionary<string, Neighbourhood> _byId;

    /// <summary>Creates the catalogue; an empty list means the defaults.</summary>
    public NeighbourhoodCatalog(IEnumerable<Neighbourhood> configured)
    {
        var items = configured.ToList();
        All = items.Count > 0 ? items : Defaults;
        _byId = All.ToDictionary(n => n.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>All neighbourhoods, in configured order.</summary>
    public IReadOnlyList<Neighbourhood> All { get; }

    /// <summary>The neighbourhood with this id, or null.</summary>
    public Neighbourhood? Find(string? id) => id is not null && _byId.TryGetValue(id, out var n) ? n : null;

    /// <summary>The neighbourhood with this id, or a <see cref="RuleViolation"/>.</summary>
    public Neighbourhood Require(string id) =>
        Find(id) ?? throw new RuleViolation(RuleCode.UnknownNeighbourhood, $"'{id}' is not one of the neighbourhoods ({string.Join(", ", All.Select(n => n.Id))}).");
}
