using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>
/// The residents' conversation: welcomes new members and routes each message to the flow its intent asks
/// for. State lives in the database (conversation and user state), never in this object.
/// </summary>
public sealed class ResidentBot(ConversationState conversationState, UserState userState, IOptions<BotOptions> options) : ActivityHandler
{
    private readonly IStatePropertyAccessor<ResidentProfile> _profile = userState.CreateProperty<ResidentProfile>(nameof(ResidentProfile));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        await userState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        foreach (var member in membersAdded.Where(m => m.Id != turnContext.Activity.Recipient?.Id))
        {
            var texts = await TextsAsync(turnContext, cancellationToken);
            await turnContext.SendActivityAsync(Replies.Menu(turnContext.Activity.ChannelId, texts, texts.Welcome), cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        activity.RemoveRecipientMention();
        var texts = await TextsAsync(turnContext, cancellationToken);
        var channelId = activity.ChannelId;

        if (activity.Text is { } text && text.Length > options.Value.MaxMessageLength)
        {
            await turnContext.SendActivityAsync(Replies.Text(texts, string.Format(CultureInfo.InvariantCulture, texts.TooLong, options.Value.MaxMessageLength.ToString("N0", CultureInfo.GetCultureInfo(texts.Language.Locale())))), cancellationToken);
            return;
        }

        if (string.IsNullOrWhiteSpace(activity.Text) && activity.Value is null)
        {
            await turnContext.SendActivityAsync(Replies.Menu(channelId, texts, texts.OnlyText), cancellationToken);
            return;
        }

        var intent = IntentRecognizer.Recognize(activity.Text, activity.Value);
        IActivity reply = intent switch
        {
            Intent.English or Intent.Dutch => await SwitchLanguageAsync(turnContext, intent == Intent.English ? ResidentLanguage.English : ResidentLanguage.Dutch, cancellationToken),
            Intent.Greeting or Intent.Menu => Replies.Menu(channelId, texts, texts.Welcome),
            Intent.Help => Replies.Menu(channelId, texts, texts.Help),
            Intent.Stop => Replies.Menu(channelId, texts, texts.Stopped),
            Intent.ShareIdea => NotYet(channelId, texts, texts.ShareIdea),
            Intent.Meetings => NotYet(channelId, texts, texts.Meetings),
            Intent.Polls => NotYet(channelId, texts, texts.Polls),
            Intent.MyData => NotYet(channelId, texts, texts.MyData),
            _ => Replies.Menu(channelId, texts, texts.NotUnderstood),
        };
        await turnContext.SendActivityAsync(reply, cancellationToken);
    }

    private static IMessageActivity NotYet(string channelId, BotTexts texts, string feature) =>
        Replies.Menu(channelId, texts, string.Format(CultureInfo.InvariantCulture, texts.NotYetAvailable, feature));

    private async Task<IMessageActivity> SwitchLanguageAsync(ITurnContext turnContext, ResidentLanguage language, CancellationToken cancellationToken)
    {
        var profile = await _profile.GetAsync(turnContext, () => new ResidentProfile(), cancellationToken);
        profile.Language = language == ResidentLanguage.English ? "en" : "nl";
        await _profile.SetAsync(turnContext, profile, cancellationToken);
        var texts = BotTexts.For(language);
        return Replies.Menu(turnContext.Activity.ChannelId, texts, texts.LanguageChosen);
    }

    private async Task<BotTexts> TextsAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var profile = await _profile.GetAsync(turnContext, () => new ResidentProfile(), cancellationToken);
        return BotTexts.For(profile.Language ?? turnContext.Activity.Locale);
    }
}
