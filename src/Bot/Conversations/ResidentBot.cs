using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Ideas;
using VeerkrachtBot.Bot.Polls;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>
/// The residents' conversation. A thin router: it identifies the resident, handles the commands that work
/// everywhere (stop, menu, help, English, Nederlands), and hands buttons, typed answers and free text to the flow
/// they belong to. State lives in the database (conversation state), never in this object; the admission of a
/// turn (redeliveries, rate limit, one turn at a time, saving the state) is <see cref="Routing.TurnAdmission"/>'s.
/// </summary>
public sealed class ResidentBot(
    ConversationState conversationState,
    ResidentService residents,
    NeighbourhoodCatalog neighbourhoods,
    IEnumerable<IResidentFlow> flows,
    IdeaFlow ideaFlow,
    PollFlow pollFlow,
    Meetings.MeetingFlow meetingFlow,
    IOptions<BotOptions> options) : ActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationFlow> _flow = conversationState.CreateProperty<ConversationFlow>(nameof(ConversationFlow));

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.IsGroup == true)
        {
            return;
        }

        // A resident's conversation is one to one: one resident arrives, however many members an update names.
        if (membersAdded.FirstOrDefault(m => !string.IsNullOrEmpty(m.Id) && m.Id != turnContext.Activity.Recipient?.Id) is { } member)
        {
            var turn = await StartTurnAsync(turnContext, member.Id, cancellationToken);
            await ArriveAsync(turn, cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        activity.Text = IncomingActivity.WithoutMentionOfRecipient(activity);

        if (activity.Conversation?.IsGroup == true)
        {
            // Ideas, answers and download links are personal: residents talk to the bot one to one.
            await turnContext.SendActivityAsync(Replies.Text(BotTexts.For(activity.Locale), BotTexts.For(activity.Locale).OnlyOneToOne), cancellationToken);
            return;
        }

        var turn = await StartTurnAsync(turnContext, activity.From.Id, cancellationToken);

        var text = activity.Text?.Trim();
        var offered = BotAction.FromValue(activity.Value) ?? turn.Flow.Match(text);
        turn.Flow.Offered.Clear();
        if (text?.Length > options.Value.MaxMessageLength)
        {
            await turnContext.SendActivityAsync(Replies.Text(turn.Texts, turn.Texts.Format(turn.Texts.TooLong, options.Value.MaxMessageLength.ToString("N0", turn.Texts.Culture))), cancellationToken);
            return;
        }

        if (offered is null && string.IsNullOrWhiteSpace(text))
        {
            await turn.MenuAsync(turn.Texts.OnlyText, cancellationToken);
            return;
        }

        // A command wins over everything; within a step only when the text is nothing but the command.
        var command = turn.Flow.Step is null ? IntentRecognizer.Recognize(text, null) : IntentRecognizer.RecognizeCommand(text);
        if (offered is null && command is Intent.Stop or Intent.Menu or Intent.Help or Intent.English or Intent.Dutch or Intent.Greeting)
        {
            offered = BotAction.Of(command.ToString());
        }

        if (offered is not null)
        {
            await DispatchAsync(turn, offered, cancellationToken);
        }
        else if (turn.Flow.Step is { } step && flows.FirstOrDefault(f => f.Steps.Contains(step)) is { } stepFlow)
        {
            await stepFlow.OnTextAsync(turn, text!, cancellationToken);
        }
        else if (command != Intent.None)
        {
            await DispatchAsync(turn, BotAction.Of(command.ToString()), cancellationToken);
        }
        else if (IntentRecognizer.Words(text).Count >= 3)
        {
            // Free text that is not a command: what the resident wants to tell us.
            await ideaFlow.ReceiveAsync(turn, text!, cancellationToken);
        }
        else
        {
            await turn.MenuAsync(turn.Texts.NotUnderstood, cancellationToken);
        }
    }

    private async Task DispatchAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        switch (action.Name)
        {
            case Actions.Menu:
                await turn.MenuAsync(texts.Welcome, cancellationToken);
                return;
            case nameof(Intent.Greeting):
                await ArriveAsync(turn, cancellationToken);
                return;
            case Actions.Help:
                await turn.MenuAsync(texts.Help, cancellationToken);
                return;
            case Actions.Stop:
                await turn.MenuAsync(texts.Stopped, cancellationToken);
                return;
            case Actions.English or Actions.Dutch:
                var language = action.Name == Actions.English ? ResidentLanguage.English : ResidentLanguage.Dutch;
                await residents.ChooseLanguageAsync(turn.Resident.Id, language, cancellationToken);
                turn.Texts = BotTexts.For(language);
                await turn.MenuAsync(turn.Texts.LanguageChosen, cancellationToken);
                return;
            case Actions.Neighbourhood when neighbourhoods.Find(action[NeighbourhoodPrompt.IdArg]) is { } neighbourhood:
                if (action[NeighbourhoodPrompt.RememberArg] != "no")
                {
                    await residents.ChooseNeighbourhoodAsync(turn.Resident.Id, neighbourhood.Id, cancellationToken);
                    turn.Resident = turn.Resident with { NeighbourhoodId = neighbourhood.Id };
                }

                await DispatchAsync(turn, NeighbourhoodPrompt.Continuation(action, neighbourhood.Id), cancellationToken);
                return;
        }

        if (flows.FirstOrDefault(f => f.Actions.Contains(action.Name)) is { } flow)
        {
            await flow.OnActionAsync(turn, action, cancellationToken);
        }
        else
        {
            // A button of an old card, or data nobody should send: start again from the menu.
            await turn.MenuAsync(texts.ChoiceGone, cancellationToken);
        }
    }

    /// <summary>
    /// Residents' cards only send messages (Action.Submit); an invoke is nothing this bot offers. A clear 400
    /// instead of the SDK's 501, which would count as a server error.
    /// </summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        var response = await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        return response.Status == (int)System.Net.HttpStatusCode.NotImplemented
            ? new InvokeResponse { Status = (int)System.Net.HttpStatusCode.BadRequest, Body = new { error = "This bot does not handle invoke activities." } }
            : response;
    }

    /// <summary>
    /// Welcome, then an open poll of their neighbourhood (or the question which one it is), or else a meeting planned
    /// there since they first came (each offered once). One offer per arrival. Without cards the numbers of two
    /// messages would mix up ("3" for the meetings would answer the poll), so there the welcome only says that there
    /// are questions.
    /// </summary>
    private async Task ArriveAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        if (Replies.SupportsCards(turn.Context.Activity.ChannelId))
        {
            await turn.MenuAsync(turn.Texts.Welcome, cancellationToken);
            if (!await pollFlow.OfferOnArrivalAsync(turn, cancellationToken))
            {
                await meetingFlow.OfferNewOnArrivalAsync(turn, cancellationToken);
            }

            return;
        }

        await turn.MenuAsync(await pollFlow.HasOpenPollsForAsync(turn, cancellationToken) ? turn.Texts.Welcome + "\n\n" + turn.Texts.Polls.WaitingForYou : turn.Texts.Welcome, cancellationToken);
    }

    private async Task<ResidentTurn> StartTurnAsync(ITurnContext turnContext, string userId, CancellationToken cancellationToken)
    {
        var resident = await residents.IdentifyAsync(turnContext.Activity.ChannelId, userId, cancellationToken);
        var texts = resident.Language is { } language ? BotTexts.For(language) : BotTexts.For(turnContext.Activity.Locale);
        var flow = await _flow.GetAsync(turnContext, () => new ConversationFlow(), cancellationToken);

        // Read back from the database, the state is a fresh copy that BotState does not hold on to: set it, so
        // that what this turn changes in it is saved at the end of the turn.
        await _flow.SetAsync(turnContext, flow, cancellationToken);
        return new ResidentTurn(turnContext, resident, texts, flow);
    }
}
