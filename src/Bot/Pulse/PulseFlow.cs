using System.Globalization;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Pulse;

/// <summary>
/// The neighbourhood pulse ("buurtpeiling"): offered beside the menu when a resident is back at it (never in another
/// step; the rules of when are <see cref="PulseService"/>'s), or started with "buurtpeiling" or from "Mijn gegevens".
/// One statement at a time, 1–5 in words or "weet ik niet", a stop button at every statement (answers so far kept).
/// After the first pulse, the voluntary background questions once, one tap each and skippable; "Mijn gegevens" shows,
/// changes and removes them.
/// </summary>
public sealed class PulseFlow(PulseService pulse, NeighbourhoodCatalog neighbourhoods) : IResidentFlow, IMenuOffer
{
    public const string Yes = "PulseYes";
    public const string No = "PulseNo";
    public const string Answer = "PulseAnswer";
    public const string Stop = "PulseStop";
    public const string Background = "Background";
    public const string BackgroundAnswer = "BackgroundAnswer";
    public const string BackgroundChange = "BackgroundChange";
    public const string BackgroundRemove = "BackgroundRemove";
    public const string OfferStep = "pulse-offer";
    public const string ItemStep = "pulse-item";
    public const string BackgroundStep = "pulse-background";

    /// <summary>The score argument of "weet ik niet".</summary>
    public const string DontKnowScore = "dk";

    /// <summary>The answer argument of "overslaan".</summary>
    public const string SkipValue = "skip";

    private const string ItemArg = "item";
    private const string ScoreArg = "score";
    private const string QuestionArg = "q";
    private const string ValueArg = "v";
    private const string OnlyArg = "only";

    private static readonly BackgroundQuestion[] Questions = [BackgroundQuestion.AgeBand, BackgroundQuestion.YearsInNeighbourhood, BackgroundQuestion.Household];

    public IReadOnlyCollection<string> Actions { get; } = [Conversations.Actions.Pulse, Yes, No, Answer, Stop, Background, BackgroundAnswer, BackgroundChange, BackgroundRemove];

    public IReadOnlyCollection<string> Steps { get; } = [OfferStep, ItemStep, BackgroundStep];

    /// <inheritdoc />
    public async Task<Prompt> AddToMenuAsync(ResidentTurn turn, Prompt menu, CancellationToken cancellationToken)
    {
        // Shown is remembered in the conversation's state (saved with the turn, no commit of its own); the resident's
        // yes or no is what goes into pulse_offers, and an offer left alone counts as ignored.
        var period = (await pulse.CurrentPeriodAsync(cancellationToken)).Key;
        if (turn.Flow.PulseOfferedIn == period || !await pulse.MayOfferAsync(turn.Resident.Id, turn.Resident.NeighbourhoodId, cancellationToken))
        {
            return menu;
        }

        turn.Flow.PulseOfferedIn = period;

        // The offer's buttons come after the menu's, so the menu's numbers stay what they always are on text channels.
        var texts = PulseTexts.For(turn.Texts.Language);
        var count = (await pulse.ActiveItemsAsync(cancellationToken)).Count;
        turn.Flow.Await(OfferStep);
        return menu with
        {
            Sections = [.. menu.Sections, new Section(texts.OfferTitle) { Lines = [turn.Texts.Format(texts.Offer, count)] }],
            Choices = [.. menu.Choices, new(texts.OfferYes, BotAction.Of(Yes)), new(texts.OfferNo, BotAction.Of(No))],
        };
    }

    public async Task OnActionAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        switch (action.Name)
        {
            case Conversations.Actions.Pulse or Yes:
                await StartAsync(turn, cancellationToken);
                break;
            case No:
                await pulse.DecideAsync(turn.Resident.Id, accepted: false, cancellationToken);
                await turn.MenuAsync(texts.Declined, cancellationToken);
                break;
            case Answer when turn.Flow.Step == ItemStep && action[ItemArg] is { } item && item == turn.Flow[ItemArg] && ParseScore(action[ScoreArg]) is { } score:
                await AnswerAsync(turn, item, score.Value, cancellationToken);
                break;
            case Answer:
                // A button of an earlier statement or card: the open statement is asked again, or the menu shown.
                await RepeatOrMenuAsync(turn, texts.ChooseAnAnswer, cancellationToken);
                break;
            case Stop:
                turn.MenuOffer = null;
                await turn.MenuAsync(turn.Flow.Step == BackgroundStep ? texts.BackgroundThanks : texts.Stopped, cancellationToken);
                break;
            case Background:
                await ShowBackgroundAsync(turn, null, cancellationToken);
                break;
            case BackgroundChange when Enum.TryParse<BackgroundQuestion>(action[QuestionArg], out var question) && Enum.IsDefined(question):
                await AskBackgroundAsync(turn, question, only: true, lead: null, cancellationToken);
                break;
            case BackgroundAnswer when turn.Flow.Step == BackgroundStep && action[QuestionArg] is { } asked && asked == turn.Flow[QuestionArg]
                                        && Enum.TryParse<BackgroundQuestion>(asked, out var answered) && action[ValueArg] is { } value:
                await AnswerBackgroundAsync(turn, answered, value, cancellationToken);
                break;
            case BackgroundRemove:
                await pulse.RemoveBackgroundAsync(turn.Resident.Id, cancellationToken);
                await ShowBackgroundAsync(turn, texts.Removed, cancellationToken);
                break;
            default:
                await RepeatOrMenuAsync(turn, null, cancellationToken);
                break;
        }
    }

    public Task<ExpectedAnswer> ExpectAsync(ResidentTurn turn, CancellationToken cancellationToken) =>
        Task.FromResult(new ExpectedAnswer(turn.Flow.Step == OfferStep ? AnswerKind.YesNo : AnswerKind.Comment));

    public async Task OnAnswerAsync(ResidentTurn turn, TurnDecision answer, CancellationToken cancellationToken)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        switch (turn.Flow.Step)
        {
            case OfferStep:
                await OnActionAsync(turn, BotAction.Of(answer.Yes == true ? Yes : No), cancellationToken);
                break;
            case ItemStep when turn.Flow[ItemArg] is { } item && TypedScore(answer.Text) is { } score:
                await AnswerAsync(turn, item, score.Value, cancellationToken);
                break;
            case BackgroundStep when answer.Yes == false && Enum.TryParse<BackgroundQuestion>(turn.Flow[QuestionArg], out var skipped):
                // "nee", "liever niet": skipped.
                await AnswerBackgroundAsync(turn, skipped, SkipValue, cancellationToken);
                break;
            default:
                await RepeatAsync(turn, texts.ChooseAnAnswer, cancellationToken);
                break;
        }
    }

    public async Task RepeatAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken)
    {
        switch (turn.Flow.Step)
        {
            case ItemStep when turn.Flow[ItemArg] is { } key && await FindActiveAsync(key, cancellationToken) is var (items, index) && index >= 0:
                await AskItemAsync(turn, items, index, lead ?? PulseTexts.For(turn.Texts.Language).ChooseAnAnswer, cancellationToken);
                break;
            case BackgroundStep when Enum.TryParse<BackgroundQuestion>(turn.Flow[QuestionArg], out var question):
                await AskBackgroundAsync(turn, question, turn.Flow[OnlyArg] == "yes", lead ?? PulseTexts.For(turn.Texts.Language).ChooseAnAnswer, cancellationToken);
                break;
            default:
                // The offer beside the menu: not understood is the menu again, without the offer (it was made this period).
                await turn.MenuAsync(lead ?? turn.Texts.NotUnderstood, cancellationToken);
                break;
        }
    }

    private Task RepeatOrMenuAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken) =>
        turn.Flow.Step is ItemStep or BackgroundStep ? RepeatAsync(turn, lead, cancellationToken) : turn.MenuAsync(turn.Texts.ChoiceGone, cancellationToken);

    private async Task StartAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        var items = await pulse.ActiveItemsAsync(cancellationToken);
        if (items.Count == 0)
        {
            await turn.MenuAsync(texts.NothingToAsk, cancellationToken);
            return;
        }

        // The answers count for the resident's neighbourhood: it must be known.
        if (await NeighbourhoodPrompt.OfResidentOrAskAsync(turn, neighbourhoods, BotAction.Of(Conversations.Actions.Pulse), cancellationToken) is null)
        {
            return;
        }

        await pulse.DecideAsync(turn.Resident.Id, accepted: true, cancellationToken);
        await AskItemAsync(turn, items, 0, texts.Intro, cancellationToken);
    }

    private async Task AskItemAsync(ResidentTurn turn, IReadOnlyList<PulseItem> items, int index, string? lead, CancellationToken cancellationToken)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        var item = items[index];
        var statement = turn.Texts.Language == ResidentLanguage.English ? item.TextEn : item.TextNl;
        var lines = new List<string> { statement };
        if ((await pulse.AnswersAsync(turn.Resident.Id, cancellationToken)).FirstOrDefault(a => a.ItemKey == item.Key) is { } earlier)
        {
            lines.Add(turn.Texts.Format(texts.EarlierAnswer, ScoreTitle(texts, earlier.Score)));
        }

        turn.Flow.Await(ItemStep, (ItemArg, item.Key));
        await turn.SendAsync(new Prompt(lead ?? statement)
        {
            Sections = [new Section(turn.Texts.Format(texts.StatementOf, index + 1, items.Count)) { Lines = lead is null ? lines.Skip(1).ToList() : lines }],
            Question = texts.HowMuchAgree,
            Choices = Enumerable.Range(PulseScale.Min, PulseScale.Max - PulseScale.Min + 1)
                .Select(s => new Choice(texts.Scale[s - 1], BotAction.Of(Answer, (ItemArg, item.Key), (ScoreArg, s.ToString(CultureInfo.InvariantCulture)))))
                .Append(new Choice(texts.DontKnow, BotAction.Of(Answer, (ItemArg, item.Key), (ScoreArg, DontKnowScore))))
                .Append(new Choice(texts.Stop, BotAction.Of(Stop)))
                .ToList(),
        }, cancellationToken);
    }

    private async Task AnswerAsync(ResidentTurn turn, string itemKey, int? score, CancellationToken cancellationToken)
    {
        try
        {
            await pulse.AnswerAsync(turn.Resident.Id, turn.Resident.NeighbourhoodId, itemKey, score, cancellationToken);
        }
        catch (RuleViolation violation) when (violation.Code == RuleCode.NotFound)
        {
            // The programme manager took the statement out meanwhile: go on with the next one.
        }

        var items = await pulse.ActiveItemsAsync(cancellationToken);
        var next = items.ToList().FindIndex(i => i.Key == itemKey) is var at && at >= 0 ? at + 1 : NextAfterAnswered(items, await pulse.AnswersAsync(turn.Resident.Id, cancellationToken));
        if (next < items.Count)
        {
            await AskItemAsync(turn, items, next, lead: null, cancellationToken);
            return;
        }

        await FinishAsync(turn, cancellationToken);
    }

    private static int NextAfterAnswered(IReadOnlyList<PulseItem> items, IReadOnlyList<PulseAnswer> answers)
    {
        var index = items.ToList().FindIndex(i => !answers.Any(a => a.ItemKey == i.Key));
        return index < 0 ? items.Count : index;
    }

    private async Task FinishAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        if (await pulse.MayOfferBackgroundAsync(turn.Resident.Id, cancellationToken))
        {
            await pulse.RecordBackgroundOfferAsync(turn.Resident.Id, cancellationToken);
            await AskBackgroundAsync(turn, Questions[0], only: false, texts.Thanks + "\n\n" + texts.BackgroundIntro + " " + texts.BackgroundWhy, cancellationToken);
            return;
        }

        turn.MenuOffer = null;
        await turn.MenuAsync(texts.Thanks, cancellationToken);
    }

    private async Task AskBackgroundAsync(ResidentTurn turn, BackgroundQuestion question, bool only, string? lead, CancellationToken cancellationToken)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        var ask = question switch
        {
            BackgroundQuestion.AgeBand => texts.AskAge,
            BackgroundQuestion.YearsInNeighbourhood => texts.AskYears,
            _ => texts.AskHousehold,
        };
        var choices = BackgroundBands.Of(question).Select(v => new Choice(texts.Bands[v], BotAction.Of(BackgroundAnswer, (QuestionArg, question.ToString()), (ValueArg, v)))).ToList();
        choices.Add(new Choice(texts.Skip, BotAction.Of(BackgroundAnswer, (QuestionArg, question.ToString()), (ValueArg, SkipValue))));
        if (!only)
        {
            choices.Add(new Choice(texts.Stop, BotAction.Of(Stop)));
        }

        turn.Flow.Await(BackgroundStep, (QuestionArg, question.ToString()), (OnlyArg, only ? "yes" : "no"));
        var heading = only ? null : turn.Texts.Format(texts.QuestionOf, Array.IndexOf(Questions, question) + 1, Questions.Length);
        await turn.SendAsync(new Prompt(lead ?? ask)
        {
            Sections = lead is null && heading is null ? [] : [new Section(heading) { Lines = lead is null ? [] : [ask] }],
            Choices = choices,
        }, cancellationToken);
    }

    private async Task AnswerBackgroundAsync(ResidentTurn turn, BackgroundQuestion question, string value, CancellationToken cancellationToken)
    {
        var only = turn.Flow[OnlyArg] == "yes";
        if (value != SkipValue)
        {
            try
            {
                await pulse.SetBackgroundAsync(turn.Resident.Id, question, value, cancellationToken);
            }
            catch (RuleViolation violation) when (violation.Code == RuleCode.InvalidInput)
            {
                await AskBackgroundAsync(turn, question, only, PulseTexts.For(turn.Texts.Language).ChooseAnAnswer, cancellationToken);
                return;
            }
        }

        var texts = PulseTexts.For(turn.Texts.Language);
        if (only)
        {
            await ShowBackgroundAsync(turn, texts.Saved, cancellationToken);
            return;
        }

        var next = Array.IndexOf(Questions, question) + 1;
        if (next < Questions.Length)
        {
            await AskBackgroundAsync(turn, Questions[next], only: false, lead: null, cancellationToken);
            return;
        }

        turn.MenuOffer = null;
        await turn.MenuAsync(texts.BackgroundThanks, cancellationToken);
    }

    private async Task ShowBackgroundAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken)
    {
        var texts = PulseTexts.For(turn.Texts.Language);
        var mine = await pulse.BackgroundAsync(turn.Resident.Id, cancellationToken);
        string Shown(string? value) => value is not null && texts.Bands.TryGetValue(value, out var title) ? title : texts.NotGiven;
        var choices = new List<Choice>
        {
            new(texts.ChangeAge, BotAction.Of(BackgroundChange, (QuestionArg, nameof(BackgroundQuestion.AgeBand)))),
            new(texts.ChangeYears, BotAction.Of(BackgroundChange, (QuestionArg, nameof(BackgroundQuestion.YearsInNeighbourhood)))),
            new(texts.ChangeHousehold, BotAction.Of(BackgroundChange, (QuestionArg, nameof(BackgroundQuestion.Household)))),
        };
        if (mine?.HasAnswers == true)
        {
            choices.Add(new Choice(texts.RemoveAll, BotAction.Of(BackgroundRemove)));
        }

        choices.Add(new Choice(turn.Texts.MyData, BotAction.Of(Conversations.Actions.MyData)));
        turn.Flow.Clear();
        await turn.SendAsync(new Prompt(lead is null ? texts.BackgroundOverview : lead + "\n\n" + texts.BackgroundOverview)
        {
            Sections =
            [
                new Section(texts.BackgroundTitle)
                {
                    Facts = [new(texts.Age, Shown(mine?.AgeBand)), new(texts.Years, Shown(mine?.YearsBand)), new(texts.Household, Shown(mine?.Household))],
                },
            ],
            Choices = choices,
        }, cancellationToken);
    }

    private async Task<(IReadOnlyList<PulseItem> Items, int Index)> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        var items = await pulse.ActiveItemsAsync(cancellationToken);
        return (items, items.ToList().FindIndex(i => i.Key == key));
    }

    /// <summary>"1".."5" or "dk" from a button; null for anything else.</summary>
    private static Score? ParseScore(string? value) =>
        value == DontKnowScore ? new Score(null)
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= PulseScale.Min and <= PulseScale.Max ? new Score(score)
        : null;

    /// <summary>A typed answer: a number 1 to 5, a scale word, or "weet ik niet".</summary>
    private static Score? TypedScore(string? text)
    {
        var typed = TypedWords.Of(text).Joined;
        if (typed.Length == 0)
        {
            return null;
        }

        if (int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= PulseScale.Min and <= PulseScale.Max)
        {
            return new Score(number);
        }

        foreach (var language in new[] { PulseTexts.Dutch, PulseTexts.English })
        {
            if (TypedWords.Of(language.DontKnow).Joined == typed)
            {
                return new Score(null);
            }

            var index = language.Scale.Select(s => TypedWords.Of(s).Joined).ToList().IndexOf(typed);
            if (index >= 0)
            {
                return new Score(index + PulseScale.Min);
            }
        }

        return typed is "weet niet" or "geen idee" or "dont know" or "no idea" ? new Score(null) : null;
    }

    /// <summary>An answer on the scale; a null value is "weet ik niet".</summary>
    private readonly record struct Score(int? Value);

    private static string ScoreTitle(PulseTexts texts, int? score) => score is { } s ? texts.Scale[s - 1] : texts.DontKnow;
}
