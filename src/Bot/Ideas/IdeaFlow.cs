using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Ideas;

/// <summary>
/// Share an idea or concern: the resident writes freely; the bot stores it at once (analysed, personal data
/// removed), shows what it understood, lets them confirm or correct the themes, asks the neighbourhood once
/// and whether they may be contacted. Also "my ideas": their ideas with status and the professional's explanation.
/// </summary>
public sealed class IdeaFlow(ITextAnalyzer analyzer, IdeaService ideas, ResidentService residents, ThemeCatalog themes, NeighbourhoodCatalog neighbourhoods,
    Proactive.ResidentConversations reach) : IResidentFlow
{
    public const string Confirm = "IdeaConfirm";
    public const string Correct = "IdeaCorrect";
    public const string SaveThemes = "IdeaThemes";
    public const string Understood = "IdeaUnderstood";
    public const string ChangeNeighbourhood = "IdeaNeighbourhood";
    public const string Contact = "IdeaContact";

    public const string TextStep = "idea-text";
    public const string ThemesStep = "idea-themes";
    public const string ContactDetailStep = "idea-contact-detail";
    public const string ContactStep = "idea-contact";
    public const string ShareStep = "idea-share";
    public const string Share = "IdeaShare";

    private const string IdeaArg = "idea";
    private const string TextArg = "text";
    private const string KeyArg = "key";
    private const string NeighbourhoodArg = "neighbourhood";
    private const string UrgentArg = "urgent";
    private const string ThemesInput = "themes";

    /// <summary>Ideas shown in "my ideas".</summary>
    public const int MineShown = 5;

    /// <summary>Longest quote of a resident's text on a card; the rest is cut with an ellipsis.</summary>
    public const int QuoteLength = 280;

    public IReadOnlyCollection<string> Actions { get; } =
        [Conversations.Actions.ShareIdea, Conversations.Actions.MyIdeas, Confirm, Correct, SaveThemes, Understood, ChangeNeighbourhood, Contact, Share];

    public IReadOnlyCollection<string> Steps { get; } = [TextStep, ThemesStep, ContactStep, ContactDetailStep, ShareStep];

    public async Task OnActionAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken)
    {
        if (action.Name == Conversations.Actions.ShareIdea)
        {
            turn.Flow.Await(TextStep);
            await turn.SendAsync(new Prompt(turn.Texts.Ideas.AskText) { Choices = [MainMenu.Back(turn.Texts)] }, cancellationToken);
            return;
        }

        if (action.Name == Conversations.Actions.MyIdeas)
        {
            await ShowMineAsync(turn, cancellationToken);
            return;
        }

        if (action.Name == Share)
        {
            // The text waits in this conversation's step only; a button of an old card finds nothing to share.
            if (turn.Flow.Step != ShareStep || turn.Flow[TextArg] is null)
            {
                await turn.MenuAsync(turn.Texts.ChoiceGone, cancellationToken);
                return;
            }

            await DecideShareAsync(turn, action["share"] == "yes", cancellationToken);
            return;
        }

        if (await OwnIdeaAsync(turn, action[IdeaArg], cancellationToken) is not { } idea)
        {
            await turn.MenuAsync(turn.Texts.Ideas.Gone, cancellationToken);
            return;
        }

        switch (action.Name)
        {
            case Understood:
                if (neighbourhoods.Find(action[NeighbourhoodPrompt.ChosenArg])?.Id is { } chosen && chosen != idea.NeighbourhoodId)
                {
                    await ideas.SetNeighbourhoodAsync(idea.Id, chosen, cancellationToken);
                    idea = idea with { NeighbourhoodId = chosen };
                }

                await ShowUnderstoodAsync(turn, idea, cancellationToken);
                break;
            case ChangeNeighbourhood:
                await turn.SendAsync(NeighbourhoodPrompt.Build(turn.Texts, neighbourhoods, turn.Texts.Ideas.WhichNeighbourhood,
                    BotAction.Of(Understood, (IdeaArg, idea.Id), (NeighbourhoodPrompt.RememberArg, "no"))), cancellationToken);
                break;
            case Confirm:
                await ideas.ConfirmThemesAsync(idea.Id, idea.Analysis.Themes, cancellationToken);
                await AskContactAsync(turn, idea, lead: null, cancellationToken);
                break;
            case Correct:
                await ShowPickerAsync(turn, idea, turn.Texts.Ideas.PickThemes, idea.Analysis.Themes.Select(t => t.ThemeId).ToList(), cancellationToken);
                break;
            case SaveThemes:
                await SaveThemesAsync(turn, idea, (action[ThemesInput] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), cancellationToken);
                break;
            case Contact when action["allowed"] == "yes":
                await AskContactDetailAsync(turn, idea, turn.Texts.Ideas.AskContactDetail, cancellationToken);
                break;
            case Contact:
                await ideas.SetContactAsync(idea.Id, allowed: false, detail: null, cancellationToken);
                await turn.MenuAsync(turn.Texts.Ideas.Thanks, cancellationToken);
                break;
        }
    }

    public Task<ExpectedAnswer> ExpectAsync(ResidentTurn turn, CancellationToken cancellationToken) => Task.FromResult(new ExpectedAnswer(turn.Flow.Step switch
    {
        ThemesStep => AnswerKind.Themes,
        ContactStep => AnswerKind.Contact,
        ContactDetailStep => AnswerKind.ContactDetail,
        ShareStep => AnswerKind.YesNo,
        _ => AnswerKind.Text,
    }));

    public async Task OnAnswerAsync(ResidentTurn turn, TurnDecision answer, CancellationToken cancellationToken)
    {
        if (turn.Flow.Step == ShareStep)
        {
            await DecideShareAsync(turn, answer.Yes == true, cancellationToken);
            return;
        }

        if (await OwnIdeaAsync(turn, turn.Flow[IdeaArg], cancellationToken) is not { } idea)
        {
            await turn.MenuAsync(turn.Texts.Ideas.Gone, cancellationToken);
            return;
        }

        switch (turn.Flow.Step)
        {
            case ThemesStep:
                await SaveThemesAsync(turn, idea, answer.ThemeIds, cancellationToken);
                break;
            case ContactStep or ContactDetailStep when answer.Yes == true && answer.ContactDetail is { } detail:
                await ideas.SetContactAsync(idea.Id, allowed: true, detail, cancellationToken);
                await residents.GiveConsentAsync(turn.Resident.Id, ConsentKind.Contact, cancellationToken);
                await turn.MenuAsync(turn.Texts.Ideas.ThanksWithContact, cancellationToken);
                break;
            case ContactStep when answer.Yes == true:
                await AskContactDetailAsync(turn, idea, turn.Texts.Ideas.AskContactDetail, cancellationToken);
                break;
            default:
                await ideas.SetContactAsync(idea.Id, allowed: false, detail: null, cancellationToken);
                await turn.MenuAsync(turn.Texts.Ideas.Thanks, cancellationToken);
                break;
        }
    }

    public async Task RepeatAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken)
    {
        var texts = turn.Texts.Ideas;
        if (turn.Flow.Step == TextStep)
        {
            await turn.SendAsync(new Prompt(lead is null ? texts.TooShort : lead + "\n\n" + texts.AskTextAgain) { Choices = [MainMenu.Back(turn.Texts)] }, cancellationToken);
            return;
        }

        if (turn.Flow.Step == ShareStep)
        {
            await AskShareAsync(turn, (lead ?? texts.ShareNotUnderstood) + "\n\n" + (turn.Flow[UrgentArg] is null ? texts.ShareTyped : texts.ShareUrgent), cancellationToken);
            return;
        }

        if (await OwnIdeaAsync(turn, turn.Flow[IdeaArg], cancellationToken) is not { } idea)
        {
            await turn.MenuAsync(turn.Texts.Ideas.Gone, cancellationToken);
            return;
        }

        switch (turn.Flow.Step)
        {
            case ThemesStep:
                await ShowPickerAsync(turn, idea, lead is null ? texts.PickerNotUnderstood : lead + "\n\n" + texts.PickThemes, idea.Analysis.Themes.Select(t => t.ThemeId).ToList(), cancellationToken);
                break;
            case ContactStep:
                await AskContactAsync(turn, idea, lead ?? texts.ContactNotUnderstood, cancellationToken);
                break;
            default:
                await AskContactDetailAsync(turn, idea, lead is null ? texts.ContactDetailInvalid : lead + "\n\n" + texts.AskContactDetail, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Something the resident wants to share: stored at once and shown as understood. An urgent message first gets
    /// the right phone number and is stored only when the resident says so; text typed at the theme list is asked about.
    /// </summary>
    public async Task ReceiveAsync(ResidentTurn turn, string text, string? neighbourhoodId, string? fromStep, CancellationToken cancellationToken)
    {
        var texts = turn.Texts.Ideas;
        var urgent = UrgentMessages.Detect(text);
        if (urgent is null && fromStep != ThemesStep)
        {
            await StoreAsync(turn, text, neighbourhoodId, turn.SourceKey, cancellationToken);
            return;
        }

        var context = new List<(string, string)> { (TextArg, text), (KeyArg, turn.SourceKey) };
        if (neighbourhoodId is not null)
        {
            context.Add((NeighbourhoodArg, neighbourhoodId));
        }

        if (urgent is not null)
        {
            // First and at once: the number to call. This chat is not watched day and night.
            await turn.SayAsync(urgent.Kind switch
            {
                UrgentKind.SelfHarm => texts.UrgentSelfHarm,
                UrgentKind.Domestic => texts.UrgentDomestic,
                _ => texts.UrgentEmergency,
            }, cancellationToken);
            context.Add((UrgentArg, "yes"));
        }
        else if (turn.Flow[IdeaArg] is { } pickerIdea)
        {
            context.Add((IdeaArg, pickerIdea));
        }

        turn.Flow.Await(ShareStep, [.. context]);
        await AskShareAsync(turn, urgent is null ? texts.ShareTyped : texts.ShareUrgent, cancellationToken);
    }

    private Task AskShareAsync(ResidentTurn turn, string lead, CancellationToken cancellationToken)
    {
        var texts = turn.Texts.Ideas;
        return turn.SendAsync(new Prompt(lead)
        {
            Choices =
            [
                new(texts.ShareYes, BotAction.Of(Share, ("share", "yes"))),
                new(turn.Flow[UrgentArg] is null && turn.Flow[IdeaArg] is not null ? texts.BackToThemes : texts.ShareNo, BotAction.Of(Share, ("share", "no"))),
            ],
        }, cancellationToken);
    }

    private async Task DecideShareAsync(ResidentTurn turn, bool share, CancellationToken cancellationToken)
    {
        var text = turn.Flow[TextArg]!;
        var key = turn.Flow[KeyArg] ?? turn.SourceKey;
        var neighbourhoodId = turn.Flow[NeighbourhoodArg];
        var backTo = turn.Flow[UrgentArg] is null ? turn.Flow[IdeaArg] : null;
        turn.Flow.Clear();
        if (share)
        {
            await StoreAsync(turn, text, neighbourhoodId, key, cancellationToken);
        }
        else if (backTo is not null && await OwnIdeaAsync(turn, backTo, cancellationToken) is { } idea)
        {
            await ShowPickerAsync(turn, idea, turn.Texts.Ideas.PickThemes, idea.Analysis.Themes.Select(t => t.ThemeId).ToList(), cancellationToken);
        }
        else
        {
            await turn.MenuAsync(turn.Texts.Ideas.NotShared, cancellationToken);
        }
    }

    private async Task StoreAsync(ResidentTurn turn, string text, string? neighbourhoodId, string sourceKey, CancellationToken cancellationToken)
    {
        // Once the message is accepted the idea is stored, even when the channel stops waiting for this turn (the
        // request is aborted): the analysis has its own deadline, and storing is not tied to the request.
        var accepted = CancellationToken.None;
        await turn.TypingAsync(accepted);
        var analysis = await analyzer.AnalyzeAsync(text, accepted);
        var keepOriginal = await residents.HasConsentAsync(turn.Resident.Id, ConsentKind.KeepOriginalText, accepted);

        // A neighbourhood named in the message ("in Nazareth", a street of it) is what it is about; else where the resident lives.
        var (idea, _) = await ideas.SubmitAsync(
            new IdeaService.Submission(sourceKey, turn.Resident.Id, neighbourhoodId ?? turn.Resident.NeighbourhoodId, text, keepOriginal, analysis), accepted);

        // When a professional answers, the resident hears it in this conversation.
        await reach.RememberAsync(turn.Resident.Id, turn.Context.Activity.GetConversationReference(), accepted);
        turn.Flow.Clear();
        if (idea.NeighbourhoodId is null)
        {
            await turn.SendAsync(NeighbourhoodPrompt.Build(turn.Texts, neighbourhoods, turn.Texts.AskNeighbourhood, BotAction.Of(Understood, (IdeaArg, idea.Id))), cancellationToken);
            return;
        }

        await ShowUnderstoodAsync(turn, idea, cancellationToken);
    }

    private async Task ShowUnderstoodAsync(ResidentTurn turn, Idea idea, CancellationToken cancellationToken)
    {
        var texts = turn.Texts.Ideas;
        var found = idea.Analysis.Themes.OrderByDescending(t => t.Score).Select(t => t.ThemeId).ToList();
        if (found.Count == 0)
        {
            await ShowPickerAsync(turn, idea, texts.UnsureOfThemes, [], cancellationToken);
            return;
        }

        turn.Flow.Clear();
        await turn.SendAsync(new Prompt(texts.Understood)
        {
            Sections =
            [
                new Section(null)
                {
                    Quote = Shorten(idea.Analysis.RedactedText, QuoteLength),
                    Facts =
                    [
                        new Fact(texts.Neighbourhood, neighbourhoods.Find(idea.NeighbourhoodId)?.Name ?? texts.NotKnown),
                        new Fact(texts.Themes, string.Join(", ", found.Select(id => themes.Label(id, turn.Texts.Lang)))),
                    ],
                },
            ],
            Choices =
            [
                new(texts.Confirm, BotAction.Of(Confirm, (IdeaArg, idea.Id))),
                new(texts.Correct, BotAction.Of(Correct, (IdeaArg, idea.Id))),
                new(texts.OtherNeighbourhood, BotAction.Of(ChangeNeighbourhood, (IdeaArg, idea.Id))),
            ],
        }, cancellationToken);
    }

    private async Task ShowPickerAsync(ResidentTurn turn, Idea idea, string lead, IReadOnlyList<string> selected, CancellationToken cancellationToken)
    {
        var texts = turn.Texts.Ideas;
        turn.Flow.Await(ThemesStep, (IdeaArg, idea.Id));
        await turn.SendAsync(new Prompt(lead)
        {
            Sections = [new Section(null) { Quote = Shorten(idea.Analysis.RedactedText, QuoteLength) }],
            Picker = new Picker(ThemesInput, texts.PickThemesLabel, themes.All.Select(t => (t.Id, themes.Label(t.Id, turn.Texts.Lang))).ToList(), selected,
                new Choice(texts.Save, BotAction.Of(SaveThemes, (IdeaArg, idea.Id))), texts.PickThemesTypeHint),
            Choices = [new(texts.Back, BotAction.Of(Understood, (IdeaArg, idea.Id)))],
        }, cancellationToken);
    }

    private async Task SaveThemesAsync(ResidentTurn turn, Idea idea, IReadOnlyList<string> picked, CancellationToken cancellationToken)
    {
        var chosen = picked.Select(id => themes.Find(id)?.Id).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            await ShowPickerAsync(turn, idea, turn.Texts.Ideas.PickAtLeastOne, [], cancellationToken);
            return;
        }

        // A theme the resident chose keeps the classifier's score when it had one; a theme it missed counts as sure.
        var scores = idea.Analysis.Themes.ToDictionary(t => t.ThemeId, t => t.Score, StringComparer.Ordinal);
        await ideas.ConfirmThemesAsync(idea.Id, chosen.Select(id => new ThemeScore(id, scores.GetValueOrDefault(id, 1.0), Confirmed: true)).ToList(), cancellationToken);
        var saved = turn.Texts.Format(turn.Texts.Ideas.ThemesSaved, string.Join(", ", chosen.Select(id => themes.Label(id, turn.Texts.Lang))));
        await AskContactAsync(turn, idea, saved, cancellationToken);
    }

    private static Task AskContactAsync(ResidentTurn turn, Idea idea, string? lead, CancellationToken cancellationToken)
    {
        turn.Flow.Await(ContactStep, (IdeaArg, idea.Id));
        var ask = turn.Texts.Ideas.AskContact;
        return turn.SendAsync(new Prompt(lead is null ? ask : lead + "\n\n" + ask)
        {
            Choices = [ContactChoice(turn.Texts, idea, allowed: true), ContactChoice(turn.Texts, idea, allowed: false)],
        }, cancellationToken);
    }

    private static Task AskContactDetailAsync(ResidentTurn turn, Idea idea, string lead, CancellationToken cancellationToken)
    {
        turn.Flow.Await(ContactDetailStep, (IdeaArg, idea.Id));
        return turn.SendAsync(new Prompt(lead) { Choices = [ContactChoice(turn.Texts, idea, allowed: false)] }, cancellationToken);
    }

    /// <summary>"Ja, dat mag" or "Nee, liever niet" about being contacted for this idea.</summary>
    private static Choice ContactChoice(BotTexts texts, Idea idea, bool allowed) =>
        new(allowed ? texts.Ideas.ContactYes : texts.Ideas.ContactNo, BotAction.Of(Contact, (IdeaArg, idea.Id), ("allowed", allowed ? "yes" : "no")));

    private async Task ShowMineAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        var texts = turn.Texts.Ideas;
        var mine = await ideas.MineAsync(turn.Resident.Id, MineShown, cancellationToken);
        turn.Flow.Clear();
        await turn.SendAsync(new Prompt(mine.Count == 0 ? texts.MineEmpty : texts.MineIntro)
        {
            Sections = mine.Select(idea => new Section(null)
            {
                Quote = Shorten(idea.Analysis.RedactedText, QuoteLength),
                Facts = new List<Fact>
                {
                    new(texts.Received, Conversations.Dates.Day(turn.Texts, idea.ReceivedAt)),
                    new(texts.Status, texts.StatusLabels[idea.Status]),
                }.Concat(idea.StatusExplanation is { } why ? [new Fact(texts.Explanation, why)] : []).ToList(),
            }).ToList(),
            Choices = [new(turn.Texts.ShareIdea, BotAction.Of(Conversations.Actions.ShareIdea)), MainMenu.Back(turn.Texts)],
        }, cancellationToken);
    }

    private async Task<Idea?> OwnIdeaAsync(ResidentTurn turn, string? ideaId, CancellationToken cancellationToken) =>
        ideaId is not null && await ideas.GetAsync(ideaId, cancellationToken) is { } idea && idea.ResidentId == turn.Resident.Id ? idea : null;

    /// <summary>The text cut at a word boundary before <paramref name="max"/> characters, with an ellipsis.</summary>
    internal static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut < 1 ? max - 1 : cut)].TrimEnd() + "…";
    }
}
