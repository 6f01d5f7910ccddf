using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Digests;

public sealed class DigestCardTests
{
    [Fact]
    public void DigestCard_MatchesSnapshot() =>
        Snapshot.Match("Digest.full", DigestCard.Build(DigestSamples.Full(), DigestSamples.Context()).ToString(Formatting.Indented));

    [Fact]
    public void EmptyDigest_SaysNothingNew() =>
        Snapshot.Match("Digest.empty", DigestCard.Build(DigestSamples.Empty(), DigestSamples.Context()).ToString(Formatting.Indented));

    [Fact]
    public void PollResultsCard_MatchesSnapshot() =>
        Snapshot.Match("PollResults.open", PollResultsCard.Build(DigestSamples.Poll(), DigestSamples.PollContext()).ToString(Formatting.Indented));

    [Fact]
    public void ClosedPoll_HasNoRefresh()
    {
        var card = PollResultsCard.Build(DigestSamples.Poll(open: false), DigestSamples.PollContext());

        Assert.Null(card["refresh"]);
        AssertFits("closed poll", card);
    }

    [Fact]
    public void Cards_KeepToTheTeamsLimits()
    {
        AssertFits("digest", DigestCard.Build(DigestSamples.Full(), DigestSamples.Context()));
        AssertFits("empty digest", DigestCard.Build(DigestSamples.Empty(), DigestSamples.Context()));
        AssertFits("poll results", PollResultsCard.Build(DigestSamples.Poll(), DigestSamples.PollContext()));
    }

    [Fact]
    public void ResidentsMarkdownLinksAndMentions_StayLiteralTextRuns()
    {
        var card = DigestCard.Build(DigestSamples.Full(), DigestSamples.Context());

        var run = card.SelectTokens("$..inlines[*]").OfType<JObject>().Single(r => r.Value<string>("text")!.Contains("javascript:", StringComparison.Ordinal));
        Assert.Equal("TextRun", run.Value<string>("type"));
        Assert.Contains("**Echt** [onveilig](javascript:alert(1)) <at>iedereen</at>", run.Value<string>("text"), StringComparison.Ordinal);
        Assert.Null(run["selectAction"]);
        Assert.Empty(card.SelectTokens("$..[?(@.type == 'Action.OpenUrl')]"));
    }

    [Fact]
    public void Refresh_IsActionExecuteForAtMost60Users_WithASubmitButton()
    {
        var users = Enumerable.Range(0, 75).Select(i => $"29:user-{i}").ToList();

        var card = PollResultsCard.Build(DigestSamples.Poll(), DigestSamples.PollContext(users));

        Assert.Equal("Action.Execute", card.SelectToken("refresh.action.type")!.ToString());
        Assert.Equal(DigestActions.RefreshPollResultsVerb, card.SelectToken("refresh.action.verb")!.ToString());
        Assert.Equal(60, card.SelectToken("refresh.userIds")!.Count());
        var button = (JObject)card["actions"]!.Single();
        Assert.Equal("Action.Submit", button.Value<string>("type"));
        Assert.Equal(card.SelectToken("refresh.action.data")!.ToString(), button["data"]!.ToString());
    }

    [Fact]
    public void Buttons_CarryTheDataTheTeamsCommandsRead()
    {
        var digest = DigestSamples.Full();
        var card = DigestCard.Build(digest, DigestSamples.Context());
        var data = card.SelectTokens("$..[?(@.type == 'Action.Submit')].data").Select(d => BotAction.FromValue(d)!).ToList();

        var cluster = data.First(a => a.Name == DigestActions.ClusterIdeas && a["cluster"] == "c-lights");
        Assert.Equal(string.Join(',', Enumerable.Range(1, 14).Select(i => $"i-l{i}")), cluster["ideas"]);
        Assert.Equal("14", cluster["count"]);
        Assert.Equal(("nazareth", "", "week", "2026-11-16"), (cluster["neighbourhoods"], cluster["themes"], cluster["period"], cluster["start"]));
        Assert.Contains(data, a => a.Name == DigestActions.SetStatus && a["idea"] == "i-burglary");
        Assert.Contains(data, a => a.Name == DigestActions.SetStatus && a["idea"] == "i-old");
        Assert.Contains(data, a => a.Name == DigestActions.PollResults && a["poll"] == "p-1");
        Assert.Contains(data, a => a.Name == DigestActions.PeriodIdeas && a["start"] == "2026-11-16");
        Assert.Contains(data, a => a.Name == DigestActions.EditSubscription && a["neighbourhoods"] == "nazareth" && a["themes"] == "");
    }

    [Fact]
    public void SafetyComesFirst_AndHiddenFiguresAreSaidNotShown()
    {
        var card = DigestCard.Build(DigestSamples.Full(), DigestSamples.Context());
        var text = string.Join("\n", card.SelectTokens("$..text").Select(t => t.ToString()));

        Assert.True(text.IndexOf("Eerst: veiligheid en spoed", StringComparison.Ordinal) < text.IndexOf("Wat bewoners inbrachten", StringComparison.Ordinal));
        Assert.Contains("12 bewoners: lantaarnpalen, speeltuin", text, StringComparison.Ordinal);
        Assert.Contains("groeit (vorige week 5)", text, StringComparison.Ordinal);
        Assert.Contains("42 bewoners deden mee (+8 t.o.v. vorige week): 12 nieuw, 30 kwamen terug", text, StringComparison.Ordinal);
        Assert.Contains("20 aanmeldingen voor bijeenkomsten · ", text, StringComparison.Ordinal);
        Assert.Contains("minder dan 3 aangemeld", text, StringComparison.Ordinal);
        Assert.Contains("Ideeën per thema: Openbare ruimte 24", text, StringComparison.Ordinal);
        Assert.Equal(DigestCard.ThemesText(DigestSamples.Full(), DigestSamples.Themes), card.SelectToken("$..[?(@.type == 'Image')].altText")!.ToString());
    }

    /// <summary>Version 1.5, TextRuns only, Submit buttons (Execute only as the refresh), 1–5 actions per set, under 28 KB.</summary>
    internal static void AssertFits(string name, JObject card)
    {
        Assert.Equal("1.5", card.Value<string>("version"));
        Assert.Empty(card.SelectTokens("$..[?(@.type == 'TextBlock')]"));
        Assert.Empty(card.SelectTokens("$..[?(@.type == 'FactSet')]"));
        var actionTypes = card.SelectTokens("$..type").Where(t => t.Path != "refresh.action.type").Select(t => t.ToString()).Where(t => t.StartsWith("Action.", StringComparison.Ordinal));
        Assert.All(actionTypes, type => Assert.Equal("Action.Submit", type));
        Assert.All(card.SelectTokens("$..actions").OfType<JArray>(), set => Assert.True(set.Count is >= 1 and <= PromptCard.MaxActionsPerSet, $"{name}: {set.Count} actions in a set"));
        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) < 28 * 1024, $"{name}: over 28 KB");
        Assert.False(string.IsNullOrWhiteSpace(card.Value<string>("fallbackText")), $"{name}: no fallback text");
    }
}
