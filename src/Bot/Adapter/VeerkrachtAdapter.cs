using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Conversations;

namespace VeerkrachtBot.Bot.Adapter;

/// <summary>
/// The Bot Framework adapter. Its only own job is turn-error policy: log, tell the resident something went
/// wrong in plain words, and clear the conversation state so a broken flow cannot trap them.
/// It also lets our endpoints hand it an activity they have already read and validated.
/// </summary>
public sealed class VeerkrachtAdapter : CloudAdapter
{
    public VeerkrachtAdapter(BotFrameworkAuthentication authentication, ConversationState conversationState, ILogger<VeerkrachtAdapter> logger)
        : base(authentication, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Turn failed for {ActivityType} in {ChannelId}", turnContext.Activity.Type, turnContext.Activity.ChannelId);
            try
            {
                if (turnContext.Activity.Type is ActivityTypes.Message or ActivityTypes.Invoke)
                {
                    var texts = BotTexts.For(turnContext.Activity.Locale);
                    await turnContext.SendActivityAsync(MessageFactory.Text(texts.SomethingWentWrong));
                }

                await conversationState.DeleteAsync(turnContext);
            }
            catch (Exception secondary) when (secondary is HttpRequestException or Microsoft.Rest.HttpOperationException or IOException)
            {
                // The channel itself is unreachable; the original error is already logged above.
                logger.LogWarning(secondary, "Could not tell the user about the failed turn");
            }
        };
    }

    /// <summary>
    /// Runs an activity that the caller has already parsed and validated through authentication and the bot.
    /// Throws <see cref="UnauthorizedAccessException"/> when the auth header is not accepted.
    /// </summary>
    public Task<InvokeResponse> ProcessValidatedAsync(string authHeader, Activity activity, IBot bot, CancellationToken cancellationToken) =>
        ProcessActivityAsync(authHeader, activity, bot.OnTurnAsync, cancellationToken);
}
