namespace VeerkrachtBot.Core.Language;

/// <summary>
/// Domain knowledge for the theme model: words that signal each theme, in Dutch and English, from the
/// programme's theme descriptions. The model gets, per theme, how many of them a message holds; a word also
/// counts inside a Dutch compound ("buurtkoor" holds "koor"). The model still decides how much they weigh.
/// </summary>
internal static class ThemeKeywords
{
    private static readonly (string Theme, string[] Words)[] Table =
    [
        ("housing", ["huis", "woning", "huur", "verhuurder", "schimmel", "vocht", "lekkage", "lekt", "reparatie", "renovatie", "servatius", "woonpunt", "corporatie", "flat", "portiek", "galerij", "dak", "raam", "ramen", "kozijn", "verwarming", "cv", "ketel", "isolatie", "tocht", "badkamer", "keuken", "muur", "onderhoud", "woningcorporatie", "appartement",
            "house", "home", "flat", "rent", "landlord", "mould", "mold", "damp", "leak", "repair", "renovation", "heating", "boiler", "window", "roof", "bathroom", "kitchen", "apartment", "insulation"]),
        ("livelihood", ["geld", "schuld", "schulden", "uitkering", "toeslag", "werk", "baan", "werkloos", "inkomen", "rekening", "energie", "energierekening", "voedselbank", "armoede", "betalen", "kosten", "duur", "bijstand", "loon", "sollicit", "budget", "formulier", "belasting", "gas", "stroom",
            "money", "debt", "debts", "benefit", "benefits", "job", "work", "unemployed", "income", "bill", "bills", "energy", "foodbank", "food", "poverty", "pay", "afford", "expensive", "salary", "wage", "tax"]),
        ("health", ["gezond", "gezondheid", "zorg", "ziek", "huisarts", "dokter", "eenzaam", "eenzaamheid", "depressie", "stress", "psycholoog", "ouderen", "oudere", "thuiszorg", "mantelzorg", "apotheek", "ziekenhuis", "pijn", "rollator", "rolstoel", "dementie", "medicijn", "astma", "slapen", "mentaal",
            "health", "healthy", "care", "sick", "ill", "doctor", "gp", "lonely", "loneliness", "depression", "mental", "elderly", "nurse", "pharmacy", "hospital", "pain", "wheelchair", "dementia", "medicine", "asthma"]),
        ("mobility", ["verkeer", "auto", "auto's", "hard", "snelheid", "drempel", "parkeren", "parkeerplaats", "bus", "bushalte", "fiets", "fietspad", "fietsen", "stoep", "oversteek", "zebrapad", "kruispunt", "scooter", "brommer", "rijden", "rijdt", "vrachtwagen", "file", "ov", "trein",
            "traffic", "car", "cars", "speed", "speeding", "parking", "park", "bus", "bike", "cycling", "cycle", "pavement", "sidewalk", "crossing", "junction", "scooter", "driving", "drive", "truck", "train"]),
        ("culture", ["cultuur", "kunst", "kunstenaar", "muziek", "concert", "festival", "museum", "bibliotheek", "bieb", "boek", "boeken", "theater", "toneel", "film", "koor", "zingen", "dans", "dansen", "optreden", "erfgoed", "geschiedenis", "verhalen", "carnaval", "vastelaovend", "schilder", "graffiti", "expositie", "band", "wijkkrant", "krant", "feest",
            "culture", "art", "artist", "music", "concert", "festival", "museum", "library", "book", "books", "theatre", "theater", "film", "choir", "sing", "dance", "dancing", "performance", "heritage", "history", "stories", "carnival", "painting", "exhibition", "band", "newspaper"]),
        ("sport", ["sport", "sporten", "voetbal", "voetbalveld", "veld", "trapveld", "cruyff", "sportclub", "vereniging", "club", "bewegen", "beweeg", "wandel", "wandelen", "wandelgroep", "fitness", "zwemmen", "zwembad", "gym", "gymzaal", "sporthal", "tennis", "basketbal", "hardlopen", "training", "yoga",
            "sport", "sports", "football", "soccer", "pitch", "club", "exercise", "walking", "walk", "fitness", "swimming", "pool", "gym", "tennis", "basketball", "running", "training", "yoga", "court"]),
        ("public-space", ["park", "groen", "gras", "bomen", "boom", "speeltuin", "bankje", "bankjes", "lantaarn", "lantaarnpaal", "verlichting", "licht", "afval", "zwerfafval", "vuil", "vuilnis", "container", "hondenpoep", "poep", "onderhoud", "stoep", "plein", "bloemen", "perken", "onkruid", "prullenbak", "glas",
            "park", "green", "grass", "trees", "tree", "playground", "bench", "benches", "light", "lights", "lighting", "litter", "rubbish", "trash", "garbage", "bin", "bins", "dog", "poo", "square", "flowers", "weeds", "glass"]),
        ("safety", ["veilig", "onveilig", "overlast", "lawaai", "herrie", "geluid", "drugs", "dealen", "dealer", "inbraak", "ingebroken", "diefstal", "gestolen", "hangjongeren", "rondhangen", "politie", "wijkagent", "handhaving", "boa", "vandalisme", "bedreigd", "angst", "bang", "eng", "ruzie", "vechten", "vuurwerk", "criminaliteit",
            "safe", "unsafe", "nuisance", "noise", "noisy", "loud", "drugs", "dealing", "dealer", "burglary", "theft", "stolen", "loitering", "police", "vandalism", "threatened", "afraid", "scary", "fight", "fireworks", "crime"]),
        ("community", ["buren", "buurman", "buurvrouw", "buurthuis", "ontmoeten", "ontmoeting", "samen", "vrijwilliger", "vrijwilligers", "vrijwilligerswerk", "activiteit", "activiteiten", "koffie", "koffieochtend", "gezellig", "contact", "eenzaam", "burendag", "buurtfeest", "appgroep", "samenleven", "repaircafe", "buurtbewoners",
            "neighbour", "neighbours", "neighbor", "neighbors", "community", "centre", "center", "meet", "meeting", "together", "volunteer", "volunteers", "volunteering", "activity", "activities", "coffee", "contact", "social"]),
        ("youth-education", ["kind", "kinderen", "kids", "jeugd", "jongeren", "jongere", "tiener", "tieners", "school", "scholen", "basisschool", "huiswerk", "huiswerkbegeleiding", "stage", "stageplek", "opleiding", "leren", "les", "taalles", "peuter", "baby", "zoon", "dochter", "student", "studie", "kansen", "jongerenwerk",
            "child", "children", "kids", "youth", "young", "teenager", "teenagers", "teens", "school", "schools", "homework", "internship", "training", "education", "learn", "lessons", "son", "daughter", "student", "study", "opportunities"]),
    ];

    // keyword → the themes it signals; looked up by span so compound search does not allocate.
    private static readonly Dictionary<string, int[]> Index = Table
        .SelectMany((entry, theme) => entry.Words.Select(word => (word, theme)))
        .GroupBy(x => x.word, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.theme).Distinct().ToArray(), StringComparer.Ordinal);

    private static readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Lookup = Index.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int LongestKeyword = Index.Keys.Max(k => k.Length);

    /// <summary>Number of themes in the table (one feature each).</summary>
    public static int Count => Table.Length;

    /// <summary>Per theme, how many words of the message signal it (a word counts once per theme).</summary>
    public static float[] Counts(IReadOnlyList<string> words)
    {
        var counts = new float[Table.Length];
        Span<bool> seen = stackalloc bool[Table.Length];
        foreach (var word in words)
        {
            seen.Clear();
            if (Lookup.TryGetValue(word, out var exact))
            {
                Mark(exact, seen);
            }

            // A keyword of 4+ letters also counts inside a longer (compound) word: "buurtkoor" holds "koor".
            for (var start = 0; start + 4 <= word.Length; start++)
            {
                for (var length = 4; length <= LongestKeyword && start + length <= word.Length; length++)
                {
                    if (length < word.Length && Lookup.TryGetValue(word.AsSpan(start, length), out var inside))
                    {
                        Mark(inside, seen);
                    }
                }
            }

            for (var t = 0; t < seen.Length; t++)
            {
                counts[t] += seen[t] ? 1 : 0;
            }
        }

        return counts;
    }

    private static void Mark(int[] themes, Span<bool> seen)
    {
        foreach (var theme in themes)
        {
            seen[theme] = true;
        }
    }
}
