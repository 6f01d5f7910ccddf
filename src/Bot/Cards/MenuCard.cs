using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Conversations;

namespace VeerkrachtBot.Bot.Cards;

/// <summary>The main menu as an Adaptive Card (schema 1.5, Action.Submit only: Web Chat does not run Action.Execute).</summary>
public static class MenuCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Builds the card; <paramref name="lead"/> is the text above the buttons (welcome or a short reply).</summary>
    public static JObject Build(BotTexts texts, string lead) => JObject.FromObject(new Dictionary<string, object>
    {
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["lang"] = texts.Language == Core.Residents.ResidentLanguage.English ? "en" : "nl",
        ["fallbackText"] = $"{lead}\n\n{texts.MenuIntro} {string.Join(" · ", MenuItems(texts).Select(i => i.Title))}",
        ["body"] = new object[]
        {
            new { type = "TextBlock", text = lead, wrap = true },
            new { type = "TextBlock", text = texts.MenuIntro, wrap = true, weight = "Bolder", spacing = "Medium" },
        },
        ["actions"] = MenuItems(texts).Select(item => new
        {
            type = "Action.Submit",
            title = item.Title,
            data = new { action = item.Intent.ToString() },
        }).ToArray(),
    });

    /// <summary>The menu entries, also used as suggested actions on channels without cards.</summary>
    public static IReadOnlyList<(Intent Intent, string Title)> MenuItems(BotTexts texts) =>
    [
        (Intent.ShareIdea, texts.ShareIdea),
        (Intent.Meetings, texts.Meetings),
        (Intent.Polls, texts.Polls),
        (Intent.MyData, texts.MyData),
        (texts.Language == Core.Residents.ResidentLanguage.English ? Intent.Dutch : Intent.English, texts.OtherLanguage),
    ];
}
