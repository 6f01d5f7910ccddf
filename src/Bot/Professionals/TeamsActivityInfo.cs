using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// What a Teams activity says about where it comes from: the tenant (<c>channelData.tenant.id</c>, else
/// <c>conversation.tenantId</c>), the person (<c>from.aadObjectId</c>), the team and channel, and the conversation
/// the bot keeps for it (a channel itself, not the thread of one message: <c>19:…@thread.tacv2</c> without
/// <c>;messageid=</c>, so a later digest starts a new post).
/// </summary>
public sealed record TeamsActivityInfo(string? TenantId, string? AadObjectId, string? TeamId, string? ChannelConversationId, string ConversationType)
{
    public static TeamsActivityInfo Of(IActivity activity)
    {
        var channelData = activity.ChannelData as JObject ?? (activity.ChannelData is null ? null : JObject.FromObject(activity.ChannelData));
        var tenant = Text(channelData?.SelectToken("tenant.id")) ?? activity.Conversation?.TenantId;
        var conversationTenant = activity.Conversation?.TenantId;

        // Two different tenants in one activity cannot be trusted for either.
        if (tenant is not null && conversationTenant is not null && !string.Equals(tenant, conversationTenant, StringComparison.OrdinalIgnoreCase))
        {
            tenant = null;
        }

        var aad = activity.From?.AadObjectId ?? Text(activity.From?.Properties?["aadObjectId"]);
        var team = Text(channelData?.SelectToken("team.id"));
        var channel = Text(channelData?.SelectToken("channel.id"));
        var type = activity.Conversation?.ConversationType ?? (team is not null ? "channel" : activity.Conversation?.IsGroup == true ? "groupChat" : "personal");
        return new TeamsActivityInfo(tenant, aad, team, channel, type);
    }

    /// <summary>The conversation the bot stores for this activity: the channel for channel messages, else the conversation.</summary>
    public string ConversationKey(IActivity activity)
    {
        var id = activity.Conversation?.Id ?? "";
        if (ConversationType == "channel")
        {
            return ChannelConversationId ?? (id.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? id[..at] : id);
        }

        return id;
    }

    private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String, Value: string { Length: > 0 } value } ? value : null;
}
