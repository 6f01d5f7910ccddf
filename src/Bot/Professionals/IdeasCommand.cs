using System.Globalization;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Professionals;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// "ideeën [buurt] [thema] [status]": the newest ideas, filtered, in pages; an idea's card (redacted text, themes,
/// sentiment, key phrases, neighbourhood, age, status history); setting its status with an explanation for the
/// resident; correcting its themes. Never the original text, the resident or their contact details.
/// </summary>
public sealed class IdeasCommand(
    IdeaSearch search,
    IdeaService ideas,
    IIdeaStore store,
    ThemeCorrections corrections,
    FormSubmissions forms,
    NeighbourhoodCatalog neighbourhoods,
    ThemeCatalog themes,
    IAuditLog audit,
    TimeProvider clock) : IProfessionalCommand
{
    public const string ListAction = "pro.ideas";
    public const string OpenAction = "pro.idea";
    public const string StatusFormAction = "pro.idea.status";
    public const string StatusSaveAction = "pro.idea.status.save";
    public const string ThemesFormAction = "pro.idea.themes";
    public const string ThemesSaveAction = "pro.idea.themes.save";
    public const int PageSize = 5;

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.Ideas, CommandKind.Idea, CommandKind.Status, CommandKind.Themes];

    public IReadOnlyCollection<string> Actions { get; } = [ListAction, OpenAction, StatusFormAction, StatusSaveAction, ThemesFormAction, ThemesSaveAction];

    public bool ProgrammeManagersOnly => false;

    public async Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken)
    {
        if (command.Kind == CommandKind.Ideas)
        {
            var (filter, unknown) = ReadFilter(command.Arguments);
            await ListAsync(turn, filter, null, unknown, cancellationToken);
            return;
        }

        // "idee <id>", "status <id>", "thema's aanpassen <id>": the id is on every idea card.
        var id = command.Arguments.FirstOrDefault();
        if (id is null || await ideas.GetAsync(id, cancellationToken) is not { } idea)
        {
            await turn.SendTextAsync(turn.Texts.IdeaGone, cancellationToken);
            return;
        }

        await (command.Kind switch
        {
            CommandKind.Status => turn.SendAsync(StatusForm(turn.Texts, idea, Ids.New(), null, null, null), cancellationToken),
            CommandKind.Themes => turn.SendAsync(ThemesForm(themes, turn.Texts, idea, Ids.New(), idea.Analysis.Themes.Select(t => t.ThemeId).ToList(), null), cancellationToken),
            _ => OpenAsync(turn, idea, cancellationToken),
        });
    }

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        if (action == ListAction)
        {
            var filter = new IdeaFilter(neighbourhoods.Find(turn.Value("neighbourhood", 64))?.Id, themes.Find(turn.Value("theme", 64) ?? "")?.Id,
                Enum.TryParse<IdeaStatus>(turn.Value("status", 32), out var status) && Enum.IsDefined(status) ? status : null);
            var cursor = long.TryParse(turn.Value("beforeAt", 20), NumberStyles.None, CultureInfo.InvariantCulture, out var at) && turn.Value("beforeId", 64) is { } before
                ? new IdeaCursor(DateTimeOffset.FromUnixTimeMilliseconds(at), before)
                : null;
            await ListAsync(turn, filter, cursor, [], cancellationToken);
            return;
        }

        var idea = turn.Value("idea", 64) is { } id ? await ideas.GetAsync(id, cancellationToken) : null;
        if (idea is null)
        {
            await turn.SendTextAsync(turn.Texts.IdeaGone, cancellationToken);
            return;
        }

        switch (action)
        {
            case OpenAction:
                await OpenAsync(turn, idea, cancellationToken);
                break;
            case StatusFormAction:
                await turn.SendAsync(StatusForm(turn.Texts, idea, Ids.New(), null, null, null), cancellationToken);
                break;
            case ThemesFormAction:
                await turn.SendAsync(ThemesForm(themes, turn.Texts, idea, Ids.New(), idea.Analysis.Themes.Select(t => t.ThemeId).ToList(), null), cancellationToken);
                break;
            case StatusSaveAction:
                await SaveStatusAsync(turn, idea, cancellationToken);
                break;
            case ThemesSaveAction:
                await SaveThemesAsync(turn, idea, cancellationToken);
                break;
        }
    }

    private async Task ListAsync(ProfessionalTurn turn, IdeaFilter filter, IdeaCursor? after, IReadOnlyList<string> unknown, CancellationToken cancellationToken)
    {
        var page = await search.PageAsync(filter, after, PageSize, cancellationToken);
        await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), turn.Actor, "ideas.list", "ideas", filter.NeighbourhoodId ?? "*",
            $"theme={filter.ThemeId ?? "*"};status={filter.Status?.ToString() ?? "*"};shown={page.Ideas.Count}"), cancellationToken);
        await turn.SendAsync(ListCard(neighbourhoods, themes, turn.Texts, filter, page, unknown), cancellationToken);
    }

    private async Task OpenAsync(ProfessionalTurn turn, Idea idea, CancellationToken cancellationToken)
    {
        var history = await store.HistoryAsync(idea.Id, cancellationToken);
        await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), turn.Actor, "idea.view", "idea", idea.Id), cancellationToken);
        await turn.SendAsync(IdeaCard(neighbourhoods, themes, turn.Texts, idea, history, clock.GetUtcNow()), cancellationToken);
    }

    private async Task SaveStatusAsync(ProfessionalTurn turn, Idea idea, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        var formId = turn.Value(TeamsCard.FormKey, 64) ?? Ids.New();
        if (await forms.FindAsync(formId, cancellationToken) is not null)
        {
            await turn.UpdateCardAsync(Done(texts, texts.AlreadySubmitted, idea), cancellationToken);
            return;
        }

        var chosen = turn.Value("status", 32);
        var explanation = turn.Value("explanation", IdeaService.MaxExplanationLength);
        var status = Enum.TryParse<IdeaStatus>(chosen, out var parsed) && Enum.IsDefined(parsed) ? parsed : (IdeaStatus?)null;
        string? statusError = null, explanationError = null;
        if (status is null)
        {
            statusError = texts.ChooseStatus;
        }
        else if (!IdeaStatusRules.CanMove(idea.Status, status.Value))
        {
            statusError = texts.Format(texts.StatusCannotMove, texts.StatusNames[idea.Status], texts.StatusNames[status.Value]);
        }
        else if (explanation is null && IdeaStatusRules.NeedsExplanation(status.Value))
        {
            explanationError = texts.ExplanationNeeded;
        }

        if (statusError is not null || explanationError is not null)
        {
            await turn.UpdateCardAsync(StatusForm(texts, idea, formId, chosen, explanation, (statusError, explanationError)), cancellationToken);
            return;
        }

        var (claim, _) = await forms.ClaimAsync(formId, "idea-status", turn.Actor, cancellationToken);
        if (claim != FormClaim.Claimed)
        {
            await turn.UpdateCardAsync(Done(texts, texts.AlreadySubmitted, idea), cancellationToken);
            return;
        }

        try
        {
            await ideas.ChangeStatusAsync(idea.Id, status!.Value, explanation, turn.Actor, cancellationToken);
        }
        catch (RuleViolation violation) when (violation.Code is RuleCode.InvalidStatusChange or RuleCode.InvalidInput)
        {
            // Another professional moved the idea meanwhile: show the form again on the idea as it is now.
            await forms.ReleaseAsync(formId, cancellationToken);
            var now = await ideas.GetAsync(idea.Id, cancellationToken) ?? idea;
            await turn.UpdateCardAsync(StatusForm(texts, now, formId, chosen, explanation, (texts.Format(texts.StatusCannotMove, texts.StatusNames[now.Status], texts.StatusNames[status!.Value]), null)), cancellationToken);
            return;
        }

        await forms.CompleteAsync(formId, idea.Id, cancellationToken);
        await turn.UpdateCardAsync(Done(texts, texts.Format(texts.StatusSaved, texts.StatusNames[status.Value]), idea, explanation), cancellationToken);
    }

    private async Task SaveThemesAsync(ProfessionalTurn turn, Idea idea, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        var formId = turn.Value(TeamsCard.FormKey, 64) ?? Ids.New();
        if (await forms.FindAsync(formId, cancellationToken) is not null)
        {
            await turn.UpdateCardAsync(Done(texts, texts.AlreadySubmitted, idea), cancellationToken);
            return;
        }

        var chosen = (turn.Value("themes", 1000) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => themes.Find(t) is not null).Distinct().ToList();
        if (chosen.Count == 0)
        {
            await turn.UpdateCardAsync(ThemesForm(themes, texts, idea, formId, chosen, texts.ChooseThemes), cancellationToken);
            return;
        }

        var (claim, _) = await forms.ClaimAsync(formId, "idea-themes", turn.Actor, cancellationToken);
        if (claim != FormClaim.Claimed)
        {
            await turn.UpdateCardAsync(Done(texts, texts.AlreadySubmitted, idea), cancellationToken);
            return;
        }

        await corrections.CorrectAsync(idea.Id, chosen, turn.Actor, cancellationToken);
        await forms.CompleteAsync(formId, idea.Id, cancellationToken);
        await turn.UpdateCardAsync(Done(texts, texts.Format(texts.ThemesSaved, string.Join(", ", chosen.Select(t => themes.Label(t, texts.Lang)))), idea), cancellationToken);
    }

    /// <summary>Reads "pottenberg", "openbare ruimte", "nieuw" in any order; words it does not know are reported back.</summary>
    public (IdeaFilter Filter, IReadOnlyList<string> Unknown) ReadFilter(IReadOnlyList<string> words)
    {
        string? neighbourhood = null, theme = null;
        IdeaStatus? status = null;
        var unknown = new List<string>();
        var rest = words.ToList();
        while (rest.Count > 0)
        {
            // Two words first: "openbare ruimte", "kan niet", "in bespreking".
            var two = rest.Count > 1 ? rest[0] + "-" + rest[1] : null;
            if (two is not null && Recognise(two, ref neighbourhood, ref theme, ref status))
            {
                rest.RemoveRange(0, 2);
            }
            else
            {
                if (!Recognise(rest[0], ref neighbourhood, ref theme, ref status))
                {
                    unknown.Add(rest[0]);
                }

                rest.RemoveAt(0);
            }
        }

        return (new IdeaFilter(neighbourhood, theme, status), unknown);
    }

    private bool Recognise(string word, ref string? neighbourhood, ref string? theme, ref IdeaStatus? status)
    {
        if (neighbourhoods.All.FirstOrDefault(n => Plain(n.Id) == word || Plain(n.Name) == word) is { } n)
        {
            neighbourhood = n.Id;
            return true;
        }

        if (themes.All.FirstOrDefault(t => Plain(t.Id) == word || Plain(t.LabelNl) == word || Plain(t.LabelEn) == word
            || Plain(t.LabelNl).Split('-')[0] == word || Plain(t.LabelEn).Split('-')[0] == word) is { } t)
        {
            theme = t.Id;
            return true;
        }

        if (StatusWords.TryGetValue(word, out var s))
        {
            status = s;
            return true;
        }

        return false;
    }

    private static readonly Dictionary<string, IdeaStatus> StatusWords = new(StringComparer.Ordinal)
    {
        ["nieuw"] = IdeaStatus.Received, ["new"] = IdeaStatus.Received, ["received"] = IdeaStatus.Received, ["ontvangen"] = IdeaStatus.Received,
        ["gezien"] = IdeaStatus.InDiscussion, ["seen"] = IdeaStatus.InDiscussion, ["in-bespreking"] = IdeaStatus.InDiscussion, ["bespreking"] = IdeaStatus.InDiscussion, ["discussion"] = IdeaStatus.InDiscussion,
        ["bezig"] = IdeaStatus.Planned, ["mee-bezig"] = IdeaStatus.Planned, ["gepland"] = IdeaStatus.Planned, ["planned"] = IdeaStatus.Planned, ["in-progress"] = IdeaStatus.Planned, ["progress"] = IdeaStatus.Planned,
        ["klaar"] = IdeaStatus.Done, ["done"] = IdeaStatus.Done, ["gedaan"] = IdeaStatus.Done,
        ["kan-niet"] = IdeaStatus.NotFeasible, ["not-possible"] = IdeaStatus.NotFeasible, ["onmogelijk"] = IdeaStatus.NotFeasible, ["notfeasible"] = IdeaStatus.NotFeasible,
    };

    /// <summary>A label as typed words compare: lower case, no accents, spaces and ampersands as hyphens.</summary>
    private static string Plain(string label) => string.Join('-', ProfessionalCommandParser.Words(label.Replace("&", " ", StringComparison.Ordinal)));

    public static JObject ListCard(NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, ProfessionalTexts texts, IdeaFilter filter, IdeaPage page, IReadOnlyList<string> unknown)
    {
        var what = string.Join(", ", new[]
        {
            filter.NeighbourhoodId is { } n ? neighbourhoods.Find(n)?.Name ?? n : null,
            filter.ThemeId is { } t ? themes.Label(t, texts.Lang) : null,
            filter.Status is { } s ? texts.StatusNames[s] : null,
        }.OfType<string>());
        var title = what.Length == 0 ? texts.IdeasTitle : texts.IdeasTitle + " (" + what + ")";
        var card = new TeamsCard(title + "\n" + string.Join('\n', page.Ideas.Select(i => "“" + i.RedactedText + "”"))).Heading(title);
        if (unknown.Count > 0)
        {
            card.Text(texts.NotUnderstood + " (" + string.Join(' ', unknown) + ")", subtle: true);
        }

        if (page.Ideas.Count == 0)
        {
            card.Text(texts.NoIdeas);
        }

        foreach (var idea in page.Ideas)
        {
            ListItem(card, neighbourhoods, themes, texts, idea);
        }

        if (page.Next is { } next)
        {
            card.Action(texts.More, TeamsCard.Data(ListAction, ("neighbourhood", filter.NeighbourhoodId), ("theme", filter.ThemeId), ("status", filter.Status?.ToString()),
                ("beforeAt", next.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)), ("beforeId", next.IdeaId)));
        }

        return card.Build();
    }

    /// <summary>One idea in a list: its redacted text, what it is about, and the buttons to open it and set its status.</summary>
    public static TeamsCard ListItem(TeamsCard card, NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, ProfessionalTexts texts, IdeaSummary idea) =>
        card.Separator()
            .Quote(Shorten(idea.RedactedText, 280))
            .Text(string.Join(" · ", new[]
            {
                idea.NeighbourhoodId is { } nb ? neighbourhoods.Find(nb)?.Name ?? nb : texts.UnknownNeighbourhood,
                string.Join(", ", idea.ThemeIds.Select(t => themes.Label(t, texts.Lang))),
                texts.SentimentNames[idea.Sentiment],
                texts.StatusNames[idea.Status],
                texts.When(idea.ReceivedAt),
            }.Where(p => p.Length > 0)), subtle: true, spacing: "None")
            .Buttons((texts.Open, TeamsCard.Data(OpenAction, ("idea", idea.Id))), (texts.ChangeStatus, TeamsCard.Data(StatusFormAction, ("idea", idea.Id))));

    public static JObject IdeaCard(NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, ProfessionalTexts texts, Idea idea, IReadOnlyList<IdeaStatusChange> history, DateTimeOffset now)
    {
        var text = idea.Analysis.RedactedText.Length == 0 ? texts.ErasedText : idea.Analysis.RedactedText;
        var card = new TeamsCard(texts.IdeaTitle + "\n“" + text + "”")
            .Heading(texts.IdeaTitle)
            .Quote(text)
            .Fact(texts.Neighbourhood, idea.NeighbourhoodId is { } n ? neighbourhoods.Find(n)?.Name ?? n : texts.UnknownNeighbourhood)
            .Fact(texts.Themes, string.Join(", ", idea.Analysis.Themes.Select(t => themes.Label(t.ThemeId, texts.Lang) + (t.Confirmed ? " ✓" : ""))))
            .Fact(texts.Sentiment, texts.SentimentNames[idea.Analysis.Sentiment.Label]);
        if (idea.Analysis.KeyPhrases.Count > 0)
        {
            card.Fact(texts.KeyPhrases, string.Join(", ", idea.Analysis.KeyPhrases.Take(8)));
        }

        card.Fact(texts.Received, texts.When(idea.ReceivedAt) + " (" + Age(texts, now - idea.ReceivedAt) + ")")
            .Fact(texts.Status, texts.StatusNames[idea.Status])
            .Text(texts.History, spacing: "Medium");
        foreach (var change in history)
        {
            card.Text(texts.When(change.ChangedAt) + ": " + texts.StatusNames[change.Status] + (change.Explanation is { } e ? " — " + e : ""), subtle: true, spacing: "None");
        }

        if (IdeaStatusRules.CanMove(idea.Status, IdeaStatus.NotFeasible))
        {
            card.Action(texts.ChangeStatus, TeamsCard.Data(StatusFormAction, ("idea", idea.Id)));
        }

        return card.Action(texts.CorrectThemes, TeamsCard.Data(ThemesFormAction, ("idea", idea.Id))).Build();
    }

    public static JObject StatusForm(ProfessionalTexts texts, Idea idea, string formId, string? status, string? explanation, (string? Status, string? Explanation)? errors)
    {
        var next = Enum.GetValues<IdeaStatus>().Where(s => IdeaStatusRules.CanMove(idea.Status, s)).ToList();
        var card = new TeamsCard(texts.ChangeStatus + "\n“" + idea.Analysis.RedactedText + "”").Heading(texts.ChangeStatus).Quote(Shorten(idea.Analysis.RedactedText, 400))
            .Fact(texts.Status, texts.StatusNames[idea.Status]);
        if (next.Count == 0)
        {
            return card.Text(texts.StatusFinal).Build();
        }

        if (errors is not null)
        {
            card.Error(texts.FixTheForm);
        }

        return card
            .Choices("status", texts.NewStatus, next.Select(s => (s.ToString(), texts.StatusNames[s])), status is null ? [] : [status], multiSelect: false, errors?.Status)
            .InputText("explanation", texts.Explanation, explanation, IdeaService.MaxExplanationLength, multiline: true, placeholder: texts.ExplanationHint, error: errors?.Explanation)
            .Action(texts.Save, TeamsCard.Data(StatusSaveAction, ("idea", idea.Id), (TeamsCard.FormKey, formId)))
            .Build();
    }

    public static JObject ThemesForm(ThemeCatalog themes, ProfessionalTexts texts, Idea idea, string formId, IReadOnlyList<string> selected, string? error) =>
        new TeamsCard(texts.CorrectThemes + "\n“" + idea.Analysis.RedactedText + "”").Heading(texts.CorrectThemes).Quote(Shorten(idea.Analysis.RedactedText, 400))
            .Choices("themes", texts.ChooseThemes, themes.All.Select(t => (t.Id, texts.Lang == "en" ? t.LabelEn : t.LabelNl)), selected, multiSelect: true, error)
            .Action(texts.Save, TeamsCard.Data(ThemesSaveAction, ("idea", idea.Id), (TeamsCard.FormKey, formId)))
            .Build();

    private static JObject Done(ProfessionalTexts texts, string what, Idea idea, string? explanation = null)
    {
        var card = new TeamsCard(what).Text(what).Quote(Shorten(idea.Analysis.RedactedText, 400));
        if (explanation is not null)
        {
            card.Fact(texts.Explanation, explanation);
        }

        return card.Action(texts.Open, TeamsCard.Data(OpenAction, ("idea", idea.Id))).Build();
    }

    private static string Age(ProfessionalTexts texts, TimeSpan age) => texts.Lang == "en"
        ? age.TotalDays >= 1 ? $"{(int)age.TotalDays} days ago" : age.TotalHours >= 1 ? $"{(int)age.TotalHours} hours ago" : "just now"
        : age.TotalDays >= 1 ? $"{(int)age.TotalDays} dagen geleden" : age.TotalHours >= 1 ? $"{(int)age.TotalHours} uur geleden" : "net binnen";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)] + "…";
}
