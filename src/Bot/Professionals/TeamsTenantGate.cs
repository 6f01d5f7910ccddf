using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Core.Professionals;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// In front of everything else for Microsoft Teams: only members of the allowed tenants (<c>Teams:AllowedTenants</c>)
/// get any further. Anyone else gets one polite sentence to a message, an install or a card action, and nothing of
/// theirs is stored: this runs before the turn admission, which would save the conversation's state.
/// </summary>
public sealed class TeamsTenantGate(IOptions<TeamsAccessOptions> options, ILogger<TeamsTenantGate> logger) : Microsoft.Bot.Builder.IMiddleware
{
    public const string TeamsChannel = "msteams";

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        // The bot's own proactive turns (the outbox continuing or creating a conversation) carry no tenant of a caller.
        if (!string.Equals(activity.ChannelId, TeamsChannel, StringComparison.Ordinal) || !Proactive.ProactiveReach.FromAChannel(activity)
            || options.Value.Allows(TeamsActivityInfo.Of(activity).TenantId))
        {
            await next(cancellationToken);
            return;
        }

        turnContext.RecordOutcome(TurnOutcomes.Refused);
        logger.LogInformation("Refused a {ActivityType} from a Teams tenant that is not in Teams:AllowedTenants", activity.Type);
        var sentence = ProfessionalTexts.For(activity.Locale).NotAllowed;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
            case ActivityTypes.InstallationUpdate when activity.AsInstallationUpdateActivity().Action?.StartsWith("add", StringComparison.Ordinal) == true:
                var reply = MessageFactory.Text(sentence);
                reply.TextFormat = TextFormatTypes.Plain;
                await turnContext.SendActivityAsync(reply, cancellationToken);
                break;
            case ActivityTypes.Invoke:
                await turnContext.SendActivityAsync(new Activity
                {
                    Type = ActivityTypesEx.InvokeResponse,
                    Value = new InvokeResponse
                    {
                        Status = 200,
                        Body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = sentence },
                    },
                }, cancellationToken);
                break;
        }
    }
}
