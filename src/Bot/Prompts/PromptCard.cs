using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Prompts;

/// <summary>
/// Renders a <see cref="Prompt"/> as an Adaptive Card: schema 1.5 (what Teams shows; Web Chat shows 1.6),
/// Action.Submit for buttons (Web Chat does not run Action.Execute), Action.OpenUrl for links. All text goes
/// into TextRuns, which the renderers never read as markdown, so a resident's "[klik](javascript:...)" or
/// "**x**" stays literal text. No "lang": adaptivecards 3.0.6 checks it with a global regular expression that
/// fails every second card; the activity's locale carries the language.
/// </summary>
public static class PromptCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    /// <summary>Most actions in one set that the renderers accept.</summary>
    public const int MaxActionsPerSet = 5;

    public static JObject Build(Prompt prompt)
    {
        var body = new JArray();
        foreach (var paragraph in Paragraphs(prompt.Lead))
        {
            body.Add(Text(paragraph));
        }

        foreach (var section in prompt.Sections)
        {
            body.Add(SectionContainer(section));
        }

        if (prompt.Picker is { } picker)
        {
            body.Add(new JObject
            {
                ["type"] = "Input.ChoiceSet",
                ["id"] = picker.Id,
                ["label"] = picker.Label,
                ["isMultiSelect"] = true,
                ["style"] = "expanded",
                ["value"] = string.Join(',', picker.Selected),
                ["choices"] = new JArray(picker.Options.Select(o => new JObject { ["title"] = o.Title, ["value"] = o.Value })),
                ["spacing"] = "Medium",
            });
        }

        if (prompt.Question is { } question)
        {
            body.Add(Text(question, bold: true, spacing: "Medium"));
        }

        var buttons = prompt.Choices.Select(Submit).ToList();
        if (prompt.Picker is { } withSubmit)
        {
            buttons.Add(Submit(withSubmit.Submit));
        }

        buttons.AddRange(prompt.Links.Select(link => new JObject { ["type"] = "Action.OpenUrl", ["title"] = link.Title, ["url"] = link.Url.ToString() }));

        // Renderers take at most five actions per set (the host config default; Teams allows six): more buttons
        // go into action sets of five in the body, in the same order, and the last five stay at the bottom.
        var groups = buttons.Chunk(MaxActionsPerSet).ToList();
        foreach (var group in groups.SkipLast(1))
        {
            body.Add(new JObject { ["type"] = "ActionSet", ["actions"] = new JArray(group) });
        }

        var card = new JObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["fallbackText"] = PromptText.Build(prompt),
            ["body"] = body,
        };
        if (groups.Count > 0)
        {
            card["actions"] = new JArray(groups[^1]);
        }

        return card;
    }

    private static JObject SectionContainer(Section section)
    {
        var items = new JArray();
        if (section.Heading is { } heading)
        {
            items.Add(Text(heading, bold: true));
        }

        foreach (var line in section.Lines)
        {
            items.Add(Text(line, spacing: "Small"));
        }

        if (section.Quote is { } quote)
        {
            items.Add(new JObject
            {
                ["type"] = "RichTextBlock",
                ["spacing"] = "Small",
                ["inlines"] = new JArray(new JObject { ["type"] = "TextRun", ["text"] = "“" + quote + "”", ["italic"] = true }),
            });
        }

        foreach (var fact in section.Facts)
        {
            items.Add(new JObject
            {
                ["type"] = "RichTextBlock",
                ["spacing"] = "None",
                ["inlines"] = new JArray(
                    new JObject { ["type"] = "TextRun", ["text"] = fact.Label + ": ", ["weight"] = "Bolder" },
                    new JObject { ["type"] = "TextRun", ["text"] = fact.Value }),
            });
        }

        if (section.Choices.Count > 0)
        {
            items.Add(new JObject { ["type"] = "ActionSet", ["actions"] = new JArray(section.Choices.Select(Submit)) });
        }

        return new JObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = items };
    }

    private static JObject Text(string text, bool bold = false, string? spacing = null)
    {
        var run = new JObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        var block = new JObject { ["type"] = "RichTextBlock", ["inlines"] = new JArray(run) };
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    private static JObject Submit(Choice choice) =>
        new() { ["type"] = "Action.Submit", ["title"] = choice.Title, ["data"] = choice.Action.ToData() };

    internal static IEnumerable<string> Paragraphs(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
