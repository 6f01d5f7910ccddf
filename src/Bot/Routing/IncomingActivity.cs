using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>Applies <see cref="IncomingText.Normalize"/> to everything a person sends in an activity: text, card input values and their name.</summary>
public static class IncomingActivity
{
    public static void Normalize(Activity activity)
    {
        activity.Text = IncomingText.Normalize(activity.Text);
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
}
