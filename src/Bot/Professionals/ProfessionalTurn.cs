using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Professionals;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>One turn of a professional in Teams: who (Entra object id), where (the stored conversation), in which language, and how to answer.</summary>
public sealed class ProfessionalTurn(ITurnContext context, TeamsActivityInfo info, string conversationReferenceId, ProgrammeManagers managers)
{
    private bool? _isManager;

    public ITurnContext Context { get; } = context;

    public TeamsActivityInfo Info { get; } = info;

    /// <summary>The id of the conversation reference stored for this chat or channel.</summary>
    public string ConversationReferenceId { get; } = conversationReferenceId;

    public ProfessionalTexts Texts { get; } = ProfessionalTexts.For(context.Activity.Locale);

    /// <summary>Who acts, for the audit log and status history: the Entra object id (the Teams user id when Teams sent none).</summary>
    public string Actor => ProgrammeManagers.Normalize(Info.AadObjectId) is { Length: > 0 } aad ? Shorten(aad) : Shorten("teams:" + Context.Activity.From?.Id);

    /// <summary>Actors are stored in columns of 200 characters; a Teams user id without an Entra id can be longer.</summary>
    public static string Shorten(string actor) => actor.Length <= 200 ? actor : actor[..200];

    /// <summary>What a card's submit sent: the inputs merged with the button's data.</summary>
    public JObject Values { get; } = context.Activity.Value as JObject ?? new JObject();

    public string? Value(string key, int maxLength)
    {
        if (Values[key] is not JValue { Value: not null } value)
        {
            return null;
        }

        var text = value.ToString().Trim();
        return text.Length == 0 ? null : text.Length > maxLength ? text[..maxLength] : text;
    }

    public async Task<bool> IsProgrammeManagerAsync(CancellationToken cancellationToken) =>
        _isManager ??= await managers.IsProgrammeManagerAsync(Info.AadObjectId, cancellationToken);

    public Task SendAsync(JObject card, CancellationToken cancellationToken) => Context.SendActivityAsync(Message(card), cancellationToken);

    public Task SendTextAsync(string text, CancellationToken cancellationToken)
    {
        var reply = MessageFactory.Text(text);
        reply.TextFormat = TextFormatTypes.Plain;
        reply.Locale = Texts.Culture.Name;
        return Context.SendActivityAsync(reply, cancellationToken);
    }

    /// <summary>Replaces the card whose button was pressed (the activity's replyToId); sends a new one when there is none.</summary>
    public async Task UpdateCardAsync(JObject card, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Context.Activity.ReplyToId))
        {
            await SendAsync(card, cancellationToken);
            return;
        }

        var update = Message(card);
        update.Id = Context.Activity.ReplyToId;
        update.Conversation = Context.Activity.Conversation;
        await Context.UpdateActivityAsync(update, cancellationToken);
    }

    private IMessageActivity Message(JObject card)
    {
        var reply = MessageFactory.Attachment(new Attachment(PromptCard.ContentType, content: card));
        reply.Locale = Texts.Culture.Name;
        reply.Summary = card.Value<string>("fallbackText")?.Split('\n')[0];
        return reply;
    }
}

/// <summary>One professional command (typed or by button) with the cards it answers with.</summary>
public interface IProfessionalCommand
{
    /// <summary>The typed commands it handles.</summary>
    IReadOnlyCollection<CommandKind> Kinds { get; }

    /// <summary>The button actions it handles (card data under <see cref="TeamsCard.ActionKey"/>).</summary>
    IReadOnlyCollection<string> Actions { get; }

    /// <summary>Whether only programme managers may use it.</summary>
    bool ProgrammeManagersOnly { get; }

    Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken);

    Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken);
}
