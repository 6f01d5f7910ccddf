using System.Text.Json;
using System.Text.Json.Serialization;
using VeerkrachtBot.Core.Ideas;

namespace VeerkrachtBot.Core.Notifications;

/// <summary>An idea of the resident moved on; the explanation is the professional's text for the resident.</summary>
public sealed record IdeaStatusPayload(string IdeaId, IdeaStatus Status, string? Explanation);

/// <summary>The resident moved up from the waiting list of a meeting.</summary>
public sealed record PromotionPayload(string MeetingId, int PartySize);

/// <summary>What an announcement is about.</summary>
public enum AnnouncedItem
{
    /// <summary>A newly planned meeting.</summary>
    Meeting,

    /// <summary>A newly opened poll.</summary>
    Poll,
}

/// <summary>A new meeting or poll in the resident's neighbourhood.</summary>
public sealed record AnnouncementPayload(AnnouncedItem Item, string Id);

/// <summary>A text as written, sent as it is.</summary>
public sealed record TextPayload(string Text);

/// <summary>How payloads are written and read: camelCase JSON with enum names, the same on every instance.</summary>
public static class NotificationPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The payload as JSON.</summary>
    public static string Write<T>(T payload) => JsonSerializer.Serialize(payload, Json);

    /// <summary>The payload read back; null when it is not JSON of that shape.</summary>
    public static T? Read<T>(string json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
