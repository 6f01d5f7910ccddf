using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.Ideas;
using VeerkrachtBot.Bot.Polls;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>
/// The residents' conversation. A thin router: it identifies the resident, asks Core's <see cref="TurnUnderstanding"/>
/// what a typed text is at the step the conversation is in, and acts on that: an answer goes to the step's flow, a
/// command to its flow, a question about the bot gets an answer (and the step's question again), a message to share
/// goes to the idea flow, and what it does not understand is asked again. Buttons go straight to their flow. State
/// lives in the database (conversation state), never in this object; the admission of a turn (redeliveries, rate
/// limit, one turn at a time, saving the state) is <see cref="Routing.TurnAdmission"/>'s.
/// </summary>
public sealed class ResidentBot(
    ConversationState conversationState,
    ResidentService residents,
    NeighbourhoodCatalog neighbourhoods,
    TurnUnderstanding understanding,
    IEnumerable<IResidentFlow> flows,
    IdeaFlow ideaFlow,
    PollFlow pollFlow,
    Meetings.MeetingFlow meetingFlow,
    IOptions<BotOptions> options,
    PublicUrls urls,
    IMenuOffer? menuOffer = null) : ActivityHandler
{
    /// <summary>The step of the neighbourhood question asked on arrival.</summary>
    public const string ArrivalStep = "arrival-neighbourhood";

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
            turnContext.RecordFlow("arrival");
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

        turnContext.RecordFlow("menu");
        var turn = await StartTurnAsync(turnContext, activity.From.Id, cancellationToken);

        var text = activity.Text?.Trim();
        var offered = BotAction.FromValue(activity.Value) ?? turn.Flow.Match(text);
        turn.Flow.Offered.Clear();
        if (text?.Length > options.Value.MaxMessageLength)
        {
            await turnContext.SendActivityAsync(Replies.Text(turn.Texts, turn.Texts.Format(turn.Texts.TooLong, options.Value.MaxMessageLength.ToString("N0", turn.Texts.Culture))), cancellationToken);
            return;
        }

        if (offered is not null)
        {
            await DispatchAsync(turn, offered, cancellationToken);
            return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            turn.MenuOffer = null;
            await turn.MenuAsync(turn.Texts.OnlyText, cancellationToken);
            return;
        }

        var flow = turn.Flow.Step is { } step ? flows.FirstOrDefault(f => f.Steps.Contains(step)) : null;
        var expected = flow is not null ? await flow.ExpectAsync(turn, cancellationToken)
            : turn.Flow.Step == ArrivalStep ? new ExpectedAnswer(AnswerKind.Neighbourhood)
            : ExpectedAnswer.Nothing;
        var decision = understanding.Understand(text, expected);
        if (decision.Kind is TurnDecisionKind.Message or TurnDecisionKind.Question)
        {
            // What the resident says in their own words shows their language; an answer ("ja", an e-mail address) does not.
            FollowLanguage(turn, text);
        }

        switch (decision.Kind)
        {
            case TurnDecisionKind.Command:
                await DispatchAsync(turn, BotAction.Of(decision.Command.ToString()), cancellationToken);
                break;
            case TurnDecisionKind.Question:
                turnContext.RecordFlow("question");
                await AnswerQuestionAsync(turn, decision.Question!.Value, flow, cancellationToken);
                break;
            case TurnDecisionKind.Answer when flow is not null:
                turnContext.RecordFlow(flow);
                await flow.OnAnswerAsync(turn, decision, cancellationToken);
                break;
            case TurnDecisionKind.Answer when decision.NeighbourhoodId is { } lives:
                await DispatchAsync(turn, BotAction.Of(Actions.Neighbourhood, (NeighbourhoodPrompt.IdArg, lives), (NeighbourhoodPrompt.ThenArg, Actions.Arrived)), cancellationToken);
                break;
            case TurnDecisionKind.Message:
                turnContext.RecordFlow(ideaFlow);
                await ideaFlow.ReceiveAsync(turn, text, decision.NeighbourhoodId, fromStep: turn.Flow.Step, cancellationToken);
                break;
            case TurnDecisionKind.NotUnderstood when flow is not null:
                turnContext.RecordFlow(flow);
                await flow.RepeatAsync(turn, null, cancellationToken);
                break;
            case TurnDecisionKind.NotUnderstood when turn.Flow.Step == ArrivalStep:
                turnContext.RecordFlow("arrival");
                await AskNeighbourhoodOnArrivalAsync(turn, turn.Texts.NotANeighbourhood, cancellationToken);
                break;
            default:
                turn.MenuOffer = null;
                await turn.MenuAsync(turn.Texts.NotUnderstood, cancellationToken);
                break;
        }
    }

    private async Task DispatchAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        var owner = flows.FirstOrDefault(f => f.Actions.Contains(action.Name));
        turn.Context.RecordFlow(action.Name switch
        {
            Actions.Greeting or Actions.Arrived or Actions.Neighbourhood => "arrival",
            Actions.English or Actions.Dutch => "language",
            _ when owner is not null => TurnRecords.FlowName(owner.GetType()),
            _ => "menu",
        });
        switch (action.Name)
        {
            case Actions.Menu:
                await turn.MenuAsync(texts.MenuLead, cancellationToken);
                return;
            case Actions.Greeting:
                await ArriveAsync(turn, cancellationToken);
                return;
            case Actions.Thanks:
                await turn.MenuAsync(texts.YouAreWelcome, cancellationToken);
                return;
            case Actions.Help:
                turn.MenuOffer = null;
                await turn.MenuAsync(texts.Help, cancellationToken);
                return;
            case Actions.Stop:
                turn.MenuOffer = null;
                await turn.MenuAsync(texts.Stopped, cancellationToken);
                return;
            case Actions.English or Actions.Dutch:
                var language = action.Name == Actions.English ? ResidentLanguage.English : ResidentLanguage.Dutch;
                await residents.ChooseLanguageAsync(turn.Resident.Id, language, cancellationToken);
                turn.Flow.Language = null;
                turn.Texts = BotTexts.For(language);
                await turn.MenuAsync(turn.Texts.LanguageChosen, cancellationToken);
                return;
            case Actions.Arrived:
                await ArrivedAsync(turn, action[NeighbourhoodPrompt.ChosenArg], cancellationToken);
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

        if (owner is { } flow)
        {
            await flow.OnActionAsync(turn, action, cancellationToken);
        }
        else
        {
            // A button of an old card, or data nobody should send: start again from the menu.
            turn.MenuOffer = null;
            await turn.MenuAsync(texts.ChoiceGone, cancellationToken);
        }
    }

    /// <summary>
    /// Residents' cards only send messages (Action.Submit); an invoke is nothing this bot offers. A clear 400
    /// instead of the SDK's 501, which would count as a server error.
    /// </summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        turnContext.RecordFlow("invoke");
        var response = await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        return response.Status == (int)System.Net.HttpStatusCode.NotImplemented
            ? new InvokeResponse { Status = (int)System.Net.HttpStatusCode.BadRequest, Body = new { error = "This bot does not handle invoke activities." } }
            : response;
    }

    /// <summary>
    /// One message with one question: a new resident is welcomed and asked where they live; a resident we know is
    /// welcomed with an open poll of their neighbourhood, a meeting planned there since they first came, or the menu.
    /// </summary>
    private async Task ArriveAsync(ResidentTurn turn, CancellationToken cancellationToken)
    {
        if (neighbourhoods.Find(turn.Resident.NeighbourhoodId) is null)
        {
            await AskNeighbourhoodOnArrivalAsync(turn, turn.Texts.Welcome, cancellationToken);
            return;
        }

        // One offer per arrival: an open poll first, else a meeting planned since the resident first came, else the menu.
        if (!await pollFlow.OfferAsync(turn, turn.Texts.Welcome, cancellationToken)
            && !await meetingFlow.OfferNewOnArrivalAsync(turn, turn.Texts.Welcome, cancellationToken))
        {
            await turn.MenuAsync(turn.Texts.Welcome, cancellationToken);
        }
    }

    private async Task AskNeighbourhoodOnArrivalAsync(ResidentTurn turn, string lead, CancellationToken cancellationToken)
    {
        var prompt = NeighbourhoodPrompt.Build(turn.Texts, neighbourhoods, lead + "\n\n" + turn.Texts.AskNeighbourhood, BotAction.Of(Actions.Arrived));
        turn.Flow.Clear();
        await turn.SendAsync(prompt with { Choices = [.. prompt.Choices.SkipLast(1), new Choice(turn.Texts.SomewhereElse, BotAction.Of(Actions.Menu))] }, cancellationToken);
        turn.Flow.Step = ArrivalStep;
    }

    private async Task ArrivedAsync(ResidentTurn turn, string? neighbourhoodId, CancellationToken cancellationToken)
    {
        var lead = turn.Texts.Format(turn.Texts.NeighbourhoodRemembered, neighbourhoods.Find(neighbourhoodId)?.Name ?? "");

        // A resident who just told where they live is not asked for more in the same breath.
        turn.MenuOffer = null;
        if (!await pollFlow.OfferAsync(turn, lead, cancellationToken))
        {
            await turn.MenuAsync(lead, cancellationToken);
        }
    }

    private async Task AnswerQuestionAsync(ResidentTurn turn, BotQuestion question, IResidentFlow? flow, CancellationToken cancellationToken)
    {
        var answer = question switch
        {
            BotQuestion.WhoReads => turn.Texts.AnswerWhoReads,
            BotQuestion.Privacy => turn.Texts.AnswerPrivacy,
            BotQuestion.Human => turn.Texts.AnswerHuman,
            _ => turn.Texts.AnswerAbout,
        };

        // The question is answered, and the open question stays open: the resident goes on where they were.
        if (flow is not null)
        {
            await flow.RepeatAsync(turn, answer, cancellationToken);
        }
        else if (turn.Flow.Step == ArrivalStep)
        {
            await AskNeighbourhoodOnArrivalAsync(turn, answer, cancellationToken);
        }
        else
        {
            await turn.MenuAsync(answer, question == BotQuestion.About ? NeighbourhoodPageLinks(turn) : [], cancellationToken);
        }
    }

    /// <summary>The public page of the resident's neighbourhood, or of each neighbourhood when we do not know theirs.</summary>
    private List<Link> NeighbourhoodPageLinks(ResidentTurn turn) =>
        (neighbourhoods.Find(turn.Resident.NeighbourhoodId) is { } own ? [own] : neighbourhoods.All)
            .Select(n => new Link(
                turn.Texts.Format(turn.Texts.NeighbourhoodPageLink, n.Name),
                urls.For(Reports.NeighbourhoodPageHtml.Path(n.Id, turn.Texts.Language == ResidentLanguage.English ? "en" : "nl"))))
            .ToList();

    /// <summary>
    /// A resident who writes in the other language gets the answer in that language, for the rest of this
    /// conversation, and a one-tap offer to keep it. Only a text long enough to tell the language from counts.
    /// </summary>
    private static void FollowLanguage(ResidentTurn turn, string text)
    {
        if (TypedWords.Of(text).Words.Count < 3)
        {
            return;
        }

        var written = LanguageDetector.Detect(text) switch
        {
            LanguageDetector.English => ResidentLanguage.English,
            LanguageDetector.Dutch => ResidentLanguage.Dutch,
            _ => (ResidentLanguage?)null,
        };
        if (written is not { } language || language == turn.Texts.Language)
        {
            return;
        }

        turn.Texts = BotTexts.For(language);
        turn.Flow.Language = language.Code();
        turn.LanguageOffer = new Choice(turn.Texts.KeepThisLanguage, BotAction.Of(language == ResidentLanguage.English ? Actions.English : Actions.Dutch));
    }

    private async Task<ResidentTurn> StartTurnAsync(ITurnContext turnContext, string userId, CancellationToken cancellationToken)
    {
        var resident = await residents.IdentifyAsync(turnContext.Activity.ChannelId, userId, cancellationToken);
        var flow = await _flow.GetAsync(turnContext, () => new ConversationFlow(), cancellationToken);
        var texts = ResidentLanguages.FromCode(flow.Language) is { } followed ? BotTexts.For(followed)
            : resident.Language is { } language ? BotTexts.For(language)
            : BotTexts.For(turnContext.Activity.Locale);

        // Read back from the database, the state is a fresh copy that BotState does not hold on to: set it, so
        // that what this turn changes in it is saved at the end of the turn.
        await _flow.SetAsync(turnContext, flow, cancellationToken);
        return new ResidentTurn(turnContext, resident, texts, flow) { MenuOffer = menuOffer };
    }
}
