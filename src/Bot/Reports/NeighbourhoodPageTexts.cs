using System.Globalization;
using VeerkrachtBot.Core.Pulse;

namespace VeerkrachtBot.Bot.Reports;

/// <summary>The words of the public page "wat de buurt zei": plain Dutch (B1), and English.</summary>
public sealed record NeighbourhoodPageTexts
{
    public required string Lang { get; init; }
    public required CultureInfo Culture { get; init; }
    public required string Title { get; init; }
    public required string OtherLanguage { get; init; }
    public required string OtherLang { get; init; }
    public required string Intro { get; init; }
    public required string Range { get; init; }
    public required string Updated { get; init; }
    public required string Privacy { get; init; }
    public required string Hidden { get; init; }
    public required string FewerThan { get; init; }
    public required string RaisedHeading { get; init; }
    public required string Theme { get; init; }
    public required string Ideas { get; init; }
    public required string ThemesCaption { get; init; }
    public required string NoThemes { get; init; }
    public required string OftenHeading { get; init; }
    public required string ClusterLine { get; init; }
    public required string HappenedHeading { get; init; }
    public required string Status { get; init; }
    public required string StatusCaption { get; init; }
    public required string ExplainedHeading { get; init; }
    public required string MeetingsHeading { get; init; }
    public required string NoMeetings { get; init; }
    public required string MeetingAt { get; init; }
    public required string PulseHeading { get; init; }
    public required string PulseIntro { get; init; }
    public required string Period { get; init; }
    public required string Mean { get; init; }
    public required string Margin { get; init; }
    public required string Respondents { get; init; }
    public required string TooFewScores { get; init; }
    public required string NoPulse { get; init; }
    public required string ParticipationHeading { get; init; }
    public required string Residents { get; init; }
    public required string New { get; init; }
    public required string ParticipationCaption { get; init; }
    public required string Running { get; init; }
    public required string ChatLink { get; init; }
    public required string FullReport { get; init; }
    public required string NotFoundTitle { get; init; }
    public required string NotFound { get; init; }
    public required string ParticipationAlt { get; init; }
    public required string GoalAlt { get; init; }
    public required string GoalAltHidden { get; init; }

    public static NeighbourhoodPageTexts Dutch { get; } = new()
    {
        Lang = "nl",
        Culture = ReportTexts.Dutch,
        Title = "Wat de buurt zei: {0}",
        OtherLanguage = "Read this page in English",
        OtherLang = "en",
        Intro = "Op deze pagina zie je wat bewoners van {0} in de chat van de buurt deelden, en wat ermee gebeurde.",
        Range = "Over {0} tot en met {1}.",
        Updated = "Bijgewerkt op {0}.",
        Privacy = "We tonen nooit namen of eigen woorden van bewoners. Zitten er minder dan {0} bewoners achter een getal, dan tonen we het getal niet. Zo blijft iedereen onherkenbaar.",
        Hidden = "‘Minder dan {0}’: te weinig bewoners om een getal te tonen. Zo blijft iedereen onherkenbaar.",
        FewerThan = "minder dan {0}",
        RaisedHeading = "Wat bewoners inbrachten",
        Theme = "Onderwerp",
        Ideas = "Ideeën en zorgen",
        ThemesCaption = "Ideeën en zorgen per onderwerp",
        NoThemes = "Nog geen onderwerp waar {0} of meer bewoners iets over deelden.",
        OftenHeading = "Wat het vaakst terugkwam",
        ClusterLine = "{0} bewoners, {1} ideeën",
        HappenedHeading = "Wat ermee gebeurde",
        Status = "Hoe staat het ervoor?",
        StatusCaption = "Waar de ideeën en zorgen nu staan",
        ExplainedHeading = "Wat de gemeente en partners uitlegden",
        MeetingsHeading = "Bijeenkomsten die eraan komen",
        NoMeetings = "Er staan nog geen bijeenkomsten gepland.",
        MeetingAt = "dddd d MMMM 'om' HH:mm",
        PulseHeading = "Hoe bewoners de buurt zien",
        PulseIntro = "In de buurtpeiling geven bewoners een cijfer van 1 (helemaal oneens) tot 5 (helemaal eens). We tonen het gemiddelde en de marge: met 95% zekerheid ligt het echte gemiddelde daartussen.",
        Period = "Periode",
        Mean = "Gemiddelde",
        Margin = "Marge",
        Respondents = "Bewoners",
        TooFewScores = "nog te weinig antwoorden (minder dan {0})",
        NoPulse = "Nog geen buurtpeiling in deze periode.",
        ParticipationHeading = "Hoeveel bewoners meedoen",
        Residents = "Bewoners",
        New = "Voor het eerst",
        ParticipationCaption = "Bewoners die meededen per periode",
        Running = "loopt nog",
        ChatLink = "Praat mee in de chat van de buurt",
        FullReport = "De hele rapportage, om af te drukken",
        NotFoundTitle = "Deze buurt kennen we niet",
        NotFound = "We hebben geen pagina voor deze buurt. Kies hieronder je buurt.",
        ParticipationAlt = "Staafdiagram: bewoners die meededen per periode. {0}.",
        GoalAlt = "Lijn: gemiddelde score op ‘{0}’ (1 = helemaal oneens, 5 = helemaal eens), met de marge. {1}.",
        GoalAltHidden = "niet getoond, minder dan {0} bewoners gaven een cijfer",
    };

    public static NeighbourhoodPageTexts English { get; } = new()
    {
        Lang = "en",
        Culture = CultureInfo.GetCultureInfo("en-GB"),
        Title = "What the neighbourhood said: {0}",
        OtherLanguage = "Lees deze pagina in het Nederlands",
        OtherLang = "nl",
        Intro = "On this page you can see what residents of {0} shared in the neighbourhood chat, and what happened with it.",
        Range = "From {0} up to and including {1}.",
        Updated = "Updated on {0}.",
        Privacy = "We never show names or residents' own words. When fewer than {0} residents are behind a figure, we do not show it. That way nobody can be recognised.",
        Hidden = "‘Fewer than {0}’: too few residents to show a number. That way nobody can be recognised.",
        FewerThan = "fewer than {0}",
        RaisedHeading = "What residents raised",
        Theme = "Topic",
        Ideas = "Ideas and concerns",
        ThemesCaption = "Ideas and concerns per topic",
        NoThemes = "No topic yet that {0} or more residents shared something about.",
        OftenHeading = "Raised most often",
        ClusterLine = "{0} residents, {1} ideas",
        HappenedHeading = "What happened with it",
        Status = "Where does it stand?",
        StatusCaption = "Where the ideas and concerns stand now",
        ExplainedHeading = "What the city and its partners explained",
        MeetingsHeading = "Upcoming meetings",
        NoMeetings = "No meetings are planned yet.",
        MeetingAt = "dddd d MMMM 'at' HH:mm",
        PulseHeading = "How residents see the neighbourhood",
        PulseIntro = "In the neighbourhood pulse residents give a score from 1 (strongly disagree) to 5 (strongly agree). We show the mean and the margin: with 95% certainty the true mean lies within it.",
        Period = "Period",
        Mean = "Mean",
        Margin = "Margin",
        Respondents = "Residents",
        TooFewScores = "too few answers yet (fewer than {0})",
        NoPulse = "No neighbourhood pulse in this period yet.",
        ParticipationHeading = "How many residents take part",
        Residents = "Residents",
        New = "First time",
        ParticipationCaption = "Residents taking part per period",
        Running = "still running",
        ChatLink = "Join the neighbourhood chat",
        FullReport = "The full report, to print (in Dutch)",
        NotFoundTitle = "We do not know this neighbourhood",
        NotFound = "We have no page for this neighbourhood. Choose your neighbourhood below.",
        ParticipationAlt = "Bar chart: residents taking part per period. {0}.",
        GoalAlt = "Line: mean score on ‘{0}’ (1 = strongly disagree, 5 = strongly agree), with the margin. {1}.",
        GoalAltHidden = "not shown, fewer than {0} residents gave a score",
    };

    public bool IsEnglish => Lang == "en";

    public string Format(string format, params object[] args) => string.Format(Culture, format, args);

    /// <summary>"kwartaal 4 2026" / "Q4 2026"; months by name.</summary>
    public string PeriodName(PulsePeriod period) => IsEnglish
        ? period.Length switch
        {
            PulsePeriodLength.Month => new DateTime(period.Year, period.Index, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMMM yyyy", Culture),
            PulsePeriodLength.Quarter => string.Create(Culture, $"Q{period.Index} {period.Year}"),
            _ => period.Key,
        }
        : ReportTexts.Period(period);

    public string Count(Core.Digests.Figure figure, int min) => figure.Value is { } n ? n.ToString(Culture) : Format(FewerThan, min);

    public string Score(double value) => value.ToString("0.0", Culture);
}
