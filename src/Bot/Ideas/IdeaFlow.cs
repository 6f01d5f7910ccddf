using System.Text.RegularExpressions;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Ideas;

/// <summary>
/// Share an idea or concern: the resident writes freely; the bot stores it at once (analysed, personal data
/// removed), shows what it understood, lets them confirm or correct the themes, asks the neighbourhood once
/// and whether they may be contacted. Also "my ideas": their ideas with status and the professional's explanation.
/// </summary>
public sealed partial class IdeaFlow(ITextAnalyzer analyzer, IdeaService ideas, ResidentService residents, ThemeCatalog themes, NeighbourhoodCatalog neighbourhoods,
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

    private const string IdeaArg = "idea";
    private const string ThemesInput = "themes";

    /// <summary>Ideas shown in "my ideas".</summary>
    public const int MineShown = 5;

    /// <summary>Longest quote of a resident's text on a card; the rest is cut with an ellipsis.</summary>
    public const int QuoteLength = 280;

    public IReadOnlyCollection<string> Actions { get; } =
        [Conversations.Actions.ShareIdea, Conversations.Actions.MyIdeas, Confirm, Correct, SaveThemes, Understood, ChangeNeighbourhood, Contact];

    public IReadOnlyCollection<string> Steps { get; } = [TextStep, ThemesStep, ContactDetailStep];

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
                await AskContactAsync(turn, idea, cancellationToken);
                break;
            case Correct:
                await ShowPickerAsync(turn, idea, turn.Texts.Ideas.PickThemes, idea.Analysis.Themes.Select(t => t.ThemeId).ToList(), cancellationToken);
                break;
            case SaveThemes:
                await SaveThemesAsync(turn, idea, (action[ThemesInput] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), cancellationToken);
                break;
            case Contact when action["allowed"] == "yes":
                turn.Flow.Await(ContactDetailStep, (IdeaArg, idea.Id));
                await turn.SendAsync(new Prompt(turn.Texts.Ideas.AskContactDetail)
                {
                    Choices = [ContactChoice(turn.Texts, idea, allowed: false)],
                }, cancellationToken);
                break;
            case Contact:
                await ideas.SetContactAsync(idea.Id, allowed: false, detail: null, cancellationToken);
                await turn.MenuAsync(turn.Texts.Ideas.Thanks, cancellationToken);
                break;
        }
    }

    public async Task OnTextAsync(ResidentTurn turn, string text, CancellationToken cancellationToken)
    {
        if (turn.Flow.Step == TextStep)
        {
            await ReceiveAsync(turn, text, cancellationToken);
            return;
        }

        if (await OwnIdeaAsync(turn, turn.Flow[IdeaArg], cancellationToken) is not { } idea)
        {
            await turn.MenuAsync(turn.Texts.Ideas.Gone, cancellationToken);
            return;
        }

        if (turn.Flow.Step == ThemesStep)
        {
            // "1 7" or "1, 7": the numbers of the themes as the text version of the picker lists them.
            var picked = NumberPattern().Matches(text).Select(m => int.TryParse(m.Value, out var n) ? n : 0)
                .Where(n => n >= 1 && n <= themes.All.Count).Select(n => themes.All[n - 1].Id);
            await SaveThemesAsync(turn, idea, picked.ToList(), cancellationToken);
            return;
        }

        var detail = text.Trim();
        if (!LooksLikeContact(detail))
        {
            await turn.SendAsync(new Prompt(turn.Texts.Ideas.ContactDetailInvalid)
            {
                Choices = [ContactChoice(turn.Texts, idea, allowed: false)],
            }, cancellationToken);
            return;
        }

        await ideas.SetContactAsync(idea.Id, allowed: true, detail, cancellationToken);
        await residents.GiveConsentAsync(turn.Resident.Id, ConsentKind.Contact, cancellationToken);
        await turn.MenuAsync(turn.Texts.Ideas.ThanksWithContact, cancellationToken);
    }

    /// <summary>Free text that is not a command: stores it as an idea and shows what the bot understood.</summary>
    public async Task ReceiveAsync(ResidentTurn turn, string text, CancellationToken cancellationToken)
    {
        if (IntentRecognizer.Words(text).Count < 2)
        {
            turn.Flow.Await(TextStep);
            await turn.SendAsync(new Prompt(turn.Texts.Ideas.TooShort) { Choices = [MainMenu.Back(turn.Texts)] }, cancellationToken);
            return;
        }

        // Once the message is accepted the idea is stored, even when the channel stops waiting for this turn (the
        // request is aborted): the analysis has its own deadline, and storing is not tied to the request.
        var accepted = CancellationToken.None;
        await turn.TypingAsync(accepted);
        var analysis = await analyzer.AnalyzeAsync(text, accepted);
        var keepOriginal = await residents.HasConsentAsync(turn.Resident.Id, ConsentKind.KeepOriginalText, accepted);
        var (idea, _) = await ideas.SubmitAsync(
            new IdeaService.Submission(turn.SourceKey, turn.Resident.Id, turn.Resident.NeighbourhoodId, text, keepOriginal, analysis), accepted);

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
        await AskContactAsync(turn, idea, cancellationToken);
    }

    private static Task AskContactAsync(ResidentTurn turn, Idea idea, CancellationToken cancellationToken)
    {
        turn.Flow.Clear();
        return turn.SendAsync(new Prompt(turn.Texts.Ideas.AskContact)
        {
            Choices = [ContactChoice(turn.Texts, idea, allowed: true), ContactChoice(turn.Texts, idea, allowed: false)],
        }, cancellationToken);
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

    /// <summary>An e-mail address or a phone number (9 to 15 digits, with +, spaces, dashes, brackets).</summary>
    internal static bool LooksLikeContact(string text) =>
        text.Length <= IdeaService.MaxContactLength && (EmailPattern().IsMatch(text) || (PhonePattern().IsMatch(text) && text.Count(char.IsAsciiDigit) is >= 9 and <= 15));

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

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[^\s@]+@[^\s@]+\.[^\s@]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[\d\s\-()]+$")]
    private static partial Regex PhonePattern();
}
