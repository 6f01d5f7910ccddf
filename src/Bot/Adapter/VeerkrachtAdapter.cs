using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Routing;

namespace VeerkrachtBot.Bot.Adapter;

/// <summary>
/// The Bot Framework adapter. The error policy of turns that come from a channel (keep the person's step or start
/// afresh, tell them) is <see cref="TurnAdmission"/>'s: it applies it while it still holds the conversation, so no
/// other turn can run in between. What reaches this adapter's error handler is what happens outside admission, mostly
/// the bot's own proactive turns: it is logged and handed back to whoever started the turn, and a cancellation is
/// nobody's error. This adapter never deletes state and never apologises: it knows nothing of the flow.
/// It also lets our endpoints hand it an activity they have already read and validated.
/// </summary>
public sealed class VeerkrachtAdapter : CloudAdapter
{
    public VeerkrachtAdapter(BotFrameworkAuthentication authentication, ILogger<VeerkrachtAdapter> logger)
        : base(authentication, logger)
    {
        // First, before any middleware can send: every reply of the turn then uses the process's serializer contracts.
        Use(new SharedConnectorContracts());
        OnTurnError = (turnContext, exception) =>
        {
            if (exception is OperationCanceledException)
            {
                logger.LogDebug(exception, "A turn of {ActivityType} in {ChannelId} was cancelled", turnContext.Activity.Type, turnContext.Activity.ChannelId);
                return Task.CompletedTask;
            }

            logger.LogError(exception, "Turn failed for {ActivityType} in {ChannelId}", turnContext.Activity.Type, turnContext.Activity.ChannelId);
            return Task.FromException(exception);
        };
    }

    /// <summary>
    /// Runs an activity that the caller has already parsed and validated through authentication and the bot.
    /// Throws <see cref="UnauthorizedAccessException"/> when the auth header is not accepted.
    /// </summary>
    public Task<InvokeResponse> ProcessValidatedAsync(string authHeader, Activity activity, IBot bot, CancellationToken cancellationToken) =>
        ProcessActivityAsync(authHeader, activity, bot.OnTurnAsync, cancellationToken);
}
