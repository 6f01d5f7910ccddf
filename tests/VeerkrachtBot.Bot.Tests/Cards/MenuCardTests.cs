using System.Text;
using Newtonsoft.Json;
using VeerkrachtBot.Bot.Cards;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Cards;

public sealed class MenuCardTests
{
    public static TheoryData<string> Languages => ["nl", "en"];

    private static BotTexts Texts(string language) => language == "en" ? BotTexts.English : BotTexts.Dutch;

    [Theory]
    [MemberData(nameof(Languages))]
    public void Build_MatchesTheApprovedJson(string language) =>
        Snapshot.Match($"MenuCard.{language}", MenuCard.Build(Texts(language), Texts(language).Welcome).ToString(Formatting.Indented));

    [Theory]
    [MemberData(nameof(Languages))]
    public void Build_StaysWithinTeamsAndWebChatLimits(string language)
    {
        var card = MenuCard.Build(Texts(language), Texts(language).Welcome);

        Assert.Equal("1.5", card.Value<string>("version"));
        Assert.All(card.SelectTokens("$..type").Select(t => t.ToString()).Where(t => t.StartsWith("Action.", StringComparison.Ordinal)),
            type => Assert.Equal("Action.Submit", type));
        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) < 28 * 1024);
        Assert.False(string.IsNullOrWhiteSpace(card.Value<string>("fallbackText")));
    }
}
