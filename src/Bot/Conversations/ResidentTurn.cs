using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>One turn of a resident: who they are (by pseudonym), their language, where the conversation is, and how to answer on this channel.</summary>
public sealed class ResidentTurn(ITurnContext context, Resident resident, BotTexts texts, ConversationFlow flow)
{
    public ITurnContext Context { get; } = context;

    public Resident Resident { get; set; } = resident;

    public BotTexts Texts { get; set; } = texts;

    public ConversationFlow Flow { get; } = flow;

    /// <summary>A one-tap offer to keep the language the resident just wrote in; added to the first prompt this turn sends.</summary>
    public Choice? LanguageOffer { get; set; }

    /// <summary>
    /// Identifies the message this turn answers: a retried delivery of it stores nothing twice. A message without
    /// an id cannot be recognised when it comes again, so it gets a key of its own.
    /// </summary>
    public string SourceKey { get; } = $"{context.Activity.ChannelId}:{context.Activity.Conversation?.Id}:{context.Activity.Id ?? Guid.NewGuid().ToString("N")}";

    /// <summary>Sends the prompt as a card or as text, and remembers its choices for typed answers.</summary>
    public async Task SendAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        if (LanguageOffer is { } offer)
        {
            LanguageOffer = null;
            prompt = prompt with
            {
                Sections = [.. prompt.Sections, new Section(null) { Lines = [Texts.LanguageFollowed] }],
                Choices = [.. prompt.Choices, offer],
            };
        }

        Flow.Offer(prompt);
        await Context.SendActivityAsync(Replies.Render(Context.Activity.ChannelId, Texts, prompt), cancellationToken);
    }

    /// <summary>
    /// What the menu may carry this turn at a natural pause (the neighbourhood pulse's offer); taken by the first menu
    /// sent. Null where the menu answers a slip (not understood, an old button, stop, help) and must stay plain.
    /// </summary>
    public IMenuOffer? MenuOffer { get; set; }

    /// <summary>A short text with the main menu under it; leaves any step.</summary>
    public Task MenuAsync(string lead, CancellationToken cancellationToken) => MenuAsync(lead, [], cancellationToken);

    /// <summary>A short text with links (a page to open) and the main menu under it; leaves any step.</summary>
    public async Task MenuAsync(string lead, IReadOnlyList<Link> links, CancellationToken cancellationToken)
    {
        Flow.Clear();
        var menu = MainMenu.Build(Texts, lead) with { Links = links };
        if (MenuOffer is { } offer)
        {
            MenuOffer = null;
            menu = await offer.AddToMenuAsync(this, menu, cancellationToken);
        }

        await SendAsync(menu, cancellationToken);
    }

    /// <summary>Plain text at once (an urgent number): no card, nothing to choose.</summary>
    public Task SayAsync(string text, CancellationToken cancellationToken) => Context.SendActivityAsync(Replies.Text(Texts, text), cancellationToken);

    /// <summary>Sends a typing indicator while something slower (analysis) runs.</summary>
    public Task TypingAsync(CancellationToken cancellationToken) =>
        Context.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
}

/// <summary>Something the main menu can offer beside its choices when the resident is back at it (a natural pause).</summary>
public interface IMenuOffer
{
    /// <summary>The menu with the offer added, or the menu as it is when there is nothing to offer now.</summary>
    Task<Prompt> AddToMenuAsync(ResidentTurn turn, Prompt menu, CancellationToken cancellationToken);
}

/// <summary>A resident flow (share an idea, meetings, polls, my data): the actions its buttons send and the steps whose typed answers it reads.</summary>
public interface IResidentFlow
{
    /// <summary>Action names this flow handles.</summary>
    IReadOnlyCollection<string> Actions { get; }

    /// <summary>Steps (of <see cref="ConversationFlow.Step"/>) whose typed answer this flow reads.</summary>
    IReadOnlyCollection<string> Steps { get; }

    Task OnActionAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken);

    /// <summary>What the current step asks, for <see cref="TurnUnderstanding"/>.</summary>
    Task<ExpectedAnswer> ExpectAsync(ResidentTurn turn, CancellationToken cancellationToken);

    /// <summary>The typed answer to the current step.</summary>
    Task OnAnswerAsync(ResidentTurn turn, TurnDecision answer, CancellationToken cancellationToken);

    /// <summary>Asks the current step's question again, after <paramref name="lead"/> (what was not understood, or an answer to a question).</summary>
    Task RepeatAsync(ResidentTurn turn, string? lead, CancellationToken cancellationToken);
}
