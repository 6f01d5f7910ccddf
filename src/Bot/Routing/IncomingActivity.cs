using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>
/// Applies <see cref="IncomingText.Normalize"/> to everything a person sends in an activity: text, card input values
/// and their name. A locale that is no language tag is dropped: the bot's replies carry it back.
/// </summary>
public static partial class IncomingActivity
{
    public static void Normalize(Activity activity)
    {
        activity.Text = IncomingText.Normalize(activity.Text);
        if (activity.Locale is { } locale && !LocalePattern().IsMatch(locale))
        {
            activity.Locale = null;
        }

        if (activity.From is { } from)
        {
            from.Name = IncomingText.Normalize(from.Name);
        }

        if (activity.Value is JToken value)
        {
            activity.Value = Normalize(value);
        }
        else if (activity.Value is string text)
        {
            activity.Value = IncomingText.Normalize(text);
        }
    }

    /// <summary>
    /// The text without "@bot" mentions of the recipient (Teams puts them in front). Unlike the SDK's
    /// RemoveRecipientMention it takes malformed mention entities and a missing recipient in its stride.
    /// </summary>
    public static string? WithoutMentionOfRecipient(IMessageActivity activity)
    {
        var text = activity.Text;
        if (string.IsNullOrEmpty(text) || activity.Recipient?.Id is not { Length: > 0 } recipient)
        {
            return text;
        }

        foreach (var entity in activity.Entities ?? [])
        {
            if (entity?.Type == "mention" && entity.Properties?["mentioned"] is JObject mentioned && mentioned["id"] is JValue { Value: string id } && id == recipient
                && entity.Properties["text"] is JValue { Value: string { Length: > 0 } mention })
            {
                text = text.Replace(mention, string.Empty, StringComparison.Ordinal);
            }
        }

        return text.Trim();
    }

    private static JToken Normalize(JToken token)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.String, Value: string text }:
                return new JValue(IncomingText.Normalize(text));
            case JObject obj:
                var normalized = new JObject();
                foreach (var property in obj.Properties())
                {
                    // Keys are written by the bot's own cards, but the client sends them: they are text too.
                    normalized[IncomingText.Normalize(property.Name)] = Normalize(property.Value);
                }

                return normalized;
            case JArray array:
                return new JArray(array.Select(Normalize));
            default:
                return token;
        }
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$")]
    private static partial Regex LocalePattern();
}
