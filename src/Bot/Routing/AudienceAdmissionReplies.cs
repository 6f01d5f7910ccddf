using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Professionals;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>The admission notices in the words of the conversation's audience: professionals in Teams, residents elsewhere.</summary>
public sealed class AudienceAdmissionReplies(ResidentAdmissionReplies residents) : IAdmissionReplies
{
    public Task<IActivity> TooManyMessagesAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (!AudienceRouter.IsProfessional(turnContext.Activity.ChannelId))
        {
            return residents.TooManyMessagesAsync(turnContext, cancellationToken);
        }

        var reply = MessageFactory.Text(ProfessionalTexts.For(turnContext.Activity.Locale).TooManyMessages);
        reply.TextFormat = TextFormatTypes.Plain;
        return Task.FromResult<IActivity>(reply);
    }
}
