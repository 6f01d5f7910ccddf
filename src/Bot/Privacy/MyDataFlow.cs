using System.Security.Cryptography;
using Microsoft.Bot.Builder;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Privacy;

/// <summary>
/// "My data": what is stored about me, download it as a file, withdraw or give consent, delete everything
/// (after a confirmation), and the privacy statement in plain language. "Yes, delete everything" works only as
/// the answer to the confirmation the bot asked last: the conversation is in the erase step, and the button
/// carries that confirmation's one-time code. Any other (an old card, data a client made up) asks again.
/// </summary>
public sealed class MyDataFlow(
    ResidentDataService data,
    ResidentService residents,
    IdeaService ideas,
    ExportLinks links,
    NeighbourhoodCatalog neighbourhoods,
    ConversationState conversationState,
    UserState userState,
    TranscriptStore transcripts,
    IStorage storage,
    Proactive.ResidentConversations reach,
    Microsoft.Extensions.Options.IOptions<PrivacyOptions> privacy,
    Microsoft.Extensions.Options.IOptions<Core.Retention.RetentionOptions> retention) : IResidentFlow
{
    public const string Statement = "Privacy";
    public const string Withdraw = "ConsentWithdraw";
    public const string Give = "ConsentGive";
    public const string Erase = "Erase";
    public const string EraseConfirmed = "EraseConfirmed";
    public const string EraseCancelled = "EraseCancelled";
    public const string EraseStep = "privacy-erase";

    /// <summary>The event the web page clears itself on after "Alles verwijderen".</summary>
    public const string ErasedEvent = "veerkracht.erased";

    private const string KindArg = "kind";
    private const string ConfirmArg = "confirm";

    public IReadOnlyCollection<string> Actions { get; } = [Conversations.Actions.MyData, Statement, Withdraw, Give, Erase, EraseConfirmed, EraseCancelled];

    public IReadOnlyCollection<string> Steps { get; } = [EraseStep];

    public Task<ExpectedAnswer> ExpectAsync(ResidentTurn turn, CancellationToken cancellationToken) => Task.FromResult(new ExpectedAnswer(AnswerKind.YesNo));

    /// <summary>
    /// A typed "nee" keeps everything; a typed "ja" is asked once more with the button, whose one-time code is what
    /// erases: typed text alone never deletes everything.
    /// </summary>
    public Task OnAnswerAsync(ResidentTurn turn, TurnDecision answer, CancellationToken cancellationToken) =>
        answer.Yes == true ? AskEraseAsync(turn, turn.Texts.Privacy.EraseUseButton, cancellationToken) : turn.MenuAsync(turn.Texts.Privacy.NotErased, cancellationToken);

    /// <summary>Anything typed at the confirmation other than its answers: nothing is erased.</summary>
    public Task RepeatAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken) =>
        lead is null ? turn.MenuAsync(turn.Texts.Privacy.NotErased, cancellationToken) : AskEraseAsync(turn, lead, cancellationToken);

    public async Task OnActionAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken)
    {
        var texts = turn.Texts.Privacy;
        var kind = Enum.TryParse<ConsentKind>(action[KindArg], out var parsed) && Enum.IsDefined(parsed) ? parsed : (ConsentKind?)null;
        switch (action.Name)
        {
            case Statement:
                await turn.SendAsync(new Prompt(turn.Texts.Format(texts.Statement, retention.Value.OriginalTextRetentionMonths, retention.Value.ContactDetailRetentionMonths, retention.Value.InactiveResidentMonths, retention.Value.TranscriptRetentionMonths, privacy.Value.MunicipalityContact, privacy.Value.SupervisorContact)) { Choices = [new(turn.Texts.MyData, BotAction.Of(Conversations.Actions.MyData)), MainMenu.Back(turn.Texts)] }, cancellationToken);
                break;
            case Withdraw when kind is { } withdrawn:
                try
                {
                    await residents.WithdrawConsentAsync(turn.Resident.Id, withdrawn, cancellationToken);
                }
                catch (RuleViolation violation) when (violation.Code == RuleCode.ConsentNotGiven)
                {
                    await ShowAsync(turn, texts.NotWithdrawn, cancellationToken);
                    break;
                }

                if (withdrawn == ConsentKind.Contact)
                {
                    await ForgetContactDetailsAsync(turn.Resident.Id, cancellationToken);
                }
                else if (withdrawn == ConsentKind.KeepOriginalText)
                {
                    await ideas.ForgetOriginalTextsAsync(turn.Resident.Id, cancellationToken);
                }

                await ShowAsync(turn, texts.Withdrawn, cancellationToken);
                break;
            case Give when kind == ConsentKind.KeepOriginalText:
                await residents.GiveConsentAsync(turn.Resident.Id, ConsentKind.KeepOriginalText, cancellationToken);
                await ShowAsync(turn, texts.KeepTextGiven, cancellationToken);
                break;
            case Give when kind == ConsentKind.News:
                // News comes in this conversation, about the resident's own neighbourhood: both must be known.
                await residents.GiveConsentAsync(turn.Resident.Id, ConsentKind.News, cancellationToken);
                await reach.RememberAsync(turn.Resident.Id, turn.Context.Activity.GetConversationReference(), cancellationToken);
                if (neighbourhoods.Find(turn.Resident.NeighbourhoodId) is null)
                {
                    await turn.SendAsync(NeighbourhoodPrompt.Build(turn.Texts, neighbourhoods, texts.NewsAskNeighbourhood, BotAction.Of(Give, (KindArg, nameof(ConsentKind.News)))), cancellationToken);
                    break;
                }

                await ShowAsync(turn, texts.NewsGiven, cancellationToken);
                break;
            case EraseConfirmed when turn.Flow.Step == EraseStep && action[ConfirmArg] is { Length: > 0 } code && code == turn.Flow[ConfirmArg]:
                await EraseAsync(turn, cancellationToken);
                break;
            case Erase or EraseConfirmed:
                await AskEraseAsync(turn, null, cancellationToken);
                break;
            case EraseCancelled:
                await turn.MenuAsync(texts.NotErased, cancellationToken);
                break;
            default:
                await ShowAsync(turn, texts.Overview, cancellationToken);
                break;
        }
    }

    private static Task AskEraseAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken)
    {
        var texts = turn.Texts.Privacy;
        var confirmation = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        turn.Flow.Await(EraseStep, (ConfirmArg, confirmation));
        return turn.SendAsync(new Prompt(lead is null ? texts.EraseConfirm : lead + "\n\n" + texts.EraseConfirm)
        {
            Choices = [new(texts.EraseYes, BotAction.Of(EraseConfirmed, (ConfirmArg, confirmation))), new(texts.EraseNo, BotAction.Of(EraseCancelled))],
        }, cancellationToken);
    }

    private async Task ShowAsync(ResidentTurn turn, string lead, CancellationToken cancellationToken)
    {
        var texts = turn.Texts.Privacy;
        var export = await data.ExportAsync(turn.Resident.Id, cancellationToken);
        var consents = export?.Consents ?? [];
        bool Active(ConsentKind kind) => consents.Any(c => c.Kind == kind && c.IsActive);

        var choices = new List<Choice> { new(texts.StatementTitle, BotAction.Of(Statement)) };
        if (Active(ConsentKind.Contact))
        {
            choices.Add(new(texts.WithdrawContact, BotAction.Of(Withdraw, (KindArg, nameof(ConsentKind.Contact)))));
        }

        choices.Add(Active(ConsentKind.KeepOriginalText)
            ? new(texts.WithdrawKeepText, BotAction.Of(Withdraw, (KindArg, nameof(ConsentKind.KeepOriginalText))))
            : new(texts.GiveKeepText, BotAction.Of(Give, (KindArg, nameof(ConsentKind.KeepOriginalText)))));
        choices.Add(Active(ConsentKind.News)
            ? new(texts.WithdrawNews, BotAction.Of(Withdraw, (KindArg, nameof(ConsentKind.News))))
            : new(texts.GiveNews, BotAction.Of(Give, (KindArg, nameof(ConsentKind.News)))));
        var pulseTexts = Pulse.PulseTexts.For(turn.Texts.Language);
        choices.Add(new(pulseTexts.PulseTitle, BotAction.Of(Conversations.Actions.Pulse)));
        choices.Add(new(pulseTexts.BackgroundTitle, BotAction.Of(Pulse.PulseFlow.Background)));
        choices.Add(new(texts.Erase, BotAction.Of(Erase)));
        choices.Add(MainMenu.Back(turn.Texts));

        turn.Flow.Clear();
        await turn.SendAsync(new Prompt(lead)
        {
            Sections =
            [
                new Section(null)
                {
                    Facts =
                    [
                        new(texts.Language, turn.Texts.Language == ResidentLanguage.English ? "English" : "Nederlands"),
                        new(texts.Neighbourhood, neighbourhoods.Find(turn.Resident.NeighbourhoodId)?.Name ?? texts.Unknown),
                        new(texts.Ideas, (export?.Ideas.Count ?? 0).ToString(turn.Texts.Culture)),
                        new(texts.Rsvps, (export?.Rsvps.Count ?? 0).ToString(turn.Texts.Culture)),
                        new(texts.PollAnswers, (export?.PollAnswers.Count ?? 0).ToString(turn.Texts.Culture)),
                        new(pulseTexts.PulseAnswers, ((export?.Parts.GetValueOrDefault("pulse") as Core.Pulse.SqlPulseStore.ExportedPulse)?.Answers.Count ?? 0).ToString(turn.Texts.Culture)),
                        new(texts.ContactConsent, Active(ConsentKind.Contact) ? texts.ConsentYes : texts.ConsentNo),
                        new(texts.KeepTextConsent, Active(ConsentKind.KeepOriginalText) ? texts.ConsentYes : texts.ConsentNo),
                        new(texts.NewsConsent, Active(ConsentKind.News) ? texts.ConsentYes : texts.ConsentNo),
                    ],
                },
                new Section(null) { Lines = [turn.Texts.Format(texts.DownloadReady, (int)ExportLinks.Lifetime.TotalMinutes)] },
            ],
            Choices = choices,
            Links =
            [
                new Link(texts.Download, await links.CreateAsync(turn.Resident, ExportLinks.Html, cancellationToken)),
                new Link(texts.DownloadJson, await links.CreateAsync(turn.Resident, ExportLinks.Json, cancellationToken)),
            ],
        }, cancellationToken);
    }

    /// <summary>Withdrawing contact consent also removes the contact details given with ideas.</summary>
    private async Task ForgetContactDetailsAsync(string residentId, CancellationToken cancellationToken)
    {
        foreach (var idea in await ideas.MineAsync(residentId, int.MaxValue, cancellationToken))
        {
            if (idea.ContactAllowed || idea.ContactDetail is not null)
            {
                await ideas.SetContactAsync(idea.Id, allowed: false, detail: null, cancellationToken);
            }
        }
    }

    private async Task EraseAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        turn.Flow.Clear();
        // One transaction: everything of the resident, with how to reach them and the messages the bot had for them.
        await data.EraseAsync(turn.Resident.Id, cancellationToken);

        // The transcripts of the local Direct Line and the bot's state of those conversations hold the resident's
        // words and idea ids too: they go, for every conversation of this user.
        if (turn.Context.Activity.From?.Id is { } userId && turn.Context.Activity.ChannelId == DirectLineService.ChannelId)
        {
            var conversations = await transcripts.ForgetUserAsync(userId, cancellationToken);
            await storage.DeleteAsync(conversations.Select(id => $"{DirectLineService.ChannelId}/conversations/{id}").ToArray(), cancellationToken);
        }

        await conversationState.DeleteAsync(turn.Context, cancellationToken);
        await userState.DeleteAsync(turn.Context, cancellationToken);
        await turn.SendAsync(MainMenu.Build(turn.Texts, turn.Texts.Privacy.Erased), cancellationToken);

        // The web page clears itself (transcript, what it keeps in the browser) and starts a fresh conversation.
        await turn.Context.SendActivityAsync(new Microsoft.Bot.Schema.Activity(Microsoft.Bot.Schema.ActivityTypes.Event) { Name = ErasedEvent }, cancellationToken);
    }
}
