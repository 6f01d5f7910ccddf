using System.Reflection;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Messages;

/// <summary>Reads an activity from a request body and says, in one sentence, what is wrong with it.</summary>
public static class ActivityValidation
{
    private static readonly HashSet<string> KnownTypes = typeof(ActivityTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    private static readonly JsonSerializerSettings Settings = new()
    {
        // Bot Framework's own serializer settings, but never trust type names from the wire.
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Ignore,
        MaxDepth = 64,
        DateParseHandling = DateParseHandling.None,
    };

    /// <summary>Whether <paramref name="type"/> is one of the Bot Framework activity types.</summary>
    public static bool IsKnownType(string? type) => type is not null && KnownTypes.Contains(type);

    /// <summary>Parses JSON into an activity; returns the error text when it is not an activity object.</summary>
    public static (Activity? Activity, string? Error) Parse(string body)
    {
        try
        {
            // DateParseHandling.None: a resident's text that looks like a date must stay exactly as typed;
            // the typed timestamp properties still parse when the activity is materialised.
            using var reader = new JsonTextReader(new StringReader(body)) { MaxDepth = Settings.MaxDepth, DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader);
            if (token is not JObject obj)
            {
                return (null, "The body must be a JSON object (a Bot Framework activity).");
            }

            return (obj.ToObject<Activity>(JsonSerializer.Create(Settings)), null);
        }
        catch (JsonException ex)
        {
            return (null, $"The body is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>The problem with an activity that arrives at <c>/api/messages</c>, or null when it can be processed.</summary>
    public static string? ValidateIncoming(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no 'type'.";
        }

        if (!IsKnownType(activity.Type))
        {
            return $"Unknown activity type '{Truncate(activity.Type)}'.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no 'conversation.id'.";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https"))
        {
            return "The activity needs an absolute http(s) 'serviceUrl' to reply to.";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "The activity has no 'channelId'.";
        }

        return activity.Type == ActivityTypes.Message && string.IsNullOrWhiteSpace(activity.From?.Id)
            ? "A message activity needs 'from.id'."
            : null;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
