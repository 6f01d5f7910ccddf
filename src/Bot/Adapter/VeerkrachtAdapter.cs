using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Core.Storage;

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

            // A conflict means another turn of this conversation saved first: its state is the newer one, so it
            // must not be wiped. A database that stayed unreachable through the retries (a long failover) says nothing
            // about the flow: the resident keeps their step and can try again. Any other failure may have left a broken
            // flow behind: start the resident afresh.
            var transient = TransientDatabaseErrors.IsTransient(exception);
            if (exception is not StateConflictException && !transient)
            {
                try
                {
                    await conversationState.DeleteAsync(turnContext);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or StateConflictException)
                {
                    logger.LogWarning(ex, "Could not clear the conversation state after a failed turn");
                }
            }

            // After a conflict the resident was answered already; only this turn's state could not be saved.
            if (exception is not StateConflictException && turnContext.Activity.Type is ActivityTypes.Message or ActivityTypes.Invoke)
            {
                try
                {
                    var texts = BotTexts.For(turnContext.Activity.Locale);
                    await turnContext.SendActivityAsync(MessageFactory.Text(transient ? texts.TryAgainShortly : texts.SomethingWentWrong));
                }
                catch (Exception ex) when (ex is HttpRequestException or Microsoft.Rest.RestException or Microsoft.Rest.HttpOperationException or IOException or TaskCanceledException)
                {
                    // Often the channel that broke the turn cannot take the apology either; the cause is logged above.
                    logger.LogWarning(ex, "Could not tell the user about the failed turn");
                }
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
