using Newtonsoft.Json;
using VeerkrachtBot.Bot.Professionals;
using VeerkrachtBot.Bot.Tests.Infrastructure;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Tests.Professionals;

/// <summary>The JSON of every professional card, from fixed data: a change to a card shows up as a changed snapshot to review.</summary>
public sealed class ProfessionalCardSnapshotTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Names() => [.. Gallery(ProfessionalTexts.Dutch).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Card_MatchesItsSnapshot(string name)
    {
        var (_, card) = Gallery(ProfessionalTexts.Dutch).Single(c => c.Name == name);

        EveryProfessionalCardTests.AssertFits(name, card);
        Snapshot.Match("Teams." + name, card.ToString(Formatting.Indented));
    }

    [Fact]
    public void EnglishCards_FitToo() =>
        Assert.All(Gallery(ProfessionalTexts.English), c => EveryProfessionalCardTests.AssertFits(c.Name, c.Card));

    private static IReadOnlyList<(string Name, Newtonsoft.Json.Linq.JObject Card)> Gallery(ProfessionalTexts texts)
    {
        var analysis = new IdeaAnalysis("nl", "De lamp bij de speeltuin is **kapot** [klik](https://evil.example) <at>Iedereen</at>",
            [new ThemeScore("public-space", 0.91, true), new ThemeScore("safety", 0.64, false)], new Sentiment(SentimentLabel.Negative, -0.6), ["lamp", "speeltuin"], AnalysisSource.Local);
        var ideas = Enumerable.Range(0, 6).Select(i => new Idea("idea-" + i, "r_x", i % 2 == 0 ? "pottenberg" : "nazareth", null, analysis with { RedactedText = analysis.RedactedText + " " + i },
            i == 0 ? IdeaStatus.InDiscussion : IdeaStatus.Received, null, false, null, Now.AddHours(-i * 5), Now)).ToList();
        var history = new[] { new IdeaStatusChange(IdeaStatus.Received, null, "resident", Now.AddDays(-2)), new IdeaStatusChange(IdeaStatus.InDiscussion, "We bespreken het dinsdag.", "anne", Now.AddDays(-1)) };
        var poll = new Poll("poll-1", "Speelplekken", "Wat vind je van de speelplekken in je buurt?", true, ["pottenberg", "nazareth"], Now.AddDays(-3), Now.AddDays(10), PollStatus.Open, false, "manager");
        var results = new PollResults("poll-1", new Dictionary<int, int> { [1] = 1, [2] = 0, [3] = 4, [4] = 7, [5] = 2 }, 14, 3.6, 3);
        var meeting = new Meeting("meeting-1", "pottenberg", "Buurtavond Pottenberg", "Praten over de buurt.", "Buurtcentrum", Now.AddDays(5), Now.AddDays(5).AddHours(2), 40, "trajekt@example.nl", false);
        var sample = new CardGallery.Sample(ideas, history, poll, results, [(meeting, new Attendance(40, 12, 8, 2, 3))], [("pottenberg", "*")]);
        return CardGallery.Build(texts, new NeighbourhoodCatalog([]), new ThemeCatalog([]), sample, Now);
    }
}
