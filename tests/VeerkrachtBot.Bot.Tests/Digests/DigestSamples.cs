using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Tests.Digests;

/// <summary>A digest and poll results with every part filled, fixed in memory, for snapshots and the renderer test.</summary>
public static class DigestSamples
{
    public static readonly DigestPeriod Week = DigestPeriod.Containing(new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero), DigestPeriodKind.Week);

    public static readonly NeighbourhoodCatalog Neighbourhoods = new([]);

    public static readonly ThemeCatalog Themes = new([]);

    private static readonly DigestFilter Filter = new(["nazareth"], []);

    public static Digest Full() => new(
        Filter,
        Week,
        Week.End.AddHours(8),
        MinGroupSize: 3,
        MinPercentageBase: 10,
        new DigestParticipation(Shown(42), Shown(12), Shown(30), Shown(57), Shown(20), Shown(15)),
        new DigestParticipation(Shown(34), Shown(9), Shown(25), Shown(47), Figure.Hidden, Shown(0)),
        [
            new ConcernCluster("c-drugs", "tunneltje, dealers", ["safety"], ["nazareth"], 4, 5, SentimentLabel.Negative,
                "Drugsdealers bij het tunneltje, elke avond. Ik voel me niet veilig.", ClusterTrend.New, Shown(0), IdeaFlag.Safety, ["i-d1", "i-d2", "i-d3", "i-d4", "i-d5"]),
            new ConcernCluster("c-lights", "lantaarnpalen, speeltuin", ["public-space", "safety"], ["nazareth"], 12, 14, SentimentLabel.Negative,
                "De lantaarnpalen rond de speeltuin aan de Kapoenstraat doen het al twee weken niet. **Echt** [onveilig](javascript:alert(1)) <at>iedereen</at>",
                ClusterTrend.Grown, Shown(5), IdeaFlag.None, Enumerable.Range(1, 14).Select(i => $"i-l{i}").ToList()),
            new ConcernCluster("c-school", "drempel, school", ["mobility"], ["nazareth"], 6, 6, SentimentLabel.Negative,
                "Auto's racen door de Gulpenerweg bij de basisschool.", ClusterTrend.Steady, Shown(7), IdeaFlag.None, ["i-s1", "i-s2", "i-s3", "i-s4", "i-s5", "i-s6"]),
        ],
        Shown(23),
        [new DigestIdeaLine("i-burglary", "nazareth", ["safety", "housing"], "Er is vannacht ingebroken in de berging van onze flat.", Week.Start.AddDays(3), IdeaFlag.Safety)],
        [new ThemeFigure("public-space", 24, 20), new ThemeFigure("safety", 15, 12), new ThemeFigure("mobility", 9, 8), new ThemeFigure("housing", 6, 5)],
        new SentimentSplit(57, new Dictionary<SentimentLabel, int> { [SentimentLabel.Negative] = 54, [SentimentLabel.Neutral] = 28, [SentimentLabel.Positive] = 14, [SentimentLabel.Mixed] = 4 }),
        [
            new StatusChangeLine(new DigestIdeaLine("i-s0", "nazareth", ["mobility"], "Hardrijders bij de school.", Week.Start.AddDays(-9), IdeaFlag.None),
                IdeaStatus.InDiscussion, "We bespreken drempels met de gemeente.", Week.Start.AddDays(2)),
        ],
        1,
        [new WaitingLine(new DigestIdeaLine("i-old", "nazareth", ["housing"], "Schimmel in de badkamer van onze flat.", Week.Start.AddDays(-40), IdeaFlag.None), 47)],
        [
            new MeetingLine("m-1", "nazareth", "Buurtavond", Week.Start.AddDays(2).AddHours(18), Week.Start.AddDays(2).AddHours(20), 10, Shown(10), Shown(3), Figure.Hidden, true, false),
            new MeetingLine("m-2", "nazareth", "Meemakers-wandeling", Week.End.AddDays(3).AddHours(9), Week.End.AddDays(3).AddHours(11), 20, Figure.Hidden, Shown(0), Shown(0), false, true),
        ],
        [new PollLine("p-1", "Speeltuin Kapoenstraat", "Hoe tevreden ben je over de speeltuin?", PollStatus.Open, Week.End.AddDays(10), true, Shown(24), 3.25)],
        IsEmpty: false);

    public static Digest Empty() => Full() with
    {
        Participation = new DigestParticipation(Shown(0), Shown(0), Shown(0), Shown(0), Shown(0), Shown(0)),
        Clusters = [],
        IdeasOutsideClusters = Shown(0),
        Flagged = [],
        Themes = [],
        Sentiment = null,
        StatusChanges = [],
        StatusChangeCount = 0,
        Waiting = [],
        IsEmpty = true,
    };

    public static PollResultsReport Poll(bool open = true)
    {
        var poll = new Poll("p-1", "Speeltuin Kapoenstraat", "Hoe tevreden ben je over de speeltuin?", true, ["nazareth", "pottenberg"],
            Week.Start.AddDays(-3), Week.End.AddDays(10), open ? PollStatus.Open : PollStatus.Closed, false, "manager");
        return new PollResultsReport(
            poll,
            Week.End.AddHours(8),
            open,
            Shown(24),
            [new ScoreCount(1, 3, 13), new ScoreCount(2, 4, 17), new ScoreCount(3, 6, 25), new ScoreCount(4, 7, 29), new ScoreCount(5, 4, 17)],
            PollResultsService.Interval([1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5]),
            [new NeighbourhoodRespondents("nazareth", Shown(19)), new NeighbourhoodRespondents("pottenberg", Shown(5))],
            new CommentSummary(Shown(11), new Dictionary<SentimentLabel, int> { [SentimentLabel.Negative] = 45, [SentimentLabel.Positive] = 36, [SentimentLabel.Neutral] = 19, [SentimentLabel.Mixed] = 0 },
                ["schaduw", "bankjes"], ["Te weinig schaduw in de speeltuin, het is er bloedheet.", "Mooie nieuwe speeltoestellen, de kinderen zijn blij!", "Graag meer bankjes voor de ouders [naam]."]),
            MinGroupSize: 3);
    }

    public static DigestCardContext Context(Uri? chart = null) => new(Neighbourhoods, Themes, chart ?? new Uri("https://bot.example/api/charts/themes.png"));

    public static PollResultsCardContext PollContext(IReadOnlyList<string>? users = null) =>
        new(Neighbourhoods, new Uri("https://bot.example/api/charts/answers.png"), users ?? ["29:user-1", "29:user-2"]);

    private static Figure Shown(int value) => Figure.Of(value, value, 0);
}
