using System.Globalization;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.Professionals;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Reports;

namespace VeerkrachtBot.Bot.Reports;

/// <summary>What the <c>rapportage</c> card says, in Dutch and English.</summary>
public sealed record ReportCardTexts
{
    public required string Title { get; init; }
    public required string About { get; init; }
    public required string Participation { get; init; }
    public required string Residents { get; init; }
    public required string New { get; init; }
    public required string Returning { get; init; }
    public required string DroppedOut { get; init; }
    public required string Before { get; init; }
    public required string Pulse { get; init; }
    public required string Score { get; init; }
    public required string TooFew { get; init; }
    public required string Raised { get; init; }
    public required string NoThemes { get; init; }
    public required string Often { get; init; }
    public required string Happened { get; init; }
    public required string Page { get; init; }
    public required string FullReport { get; init; }
    public required string Choose { get; init; }
    public required string NotUnderstood { get; init; }

    public static ReportCardTexts For(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? English : Dutch;

    public static ReportCardTexts Dutch { get; } = new()
    {
        Title = "Rapportage {0}: {1}",
        About = "Per {0}, vergeleken met de periode ervoor. Getallen met minder dan {1} bewoners erachter tonen we niet.",
        Participation = "Wie doet mee",
        Residents = "Bewoners",
        New = "Nieuw",
        Returning = "Terug",
        DroppedOut = "Gestopt",
        Before = "{0} (ervoor: {1})",
        Pulse = "Buurtpeiling: gemiddelde van 1 tot 5, met marge (95%)",
        Score = "{0} ({1}–{2}), {3} bewoners",
        TooFew = "minder dan {0} scores",
        Raised = "Wat bewoners inbrachten",
        NoThemes = "Nog geen onderwerp met {0} of meer bewoners.",
        Often = "Kwam vaak terug",
        Happened = "Wat ermee gebeurde",
        Page = "Pagina van de buurt",
        FullReport = "Hele rapportage",
        Choose = "Van welke buurt wil je de rapportage? Typ bijvoorbeeld ‘rapportage pottenberg’, ‘rapportage nazareth maand’ of ‘rapportage pottenberg 2026-Q3’.",
        NotUnderstood = "Dit ken ik niet: ‘{0}’.",
    };

    public static ReportCardTexts English { get; } = new()
    {
        Title = "Report {0}: {1}",
        About = "Per {0}, compared with the period before. Figures with fewer than {1} residents behind them are not shown.",
        Participation = "Who takes part",
        Residents = "Residents",
        New = "New",
        Returning = "Returning",
        DroppedOut = "Dropped out",
        Before = "{0} (before: {1})",
        Pulse = "Neighbourhood pulse: mean from 1 to 5, with margin (95%)",
        Score = "{0} ({1}–{2}), {3} residents",
        TooFew = "fewer than {0} scores",
        Raised = "What residents raised",
        NoThemes = "No topic with {0} or more residents yet.",
        Often = "Raised often",
        Happened = "What happened",
        Page = "Neighbourhood page",
        FullReport = "Full report",
        Choose = "Which neighbourhood's report would you like? Type for example ‘report pottenberg’, ‘report nazareth month’ or ‘report pottenberg 2026-Q3’.",
        NotUnderstood = "I do not know this: ‘{0}’.",
    };
}

/// <summary>
/// "rapportage [buurt] [maand|kwartaal] [periode]": the monitoring report's headline figures of one neighbourhood as a
/// Teams card for professionals and the programme manager: participation (residents, new, returning, dropped out),
/// the pulse per goal with its interval and count, the top themes and what happened, the participation chart, and
/// links to the public page and the full printable report. Figures come from <see cref="ReportBuilder"/>, hidden below
/// its minimum group size. Without a neighbourhood it asks which one, with a button for each.
/// </summary>
public sealed class ReportCardCommand(ReportBuilder reports, NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, ChartLinks charts, PublicUrls urls) : IProfessionalCommand
{
    public const string ShowAction = "pro.report";

    private const int TopThemes = 3;

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.Report];

    public IReadOnlyCollection<string> Actions { get; } = [ShowAction];

    public bool ProgrammeManagersOnly => false;

    public async Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken)
    {
        Neighbourhood? neighbourhood = null;
        var length = PulsePeriodLength.Quarter;
        PulsePeriod? last = null;
        var unknown = new List<string>();
        foreach (var word in command.Arguments)
        {
            if (neighbourhoods.Find(word) is { } found)
            {
                neighbourhood = found;
            }
            else if (word is "maand" or "month" or "maanden" or "months")
            {
                length = PulsePeriodLength.Month;
            }
            else if (word is "kwartaal" or "quarter" or "kwartalen" or "quarters")
            {
                length = PulsePeriodLength.Quarter;
            }
            else if (PulsePeriod.TryParse(word.ToUpperInvariant(), out var period) && period.Length is PulsePeriodLength.Month or PulsePeriodLength.Quarter)
            {
                last = period;
            }
            else
            {
                unknown.Add(word);
            }
        }

        // A month named as the end makes a monthly report, unless "kwartaal" was typed too.
        if (last is { Length: PulsePeriodLength.Month } && !command.Arguments.Any(w => w is "kwartaal" or "quarter"))
        {
            length = PulsePeriodLength.Month;
        }

        var texts = ReportCardTexts.For(turn.Texts.Culture);
        if (neighbourhood is null || unknown.Count > 0)
        {
            await turn.SendAsync(ChooseCard(neighbourhoods, texts, unknown.Count > 0 ? turn.Texts.Format(texts.NotUnderstood, string.Join(" ", unknown)) : null, length, last), cancellationToken);
            return;
        }

        await turn.SendAsync(await CardAsync(turn, neighbourhood, length, last, cancellationToken), cancellationToken);
    }

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        var texts = ReportCardTexts.For(turn.Texts.Culture);
        var length = turn.Value("length", 10) == "month" ? PulsePeriodLength.Month : PulsePeriodLength.Quarter;
        PulsePeriod? last = turn.Value("to", 10) is { } to && PulsePeriod.TryParse(to, out var parsed) && parsed.Length is PulsePeriodLength.Month or PulsePeriodLength.Quarter ? parsed : null;
        if (neighbourhoods.Find(turn.Value("neighbourhood", 50)) is not { } neighbourhood)
        {
            await turn.SendAsync(ChooseCard(neighbourhoods, texts, null, length, last), cancellationToken);
            return;
        }

        await turn.SendAsync(await CardAsync(turn, neighbourhood, length, last, cancellationToken), cancellationToken);
    }

    private async Task<JObject> CardAsync(ProfessionalTurn turn, Neighbourhood neighbourhood, PulsePeriodLength length, PulsePeriod? last, CancellationToken cancellationToken)
    {
        MonitoringReport report;
        try
        {
            report = await reports.BuildAsync(new ReportRequest([neighbourhood.Id], length, To: last), cancellationToken);
        }
        catch (RuleViolation violation) when (violation.Code == RuleCode.InvalidInput)
        {
            return ChooseCard(neighbourhoods, ReportCardTexts.For(turn.Texts.Culture), violation.Message, length, null);
        }

        var chart = ReportCharts.Participation(report);
        var url = await charts.PublishAsync(chart, cancellationToken);
        return Card(report, neighbourhood, themes, turn.Texts.Culture, url, urls.For(NeighbourhoodPageHtml.Path(neighbourhood.Id, turn.Texts.Culture.TwoLetterISOLanguageName)), urls.For(NeighbourhoodPageHtml.ReportPath(neighbourhood.Id)));
    }

    /// <summary>Which neighbourhood: a button each, keeping the period asked for.</summary>
    public static JObject ChooseCard(NeighbourhoodCatalog neighbourhoods, ReportCardTexts texts, string? error, PulsePeriodLength length, PulsePeriod? last)
    {
        var card = new TeamsCard((error is null ? "" : error + "\n") + texts.Choose).Error(error).Text(texts.Choose);
        foreach (var n in neighbourhoods.All)
        {
            card.Action(n.Name, TeamsCard.Data(ShowAction, ("neighbourhood", n.Id), ("length", length == PulsePeriodLength.Month ? "month" : "quarter"), ("to", last?.Key)));
        }

        return card.Build();
    }

    /// <summary>The card: headline figures of the report's last period against the one before, read in a minute.</summary>
    public static JObject Card(MonitoringReport report, Neighbourhood neighbourhood, ThemeCatalog themes, CultureInfo culture, Uri? chart, Uri page, Uri fullReport)
    {
        var texts = ReportCardTexts.For(culture);
        var words = culture.TwoLetterISOLanguageName == "en" ? NeighbourhoodPageTexts.English : NeighbourhoodPageTexts.Dutch;
        var min = report.MinGroupSize;
        string F(string format, params object[] args) => string.Format(words.Culture, format, args);
        string C(Figure figure) => words.Count(figure, min);

        var latest = report.Participation[^1];
        var before = report.Participation.Count > 1 ? report.Participation[^2] : null;
        var period = words.PeriodName(latest.Period) + (latest.Running ? $" ({words.Running})" : "");
        var title = F(texts.Title, neighbourhood.Name, period);
        var unit = report.PeriodLength == PulsePeriodLength.Month ? (words.IsEnglish ? "month" : "maand") : (words.IsEnglish ? "quarter" : "kwartaal");
        var card = new TeamsCard(title).Heading(title).Text(F(texts.About, unit, min), subtle: true, spacing: "None");

        card.Text(texts.Participation, spacing: "Medium");
        string WithBefore(Figure now, Figure? then) => then is { } t ? F(texts.Before, C(now), C(t)) : C(now);
        card.Fact(texts.Residents, WithBefore(latest.Residents, before?.Residents))
            .Fact(texts.New, WithBefore(latest.New, before?.New))
            .Fact(texts.Returning, WithBefore(latest.Returning, before?.Returning))
            .Fact(texts.DroppedOut, WithBefore(latest.DroppedOut, before?.DroppedOut));
        if (chart is not null)
        {
            card.Image(chart, F(words.ParticipationAlt, string.Join("; ", report.Participation.Select(p => $"{words.PeriodName(p.Period)}: {C(p.Residents)}"))));
        }

        card.Text(texts.Pulse + " — " + words.PeriodName(latest.Period), spacing: "Medium");
        foreach (var goal in report.Goals)
        {
            var (nl, en) = ReportTexts.Goal(goal.Goal);
            var cell = goal.Periods[^1];
            card.Fact(words.IsEnglish ? en : nl, cell.Score is { } s
                ? F(texts.Score, words.Score(s.Mean), words.Score(s.Low), words.Score(s.High), s.N)
                : F(texts.TooFew, min));
        }

        card.Text(texts.Raised, spacing: "Medium");
        card.Text(report.Themes.Count == 0
            ? F(texts.NoThemes, min)
            : string.Join(" · ", report.Themes.Take(TopThemes).Select(t => $"{themes.Label(t.ThemeId, words.Lang)} {C(t.Total)}")), spacing: "None");
        if (report.Clusters.Count > 0)
        {
            card.Fact(texts.Often, string.Join("; ", report.Clusters.Take(TopThemes).Select(c => F("{0} ({1})", c.Label, F(words.IsEnglish ? "{0} residents" : "{0} bewoners", c.Residents)))));
        }

        card.Text(texts.Happened, spacing: "Medium");
        card.Text(string.Join(" · ", report.Statuses.Select(s =>
        {
            var (nl, en) = ReportTexts.Status(s.Status);
            return $"{(words.IsEnglish ? en : nl)} {C(s.Ideas)}";
        })), spacing: "None");
        if (report.Statuses.Any(s => !s.Ideas.Shown) || report.Participation.Any(p => !p.Residents.Shown || !p.New.Shown))
        {
            card.Text(F(words.Hidden, min), subtle: true, spacing: "Small");
        }

        return card.Link(texts.Page, page).Link(texts.FullReport, fullReport).Build();
    }
}
