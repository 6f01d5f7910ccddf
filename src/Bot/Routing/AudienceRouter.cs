using Microsoft.Bot.Builder;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Professionals;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>
/// Two audiences, one endpoint: activities from Microsoft Teams belong to professionals (<see cref="ProfessionalBot"/>),
/// every other channel to residents (<see cref="ResidentBot"/>). The channel id is set by the channel service (the Bot
/// Connector with authentication; the local Direct Line always sets its own), never by what a resident types or posts,
/// so no text or card data can reach a professional command from the residents' side, nor the other way round.
/// </summary>
public sealed class AudienceRouter(IServiceProvider services) : IBot
{
    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
        IsProfessional(turnContext.Activity.ChannelId)
            ? services.GetRequiredService<ProfessionalBot>().OnTurnAsync(turnContext, cancellationToken)
            : services.GetRequiredService<ResidentBot>().OnTurnAsync(turnContext, cancellationToken);

    /// <summary>Whether activities of this channel come from professionals.</summary>
    public static bool IsProfessional(string? channelId) => string.Equals(channelId, TeamsTenantGate.TeamsChannel, StringComparison.Ordinal);
}
