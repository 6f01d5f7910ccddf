using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Messages;

/// <summary>Reads an activity from a request body and says, in one sentence, what is wrong with it.</summary>
public static partial class ActivityValidation
{
    /// <summary>
    /// Longest ids the bot keeps: they end up in database keys (state keys and idea source keys hold at most 400
    /// characters on SQL Server) and in the headers of the bot's replies, which must be plain ASCII.
    /// </summary>
    public const int MaxConversationIdLength = 200;

    public const int MaxActivityIdLength = 128;

    public const int MaxUserIdLength = 256;

    private static readonly HashSet<string> KnownTypes = typeof(ActivityTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    private const int MaxDepth = 64;

    private static readonly JsonSerializerSettings Settings = new()
    {
        // Bot Framework's own serializer settings, but never trust type names from the wire.
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Ignore,
        MaxDepth = MaxDepth,
        DateParseHandling = DateParseHandling.None,
    };

    /// <summary>Whether <paramref name="type"/> is one of the Bot Framework activity types.</summary>
    public static bool IsKnownType(string? type) => type is not null && KnownTypes.Contains(type);

    /// <summary>Parses JSON into an activity; returns the error text when it is not an activity object.</summary>
    public static (Activity? Activity, string? Error) Parse(string body)
    {
        // Strict JSON first (RFC 8259: no trailing commas, NaN, comments or text after the value); Newtonsoft, which
        // the Bot Framework's types need, would accept all of those.
        if (StrictJsonError(body) is { } strictError)
        {
            return (null, $"The body is not valid JSON: {strictError}");
        }

        try
        {
            // DateParseHandling.None: a resident's text that looks like a date must stay exactly as typed;
            // the typed timestamp properties still parse when the activity is materialised.
            using var reader = new JsonTextReader(new StringReader(body)) { MaxDepth = MaxDepth, DateParseHandling = DateParseHandling.None };
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

    private static string? StrictJsonError(string body)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(body),
                new System.Text.Json.JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = System.Text.Json.JsonCommentHandling.Disallow });
            while (reader.Read())
            {
            }

            return reader.BytesConsumed == 0 ? "the body is empty." : null;
        }
        catch (System.Text.Json.JsonException ex)
        {
            return ex.Message;
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

        if (!ChannelIdPattern().IsMatch(activity.ChannelId))
        {
            return "The activity's 'channelId' must be 1 to 64 letters, digits, '.', '_' or '-'.";
        }

        if (!IsPrintableAscii(activity.Conversation.Id, MaxConversationIdLength))
        {
            return $"The activity's 'conversation.id' must be at most {MaxConversationIdLength} printable ASCII characters.";
        }

        if (activity.Id is not null && !IsPrintableAscii(activity.Id, MaxActivityIdLength))
        {
            return $"The activity's 'id' must be at most {MaxActivityIdLength} printable ASCII characters.";
        }

        if (activity.From?.Id is { } fromId && (fromId.Length > MaxUserIdLength || fromId.Any(char.IsControl)))
        {
            return $"The activity's 'from.id' must be at most {MaxUserIdLength} characters without control characters.";
        }

        return activity.Type == ActivityTypes.Message && string.IsNullOrWhiteSpace(activity.From?.Id)
            ? "A message activity needs 'from.id'."
            : null;
    }

    private static bool IsPrintableAscii(string value, int maxLength) => value.Length <= maxLength && value.All(c => c is > ' ' and < '\u007F');

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ChannelIdPattern();
}
