using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Bot.Conversations;

/// <summary>The admission notices for residents, in the language they chose (or that of their channel), never creating a resident.</summary>
public sealed class ResidentAdmissionReplies(ResidentService residents) : IAdmissionReplies
{
    public async Task<IActivity> TooManyMessagesAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var resident = string.IsNullOrEmpty(activity.From?.Id) ? null : await residents.FindAsync(activity.ChannelId, activity.From.Id, cancellationToken);
        var texts = resident?.Language is { } language ? BotTexts.For(language) : BotTexts.For(activity.Locale);
        return Replies.Text(texts, texts.RateLimited);
    }
}
