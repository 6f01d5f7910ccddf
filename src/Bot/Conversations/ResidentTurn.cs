using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>One turn of a resident: who they are (by pseudonym), their language, where the conversation is, and how to answer on this channel.</summary>
public sealed class ResidentTurn(ITurnContext context, Resident resident, BotTexts texts, ConversationFlow flow)
{
    public ITurnContext Context { get; } = context;

    public Resident Resident { get; set; } = resident;

    public BotTexts Texts { get; set; } = texts;

    public ConversationFlow Flow { get; } = flow;

    /// <summary>
    /// Identifies the message this turn answers: a retried delivery of it stores nothing twice. A message without
    /// an id cannot be recognised when it comes again, so it gets a key of its own.
    /// </summary>
    public string SourceKey { get; } = $"{context.Activity.ChannelId}:{context.Activity.Conversation?.Id}:{context.Activity.Id ?? Guid.NewGuid().ToString("N")}";

    /// <summary>Sends the prompt as a card or as text, and remembers its choices for typed answers.</summary>
    public async Task SendAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        Flow.Offer(prompt);
        await Context.SendActivityAsync(Replies.Render(Context.Activity.ChannelId, Texts, prompt), cancellationToken);
    }

    /// <summary>A short text with the main menu under it; leaves any step.</summary>
    public Task MenuAsync(string lead, CancellationToken cancellationToken)
    {
        Flow.Clear();
        return SendAsync(MainMenu.Build(Texts, lead), cancellationToken);
    }

    /// <summary>Sends a typing indicator while something slower (analysis) runs.</summary>
    public Task TypingAsync(CancellationToken cancellationToken) =>
        Context.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
}

/// <summary>A resident flow (share an idea, meetings, polls, my data): the actions its buttons send and the steps whose typed answers it reads.</summary>
public interface IResidentFlow
{
    /// <summary>Action names this flow handles.</summary>
    IReadOnlyCollection<string> Actions { get; }

    /// <summary>Steps (of <see cref="ConversationFlow.Step"/>) whose typed answer this flow reads.</summary>
    IReadOnlyCollection<string> Steps { get; }

    Task OnActionAsync(ResidentTurn turn, BotAction action, CancellationToken cancellationToken);

    Task OnTextAsync(ResidentTurn turn, string text, CancellationToken cancellationToken);
}
