using System.Globalization;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Professionals;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Pulse;

namespace VeerkrachtBot.Bot.Pulse;

/// <summary>What the programme manager reads in Teams about the pulse, in Dutch and English.</summary>
public sealed record PulseProfessionalTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string Period { get; init; }
    public required IReadOnlyDictionary<PulsePeriodLength, string> Periods { get; init; }
    public required string Dutch { get; init; }
    public required string English { get; init; }
    public required string Asked { get; init; }
    public required string Order { get; init; }
    public required string OrderRange { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string Unchanged { get; init; }
    public required string PopulationTitle { get; init; }
    public required string PopulationIntro { get; init; }
    public required string Neighbourhood { get; init; }
    public required string AgeBand { get; init; }
    public required string Source { get; init; }
    public required string PopulationRange { get; init; }
    public required string PopulationSaved { get; init; }
    public required string Current { get; init; }

    public static PulseProfessionalTexts For(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? EnglishTexts : DutchTexts;

    private static PulseProfessionalTexts DutchTexts { get; } = new()
    {
        Title = "Buurtpeiling",
        Intro = "De zinnen die bewoners krijgen, één per doel van het programma, en hoe vaak. Een bewoner krijgt de peiling hooguit één keer per periode aangeboden. Wijzigingen komen in het auditlog.",
        Period = "Periode",
        Periods = new Dictionary<PulsePeriodLength, string> { [PulsePeriodLength.Month] = "Maand", [PulsePeriodLength.Quarter] = "Kwartaal", [PulsePeriodLength.HalfYear] = "Halfjaar", [PulsePeriodLength.Year] = "Jaar" },
        Dutch = "Nederlands",
        English = "Engels",
        Asked = "Vragen",
        Order = "Volgorde",
        OrderRange = "Een heel getal van 0 tot 1000.",
        Save = "Opslaan",
        Saved = "Opgeslagen: {0} wijziging(en).",
        Unchanged = "Er was niets veranderd.",
        PopulationTitle = "Bevolking per leeftijd",
        PopulationIntro = "Vul het aantal inwoners per leeftijdsgroep in (de groepen van CBS Kerncijfers wijken en buurten). Zo laat de rapportage zien wie de chat wel en niet bereikt. Een leeg veld laat het oude getal staan.",
        Neighbourhood = "Buurt",
        AgeBand = "{0} jaar",
        Source = "Bron (bijvoorbeeld CBS 2025)",
        PopulationRange = "Een heel getal van 0 tot 1.000.000.",
        PopulationSaved = "De bevolking van {0} is opgeslagen.",
        Current = "Nu: {0} ({1})",
    };

    private static PulseProfessionalTexts EnglishTexts { get; } = new()
    {
        Title = "Neighbourhood pulse",
        Intro = "The sentences residents get, one per programme goal, and how often. A resident is offered the pulse at most once per period. Changes go into the audit log.",
        Period = "Period",
        Periods = new Dictionary<PulsePeriodLength, string> { [PulsePeriodLength.Month] = "Month", [PulsePeriodLength.Quarter] = "Quarter", [PulsePeriodLength.HalfYear] = "Half year", [PulsePeriodLength.Year] = "Year" },
        Dutch = "Dutch",
        English = "English",
        Asked = "Asked",
        Order = "Order",
        OrderRange = "A whole number from 0 to 1000.",
        Save = "Save",
        Saved = "Saved: {0} change(s).",
        Unchanged = "Nothing had changed.",
        PopulationTitle = "Population by age",
        PopulationIntro = "Enter the number of residents per age group (the groups of CBS's key figures for neighbourhoods). The report then shows who the chat does and does not reach. An empty field keeps the old figure.",
        Neighbourhood = "Neighbourhood",
        AgeBand = "{0} years",
        Source = "Source (e.g. CBS 2025)",
        PopulationRange = "A whole number from 0 to 1,000,000.",
        PopulationSaved = "The population of {0} has been saved.",
        Current = "Now: {0} ({1})",
    };
}

/// <summary>
/// "buurtpeiling": the programme manager edits the pulse's statements (Dutch and English wording, asked or not, order)
/// and the period length in one form. Only what changed is written, each change audited; a second submit of the same
/// form changes nothing more.
/// </summary>
public sealed class PulseSettingsCommand(PulseService pulse) : IProfessionalCommand
{
    public const string FormAction = "pro.pulse";
    public const string SubmitAction = "pro.pulse.save";

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.PulseSettings];

    public IReadOnlyCollection<string> Actions { get; } = [FormAction, SubmitAction];

    public bool ProgrammeManagersOnly => true;

    public async Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken) =>
        await turn.SendAsync(await FormAsync(turn, null, null, null, cancellationToken), cancellationToken);

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        if (action == FormAction)
        {
            await turn.SendAsync(await FormAsync(turn, null, null, null, cancellationToken), cancellationToken);
            return;
        }

        var texts = PulseProfessionalTexts.For(turn.Texts.Culture);
        var fields = new FormFields(turn);
        var items = await pulse.ItemsAsync(cancellationToken);
        var changed = new List<PulseItem>();
        foreach (var item in items)
        {
            var nl = fields.Text("nl_" + item.Key, PulseItem.MaxTextLength);
            var en = fields.Text("en_" + item.Key, PulseItem.MaxTextLength);
            var order = fields.Number("order_" + item.Key, 0, 1000, texts.OrderRange);
            var active = turn.Value("active_" + item.Key, 5) is { } toggled ? toggled != "false" : item.Active;
            if (nl is not null && en is not null && order is { } o && (nl != item.TextNl || en != item.TextEn || active != item.Active || o != item.Order))
            {
                changed.Add(new PulseItem(item.Key, nl, en, active, o));
            }
        }

        var period = Enum.TryParse<PulsePeriodLength>(fields.Raw("periodLength"), out var chosen) && Enum.IsDefined(chosen) ? chosen : (PulsePeriodLength?)null;
        if (period is null)
        {
            fields.Fail("periodLength", turn.Texts.Required);
        }

        if (!fields.Valid)
        {
            await turn.UpdateCardAsync(await FormAsync(turn, turn.Values, fields, null, cancellationToken), cancellationToken);
            return;
        }

        foreach (var item in changed)
        {
            await pulse.UpdateItemAsync(item.Key, item.TextNl, item.TextEn, item.Active, item.Order, turn.Actor, cancellationToken);
        }

        var periodChanged = (await pulse.SettingsAsync(cancellationToken)).PeriodLength != period;
        if (periodChanged)
        {
            await pulse.SetPeriodLengthAsync(period!.Value, turn.Actor, cancellationToken);
        }

        var count = changed.Count + (periodChanged ? 1 : 0);
        await turn.UpdateCardAsync(await FormAsync(turn, null, null, count == 0 ? texts.Unchanged : turn.Texts.Format(texts.Saved, count), cancellationToken), cancellationToken);
    }

    private async Task<JObject> FormAsync(ProfessionalTurn turn, JObject? typed, FormFields? fields, string? lead, CancellationToken cancellationToken)
    {
        var texts = PulseProfessionalTexts.For(turn.Texts.Culture);
        string? Typed(string key) => typed?[key] is JValue { Value: not null } v ? v.ToString() : null;
        var settings = await pulse.SettingsAsync(cancellationToken);
        var card = new TeamsCard(texts.Title + "\n" + texts.Intro).Heading(texts.Title);
        if (lead is not null)
        {
            card.Text(lead);
        }

        if (fields is { Valid: false })
        {
            card.Error(turn.Texts.FixTheForm);
        }

        card.Text(texts.Intro, subtle: true)
            .Choices("periodLength", texts.Period, Enum.GetValues<PulsePeriodLength>().Select(p => (p.ToString(), texts.Periods[p])), [Typed("periodLength") ?? settings.PeriodLength.ToString()],
                multiSelect: false, fields?.Error("periodLength"));
        foreach (var item in await pulse.ItemsAsync(cancellationToken))
        {
            card.Separator()
                .Text(item.Key, spacing: "Small")
                .InputText("nl_" + item.Key, texts.Dutch, typed is null ? item.TextNl : Typed("nl_" + item.Key), PulseItem.MaxTextLength, multiline: true, error: fields?.Error("nl_" + item.Key))
                .InputText("en_" + item.Key, texts.English, typed is null ? item.TextEn : Typed("en_" + item.Key), PulseItem.MaxTextLength, multiline: true, error: fields?.Error("en_" + item.Key))
                .Toggle("active_" + item.Key, texts.Asked, typed is null ? item.Active : Typed("active_" + item.Key) != "false")
                .InputNumber("order_" + item.Key, texts.Order, typed is null ? item.Order.ToString(CultureInfo.InvariantCulture) : Typed("order_" + item.Key), 0, 1000, fields?.Error("order_" + item.Key));
        }

        return card.Action(texts.Save, TeamsCard.Data(SubmitAction)).Build();
    }
}

/// <summary>
/// "bevolking [buurt]": the programme manager enters a neighbourhood's population per CBS age band, with its source;
/// audited. Empty fields keep the figure entered before.
/// </summary>
public sealed class PopulationCommand(PulseService pulse, NeighbourhoodCatalog neighbourhoods) : IProfessionalCommand
{
    public const string FormAction = "pro.population";
    public const string SubmitAction = "pro.population.save";

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.Population];

    public IReadOnlyCollection<string> Actions { get; } = [FormAction, SubmitAction];

    public bool ProgrammeManagersOnly => true;

    public async Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken)
    {
        var chosen = command.Arguments.Select(neighbourhoods.Find).FirstOrDefault(n => n is not null) ?? neighbourhoods.All[0];
        await turn.SendAsync(await FormAsync(turn, chosen.Id, null, null, null, cancellationToken), cancellationToken);
    }

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        var texts = PulseProfessionalTexts.For(turn.Texts.Culture);
        var fields = new FormFields(turn);
        var neighbourhood = neighbourhoods.Find(fields.Raw("neighbourhood"));
        if (action == FormAction)
        {
            await turn.SendAsync(await FormAsync(turn, (neighbourhood ?? neighbourhoods.All[0]).Id, null, null, null, cancellationToken), cancellationToken);
            return;
        }

        if (neighbourhood is null)
        {
            fields.Fail("neighbourhood", turn.Texts.ChooseNeighbourhood);
        }

        var figures = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var band in BackgroundBands.AgeBands)
        {
            if (fields.Raw(Field(band)) is not null && fields.Number(Field(band), 0, PopulationFigure.MaxPopulation, texts.PopulationRange) is { } population)
            {
                figures[band] = population;
            }
        }

        if (figures.Count == 0 && fields.Valid)
        {
            fields.Fail(Field(BackgroundBands.AgeBands[0]), turn.Texts.Required);
        }

        var source = fields.Text("source", PopulationFigure.MaxSourceLength);
        if (!fields.Valid)
        {
            await turn.UpdateCardAsync(await FormAsync(turn, neighbourhood?.Id ?? neighbourhoods.All[0].Id, turn.Values, fields, null, cancellationToken), cancellationToken);
            return;
        }

        await pulse.SavePopulationAsync(neighbourhood!.Id, figures, source!, turn.Actor, cancellationToken);
        await turn.UpdateCardAsync(await FormAsync(turn, neighbourhood.Id, null, null, turn.Texts.Format(texts.PopulationSaved, neighbourhood.Name), cancellationToken), cancellationToken);
    }

    private static string Field(string band) => "band_" + band.Replace("+", "plus", StringComparison.Ordinal).Replace("-", "_", StringComparison.Ordinal);

    private async Task<JObject> FormAsync(ProfessionalTurn turn, string neighbourhoodId, JObject? typed, FormFields? fields, string? lead, CancellationToken cancellationToken)
    {
        var texts = PulseProfessionalTexts.For(turn.Texts.Culture);
        string? Typed(string key) => typed?[key] is JValue { Value: not null } v ? v.ToString() : null;
        var current = await pulse.PopulationAsync(neighbourhoodId, cancellationToken);
        var card = new TeamsCard(texts.PopulationTitle + "\n" + texts.PopulationIntro).Heading(texts.PopulationTitle);
        if (lead is not null)
        {
            card.Text(lead);
        }

        if (fields is { Valid: false })
        {
            card.Error(turn.Texts.FixTheForm);
        }

        // The neighbourhood is fixed per form (its current figures are in the fields): another one is another form.
        card.Text(texts.PopulationIntro, subtle: true)
            .Fact(texts.Neighbourhood, neighbourhoods.Find(neighbourhoodId)?.Name ?? neighbourhoodId);
        foreach (var band in BackgroundBands.AgeBands)
        {
            var now = current.FirstOrDefault(f => f.AgeBand == band);
            card.InputNumber(Field(band), turn.Texts.Format(texts.AgeBand, band), typed is null ? now?.Population.ToString(CultureInfo.InvariantCulture) : Typed(Field(band)), 0, PopulationFigure.MaxPopulation,
                fields?.Error(Field(band)));
            if (now is not null)
            {
                card.Text(turn.Texts.Format(texts.Current, now.Population.ToString("N0", turn.Texts.Culture), now.Source), subtle: true, spacing: "None");
            }
        }

        card
            .InputText("source", texts.Source, typed is null ? current.FirstOrDefault()?.Source : Typed("source"), PopulationFigure.MaxSourceLength, error: fields?.Error("source"))
            .Action(texts.Save, TeamsCard.Data(SubmitAction, ("neighbourhood", neighbourhoodId)));
        foreach (var other in neighbourhoods.All.Where(n => n.Id != neighbourhoodId))
        {
            card.Action(other.Name, TeamsCard.Data(FormAction, ("neighbourhood", other.Id)));
        }

        return card.Build();
    }
}
