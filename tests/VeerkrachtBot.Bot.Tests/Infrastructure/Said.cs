using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>What a reply says to a person: its text, or the text blocks of its Adaptive Card.</summary>
public static class Said
{
    public static string Text(Activity activity)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(activity.Text))
        {
            parts.Add(activity.Text);
        }

        foreach (var attachment in activity.Attachments ?? [])
        {
            var card = attachment.Content as JObject ?? JObject.FromObject(attachment.Content);
            parts.AddRange(card.SelectTokens("$..text").Select(t => t.ToString()));
            parts.AddRange(card.SelectTokens("$..actions[*].title").Select(t => t.ToString()));
        }

        return string.Join("\n", parts);
    }

    public static JObject? Card(Activity activity) =>
        activity.Attachments?.FirstOrDefault(a => a.ContentType == "application/vnd.microsoft.card.adaptive")?.Content switch
        {
            JObject obj => obj,
            null => null,
            var other => JObject.FromObject(other),
        };
}
