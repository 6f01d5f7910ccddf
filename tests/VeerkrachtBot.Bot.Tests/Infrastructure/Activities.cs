using System.Net.Http.Headers;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>Activities shaped like the ones real channels send, and a helper to post them.</summary>
public static class Activities
{
    public static Activity Message(string serviceUrl, string conversationId, string text, string channelId = "webchat", string locale = "nl-NL", object? value = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount(id: conversationId),
        From = new ChannelAccount("user-" + conversationId, "Bewoner", RoleTypes.User),
        Recipient = new ChannelAccount("bot", "VeerkrachtBot", RoleTypes.Bot),
        Text = text,
        Value = value is null ? null : JObject.FromObject(value),
        Locale = locale,
        Timestamp = DateTimeOffset.UtcNow,
    };

    public static Activity MembersAdded(string serviceUrl, string conversationId, string channelId = "webchat", string locale = "nl-NL") => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount(id: conversationId),
        From = new ChannelAccount("user-" + conversationId, role: RoleTypes.User),
        Recipient = new ChannelAccount("bot", "VeerkrachtBot", RoleTypes.Bot),
        MembersAdded = [new ChannelAccount("bot", "VeerkrachtBot"), new ChannelAccount("user-" + conversationId)],
        Locale = locale,
    };

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, Activity activity) =>
        client.PostAsync(path, Json(JsonConvert.SerializeObject(activity, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore })));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
