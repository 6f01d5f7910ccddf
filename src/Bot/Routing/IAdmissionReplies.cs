using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>What <see cref="TurnAdmission"/> says on behalf of the audience of a conversation (residents now; professionals later).</summary>
public interface IAdmissionReplies
{
    /// <summary>The one notice a conversation gets when it sends more than the rate limit allows in a minute.</summary>
    Task<IActivity> TooManyMessagesAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
