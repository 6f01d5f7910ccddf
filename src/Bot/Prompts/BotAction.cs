using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Prompts;

/// <summary>
/// What a button does: an action name with its arguments. A card button sends it as its data
/// (<c>{"action": "Rsvp", "meeting": "...", "response": "Yes"}</c>); typed text that matches an offered choice
/// is mapped back to the same action, so every flow works the same with or without cards.
/// </summary>
public sealed record BotAction(string Name, IReadOnlyDictionary<string, string> Args)
{
    /// <summary>Longest argument value read from a button or input; anything longer is cut (inputs are short).</summary>
    public const int MaxArgLength = 500;

    public static BotAction Of(string name, params (string Key, string Value)[] args) =>
        new(name, args.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));

    public string? this[string key] => Args.GetValueOrDefault(key);

    /// <summary>The button data: the action name under "action" and the arguments beside it.</summary>
    public JObject ToData()
    {
        var data = new JObject { ["action"] = Name };
        foreach (var (key, value) in Args)
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>Reads an activity's value (a card submit); null when it carries no action.</summary>
    public static BotAction? FromValue(object? value)
    {
        var data = value as JObject;
        if (data?.Value<JToken>("action") is not JValue { Type: JTokenType.String } name || string.IsNullOrWhiteSpace((string?)name))
        {
            return null;
        }

        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.Properties().Where(p => p.Name != "action" && p.Value is JValue { Value: not null }))
        {
            var text = property.Value.ToString();
            args[property.Name] = text.Length > MaxArgLength ? text[..MaxArgLength] : text;
        }

        return new BotAction((string)name!, args);
    }
}
