using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Prompts;

namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>What every card must keep to for Teams and Web Chat.</summary>
public static class CardLimits
{
    /// <summary>
    /// Schema 1.5, Action.Submit or Action.OpenUrl only, 1 to 5 actions per set, under 28 KB, a fallback text,
    /// and no TextBlock (its markdown would make someone's text active).
    /// </summary>
    public static void AssertFits(string name, JObject card)
    {
        Assert.Equal("1.5", card.Value<string>("version"));
        Assert.All(card.SelectTokens("$..type").Select(t => t.ToString()).Where(t => t.StartsWith("Action.", StringComparison.Ordinal)),
            type => Assert.Contains(type, new[] { "Action.Submit", "Action.OpenUrl" }));
        Assert.All(card.SelectTokens("$..actions").OfType<JArray>(), set => Assert.True(set.Count is >= 1 and <= PromptCard.MaxActionsPerSet, $"{name}: {set.Count} actions in a set"));
        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) < 28 * 1024, $"{name}: over 28 KB");
        Assert.False(string.IsNullOrWhiteSpace(card.Value<string>("fallbackText")), $"{name}: no fallback text");
        Assert.Empty(card.SelectTokens("$..[?(@.type == 'TextBlock')]"));
    }
}
