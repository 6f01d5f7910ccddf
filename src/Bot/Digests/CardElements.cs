using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Prompts;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>
/// Building blocks of the professionals' cards (Adaptive Cards 1.5, what Teams shows). Every text goes into a TextRun
/// of a RichTextBlock, which no renderer reads as markdown: a resident's "**x**", "[link](…)" or "&lt;at&gt;" stays
/// literal text, never a link or a mention.
/// </summary>
internal static class CardElements
{
    public static JObject Card(string fallbackText, JArray body, IEnumerable<JObject> actions)
    {
        var card = new JObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = PromptCard.Version,
            ["fallbackText"] = fallbackText,
            ["body"] = body,
        };
        var set = actions.Take(PromptCard.MaxActionsPerSet).ToList();
        if (set.Count > 0)
        {
            card["actions"] = new JArray(set);
        }

        return card;
    }

    /// <summary>One paragraph of runs; each run is (text, bold, italic, subtle).</summary>
    public static JObject Paragraph(IEnumerable<JObject> runs, string? spacing = null)
    {
        var block = new JObject { ["type"] = "RichTextBlock", ["inlines"] = new JArray(runs) };
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    public static JObject Paragraph(string text, bool bold = false, bool italic = false, bool subtle = false, string? size = null, string? spacing = null) =>
        Paragraph([Run(text, bold, italic, subtle, size)], spacing);

    public static JObject Run(string text, bool bold = false, bool italic = false, bool subtle = false, string? size = null, string? color = null)
    {
        var run = new JObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (italic)
        {
            run["italic"] = true;
        }

        if (subtle)
        {
            run["isSubtle"] = true;
        }

        if (size is not null)
        {
            run["size"] = size;
        }

        if (color is not null)
        {
            run["color"] = color;
        }

        return run;
    }

    /// <summary>A resident's redacted words as a quote, in a TextRun.</summary>
    public static JObject Quote(string text) => Paragraph([Run("“" + text + "”", italic: true)], "Small");

    public static JObject Section(string heading, IEnumerable<JToken> items, string? style = null)
    {
        var container = new JObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["spacing"] = "Medium",
            ["items"] = new JArray(new JToken[] { Paragraph(heading, bold: true, size: "Medium") }.Concat(items)),
        };
        if (style is not null)
        {
            container["style"] = style;
        }

        return container;
    }

    public static JObject Group(IEnumerable<JToken> items) =>
        new() { ["type"] = "Container", ["spacing"] = "Medium", ["items"] = new JArray(items) };

    public static JObject Submit(string title, BotAction action) =>
        new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = action.ToData() };

    public static JObject Buttons(params JObject[] actions) =>
        new() { ["type"] = "ActionSet", ["spacing"] = "Small", ["actions"] = new JArray(actions.Take(PromptCard.MaxActionsPerSet)) };

    public static JObject Image(Uri url, string altText) =>
        new() { ["type"] = "Image", ["url"] = url.ToString(), ["altText"] = altText, ["size"] = "Stretch", ["spacing"] = "Small" };
}
