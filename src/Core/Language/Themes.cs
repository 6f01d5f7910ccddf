namespace VeerkrachtBot.Core.Language;

/// <summary>A theme residents' messages are about, with its labels in both languages.</summary>
/// <param name="Id">Stable id used in data, APIs and tests (e.g. <c>public-space</c>).</param>
/// <param name="LabelNl">Dutch label.</param>
/// <param name="LabelEn">English label.</param>
/// <param name="Description">What it covers.</param>
public sealed record Theme(string Id, string LabelNl, string LabelEn, string Description);

/// <summary>The theme catalogue. Bound from <c>Themes</c>; the programme's ten themes when none are configured.</summary>
public sealed class ThemeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Themes";

    /// <summary>The configured themes.</summary>
    public List<Theme> Items { get; set; } = [];
}

/// <summary>Looks up themes and their labels.</summary>
public sealed class ThemeCatalog
{
    /// <summary>The ten themes named by the programme.</summary>
    public static IReadOnlyList<Theme> Defaults { get; } =
    [
        new("housing", "Wonen", "Housing", "homes, repairs, rent, moisture and mould, renovation, the housing corporation"),
        new("livelihood", "Geld en rondkomen", "Money and getting by", "money, debts, benefits, work, energy bills, food bank"),
        new("health", "Gezondheid & zorg", "Health & care", "health, care, loneliness, mental health, GP, elderly"),
        new("mobility", "Verkeer & vervoer", "Traffic & transport", "traffic, speeding, parking, bus, cycling, pavements"),
        new("culture", "Cultuur", "Culture", "events, art, music, library, heritage"),
        new("sport", "Sport & bewegen", "Sport & exercise", "sports clubs, exercise, football pitch, walking groups"),
        new("public-space", "Openbare ruimte", "Public space", "green, play areas, benches, lighting, litter, dog poo, maintenance"),
        new("safety", "Veiligheid & overlast", "Safety & nuisance", "nuisance, noise, drugs, burglary, loitering, feeling unsafe"),
        new("community", "Samenleven & ontmoeting", "Community", "neighbours, community centre, meeting each other, volunteering"),
        new("youth-education", "Jeugd & onderwijs", "Youth & education", "children, youth, schools, homework help, internships, opportunities"),
    ];

    private readonly Dictionary<string, Theme> _byId;

    /// <summary>Creates the catalogue; an empty list means the defaults.</summary>
    public ThemeCatalog(IEnumerable<Theme> configured)
    {
        var items = configured.ToList();
        All = items.Count > 0 ? items : Defaults;
        _byId = All.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>All themes, in catalogue order.</summary>
    public IReadOnlyList<Theme> All { get; }

    /// <summary>The theme, or null.</summary>
    public Theme? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The label in the language (<c>nl</c> or <c>en</c>), or the id for an unknown theme.</summary>
    public string Label(string id, string language) =>
        Find(id) is { } theme ? (language == "en" ? theme.LabelEn : theme.LabelNl) : id;
}
