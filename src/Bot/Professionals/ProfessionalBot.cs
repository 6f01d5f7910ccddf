using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Professionals;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// The professionals' bot in Microsoft Teams: thin. It keeps the conversation reference current (every activity),
/// greets on install, forgets on uninstall, and hands typed commands and card buttons to the command that owns them.
/// Only members of allowed tenants get here (<see cref="TeamsTenantGate"/>); the turn's admission is
/// <see cref="TurnAdmission"/>'s, as for residents.
/// </summary>
public sealed class ProfessionalBot(
    TeamsConversations conversations,
    ProgrammeManagers managers,
    IEnumerable<IProfessionalCommand> commands,
    HelpCommand help,
    PollsCommand polls,
    DigestButtonsCommand digestButtons,
    ILogger<ProfessionalBot> logger) : TeamsActivityHandler
{
    /// <summary>Longest typed command read.</summary>
    public const int MaxCommandLength = 500;

    private const string CapturedKey = "veerkracht.teams.captured";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var removing = activity.Type == ActivityTypes.InstallationUpdate && activity.AsInstallationUpdateActivity().Action?.StartsWith("remove", StringComparison.Ordinal) == true;
        if (!removing && !string.IsNullOrEmpty(activity.Conversation?.Id) && !string.IsNullOrEmpty(activity.ServiceUrl))
        {
            turnContext.TurnState[CapturedKey] = await conversations.CaptureAsync(turnContext, TeamsActivityInfo.Of(activity), cancellationToken);
        }

        await base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // Teams often sends a conversationUpdate with the bot as well: whichever comes first greets. An upgrade of an
        // app the conversation already had (add-upgrade) needs no second introduction.
        turnContext.RecordFlow("teams-install");
        return GreetOnceAsync(turnContext, cancellationToken);
    }

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        turnContext.RecordFlow("teams-install");
        return conversations.RemoveAsync(turnContext, TeamsActivityInfo.Of(turnContext.Activity), cancellationToken);
    }

    /// <summary>
    /// Teams does not always send the bot in membersAdded (and sometimes only this, without an installationUpdate).
    /// Other members joining need nothing: unlike the base class, no member details are fetched from Teams.
    /// </summary>
    protected override async Task OnTeamsMembersAddedDispatchAsync(IList<ChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            turnContext.RecordFlow("teams-install");
            await GreetOnceAsync(turnContext, cancellationToken);
        }
    }

    protected override async Task OnTeamsMembersRemovedDispatchAsync(IList<ChannelAccount> membersRemoved, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (membersRemoved.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            await conversations.RemoveAsync(turnContext, TeamsActivityInfo.Of(turnContext.Activity), cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var turn = Turn(turnContext);
        var action = turn.Value(TeamsCard.ActionKey, 100);
        if (action is not null)
        {
            if (commands.FirstOrDefault(c => c.Actions.Contains(action)) is { } owner)
            {
                await RunAsync(turn, owner, c => c.OnActionAsync(turn, action, cancellationToken), cancellationToken);
            }
            else
            {
                await turn.SendTextAsync(turn.Texts.ChoiceGone, cancellationToken);
            }

            return;
        }

        var text = IncomingActivity.WithoutMentionOfRecipient(turnContext.Activity);
        var command = text?.Length > MaxCommandLength ? ProfessionalCommand.Nothing : ProfessionalCommandParser.Parse(text);
        if (command.Kind == CommandKind.None)
        {
            turnContext.RecordFlow(help, "teams-");
            await help.ShowAsync(turn, string.IsNullOrWhiteSpace(text) ? null : turn.Texts.NotUnderstood, cancellationToken);
            return;
        }

        var handler = commands.First(c => c.Kinds.Contains(command.Kind));
        await RunAsync(turn, handler, c => c.OnCommandAsync(turn, command, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The live refresh of a poll results card (Action.Execute), answered with the card as it is now: the digests' card
    /// (<see cref="DigestActions.RefreshPollResultsVerb"/>) and the list's shorter one (<see cref="PollsCommand.RefreshVerb"/>).
    /// Every other invoke is a 400, as for residents.
    /// </summary>
    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        turnContext.RecordFlow(polls, "teams-");
        var verb = invokeValue?.Action?.Verb;
        var pollId = (invokeValue?.Action?.Data as Newtonsoft.Json.Linq.JObject)?.Value<JToken>("poll") is JValue { Type: JTokenType.String } value ? (string?)value : null;
        if (pollId is { Length: > 0 and <= 64 } && verb is DigestActions.RefreshPollResultsVerb or PollsCommand.RefreshVerb)
        {
            var turn = Turn(turnContext);
            var card = verb == DigestActions.RefreshPollResultsVerb
                ? await digestButtons.PollResultsCardAsync(turn, pollId, cancellationToken)
                : await polls.ResultsCardAsync(turn, pollId, cancellationToken);
            if (card is not null)
            {
                return new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.card.adaptive", Value = card };
            }
        }

        return new AdaptiveCardInvokeResponse { StatusCode = 400, Type = "application/vnd.microsoft.error", Value = new { code = "BadRequest", message = "Unknown card action." } };
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        var response = await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        return response.Status == (int)System.Net.HttpStatusCode.NotImplemented
            ? new InvokeResponse { Status = (int)System.Net.HttpStatusCode.BadRequest, Body = new { error = "This bot does not handle this invoke." } }
            : response;
    }

    private async Task RunAsync(ProfessionalTurn turn, IProfessionalCommand command, Func<IProfessionalCommand, Task> run, CancellationToken cancellationToken)
    {
        turn.Context.RecordFlow(command, "teams-");
        if (command.ProgrammeManagersOnly && !await turn.IsProgrammeManagerAsync(cancellationToken))
        {
            await turn.SendTextAsync(turn.Texts.OnlyManagers, cancellationToken);
            return;
        }

        try
        {
            await run(command);
        }
        catch (RuleViolation violation) when (violation.Code == RuleCode.NotFound)
        {
            logger.LogInformation("A professional's action named something that is gone: {Message}", violation.Message);
            await turn.SendTextAsync(turn.Texts.ChoiceGone, cancellationToken);
        }
    }

    private async Task GreetOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (Captured(turnContext).IsNew)
        {
            await help.WelcomeAsync(Turn(turnContext), cancellationToken);
        }
    }

    private static (string Id, bool IsNew) Captured(ITurnContext turnContext) =>
        turnContext.TurnState.Get<object>(CapturedKey) is (string id, bool isNew) ? (id, isNew) : ("", false);

    private ProfessionalTurn Turn(ITurnContext turnContext) => new(turnContext, TeamsActivityInfo.Of(turnContext.Activity), Captured(turnContext).Id, managers);
}
