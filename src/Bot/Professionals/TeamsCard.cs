using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Prompts;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// Builds the professionals' Adaptive Cards as JSON: schema 1.5 (what Teams shows), Action.Submit for buttons
/// (Action.Execute only for the live refresh of poll results). Every text is a TextRun, which Teams never reads as
/// markdown: a resident's "[klik](...)", "**x**" or "&lt;at&gt;" in an idea stays literal text and never becomes a link
/// or a mention. Inputs keep what was typed and show a red line under a field that needs fixing.
/// </summary>
public sealed class TeamsCard
{
    /// <summary>Data key every professional button carries: which command it belongs to.</summary>
    public const string ActionKey = "action";

    /// <summary>Data key of a form's instance id (a double submit of one form is recognised by it).</summary>
    public const string FormKey = "formId";

    private readonly JArray _body = [];
    private readonly JArray _actions = [];
    private readonly string _fallback;
    private JObject? _refresh;

    public TeamsCard(string fallbackText) => _fallback = fallbackText;

    public TeamsCard Heading(string text) => Add(Rich(Run(text, bold: true, size: "Medium")));

    public TeamsCard Text(string text, bool subtle = false, string? spacing = null, string? color = null)
    {
        var run = Run(text);
        if (subtle)
        {
            run["isSubtle"] = true;
        }

        if (color is not null)
        {
            run["color"] = color;
        }

        return Add(Rich(run, spacing));
    }

    /// <summary>Words of a resident (redacted): only ever a TextRun.</summary>
    public TeamsCard Quote(string text) => Add(Rich(new JObject { ["type"] = "TextRun", ["text"] = "“" + text + "”", ["italic"] = true }, "Small"));

    public TeamsCard Fact(string label, string value) =>
        Add(new JObject { ["type"] = "RichTextBlock", ["spacing"] = "None", ["inlines"] = new JArray(Run(label + ": ", bold: true), Run(value)) });

    public TeamsCard Error(string? message) => message is null ? this : Text(message, spacing: "None", color: "Attention");

    public TeamsCard Separator() => Add(new JObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = new JArray() });

    public TeamsCard InputText(string id, string label, string? value, int maxLength, bool multiline = false, string? placeholder = null, string? error = null)
    {
        var input = Input("Input.Text", id, label);
        input["maxLength"] = maxLength;
        if (multiline)
        {
            input["isMultiline"] = true;
        }

        if (placeholder is not null)
        {
            input["placeholder"] = placeholder;
        }

        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return AddInput(input, error);
    }

    public TeamsCard InputDate(string id, string label, string? value, string? error = null)
    {
        var input = Input("Input.Date", id, label);
        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return AddInput(input, error);
    }

    public TeamsCard InputTime(string id, string label, string? value, string? error = null)
    {
        var input = Input("Input.Time", id, label);
        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return AddInput(input, error);
    }

    public TeamsCard InputNumber(string id, string label, string? value, int min, int max, string? error = null)
    {
        var input = Input("Input.Number", id, label);
        input["min"] = min;
        input["max"] = max;
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            input["value"] = number;
        }

        return AddInput(input, error);
    }

    public TeamsCard Toggle(string id, string title, bool value) =>
        Add(new JObject { ["type"] = "Input.Toggle", ["id"] = id, ["title"] = title, ["value"] = value ? "true" : "false", ["valueOn"] = "true", ["valueOff"] = "false" });

    public TeamsCard Choices(string id, string label, IEnumerable<(string Value, string Title)> choices, IEnumerable<string> selected, bool multiSelect, string? error = null)
    {
        var input = Input("Input.ChoiceSet", id, label);
        input["choices"] = new JArray(choices.Select(c => new JObject { ["title"] = c.Title, ["value"] = c.Value }));
        input["isMultiSelect"] = multiSelect;
        input["style"] = "expanded";
        var value = string.Join(',', selected);
        if (value.Length > 0)
        {
            input["value"] = value;
        }

        return AddInput(input, error);
    }

    /// <summary>Buttons that belong to one item in the body (an idea in a list).</summary>
    public TeamsCard Buttons(params (string Title, JObject Data)[] buttons)
    {
        foreach (var set in buttons.Chunk(PromptCard.MaxActionsPerSet))
        {
            Add(new JObject { ["type"] = "ActionSet", ["actions"] = new JArray(set.Select(b => Submit(b.Title, b.Data))) });
        }

        return this;
    }

    /// <summary>A button at the bottom of the card.</summary>
    public TeamsCard Action(string title, JObject data)
    {
        _actions.Add(Submit(title, data));
        return this;
    }

    /// <summary>A button at the bottom of the card that opens a page.</summary>
    public TeamsCard Link(string title, Uri url)
    {
        _actions.Add(new JObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url.ToString() });
        return this;
    }

    /// <summary>An image by its public URL (Teams fetches it), with the text a screen reader reads instead.</summary>
    public TeamsCard Image(Uri url, string altText) =>
        Add(new JObject { ["type"] = "Image", ["url"] = url.ToString(), ["altText"] = altText, ["size"] = "Stretch", ["spacing"] = "Small" });

    /// <summary>
    /// Teams refreshes the card with an Action.Execute invoke when it is shown to these users (at most 60), so the
    /// numbers are live; clients without Action.Execute keep the card and its Action.Submit buttons.
    /// </summary>
    public TeamsCard Refresh(string verb, JObject data, IEnumerable<string> userIds)
    {
        _refresh = new JObject
        {
            ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["userIds"] = new JArray(userIds.Take(60)),
        };
        return this;
    }

    public JObject Build()
    {
        // Renderers take at most five actions per set: more go into sets of five in the body.
        var groups = _actions.Chunk(PromptCard.MaxActionsPerSet).ToList();
        var body = new JArray(_body);
        foreach (var group in groups.SkipLast(1))
        {
            body.Add(new JObject { ["type"] = "ActionSet", ["actions"] = new JArray(group) });
        }

        var card = new JObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = PromptCard.Version,
            ["fallbackText"] = _fallback,
            ["body"] = body,
        };
        if (groups.Count > 0)
        {
            card["actions"] = new JArray(groups[^1]);
        }

        if (_refresh is not null)
        {
            card["refresh"] = _refresh;
        }

        return card;
    }

    /// <summary>Button data: the action name under <see cref="ActionKey"/> and its arguments.</summary>
    public static JObject Data(string action, params (string Key, string? Value)[] args)
    {
        var data = new JObject { [ActionKey] = action };
        foreach (var (key, value) in args)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }

    private TeamsCard Add(JToken element)
    {
        _body.Add(element);
        return this;
    }

    private TeamsCard AddInput(JObject input, string? error)
    {
        Add(input);
        return Error(error);
    }

    private static JObject Input(string type, string id, string label) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["label"] = label,
        ["spacing"] = "Medium",
    };

    private static JObject Submit(string title, JObject data) => new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };

    private static JObject Run(string text, bool bold = false, string? size = null)
    {
        var run = new JObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (size is not null)
        {
            run["size"] = size;
        }

        return run;
    }

    private static JObject Rich(JObject run, string? spacing = null)
    {
        var block = new JObject { ["type"] = "RichTextBlock", ["inlines"] = new JArray(run) };
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }
}
