using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Conversations;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>What <see cref="TurnAdmission"/> says on behalf of the audience of a conversation (residents now; professionals later).</summary>
public interface IAdmissionReplies
{
    /// <summary>The one notice a conversation gets when it sends more than the rate limit allows in a minute.</summary>
    Task<IActivity> TooManyMessagesAsync(ITurnContext turnContext, CancellationToken cancellationToken);

    /// <summary>
    /// What a person hears when their turn failed: with <paramref name="kept"/> their place in the conversation was kept
    /// and they can try again shortly; otherwise the conversation starts afresh. It must not need the database (which
    /// may be what failed): by default the bot's texts in the activity's locale.
    /// </summary>
    Task<IActivity> TurnFailedAsync(ITurnContext turnContext, bool kept, CancellationToken cancellationToken)
    {
        var texts = BotTexts.For(turnContext.Activity.Locale);
        return Task.FromResult<IActivity>(Replies.Text(texts, kept ? texts.TryAgainShortly : texts.SomethingWentWrong));
    }
}
