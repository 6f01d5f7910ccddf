using Dapper;
using Newtonsoft.Json;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Tests.Digests;

/// <summary>The digest of seeded weeks against SQL counted independently, its clusters, its small groups, and its card's privacy.</summary>
public sealed class DigestFiguresTests : IAsyncLifetime
{
    private DigestSeed _seed = null!;

    public async Task InitializeAsync() => _seed = await DigestSeed.CreateAsync();

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    [Fact]
    public async Task Figures_EqualIndependentSqlCounts()
    {
        var digest = await _seed.Builder().BuildAsync(new DigestFilter(["pottenberg"], []), DigestSeed.Week);
        var week = DigestSeed.Week;
        var previous = week.Previous();

        var now = await CountAsync(week);
        var before = await CountAsync(previous);

        Assert.Equal(now.Residents, digest.Participation.Residents.Value);
        Assert.Equal(now.New, digest.Participation.NewResidents.Value);
        Assert.Equal(now.Residents - now.New, digest.Participation.ReturningResidents.Value);
        Assert.Equal(now.Ideas, digest.Participation.Ideas.Value);
        Assert.Equal(now.Rsvps, digest.Participation.Rsvps.Value);
        Assert.Equal(now.PollAnswers, digest.Participation.PollAnswers.Value);
        Assert.Equal(before.Residents, digest.PreviousParticipation.Residents.Value);
        Assert.Equal(before.Ideas, digest.PreviousParticipation.Ideas.Value);
        Assert.True(now.Ideas > 60, $"only {now.Ideas} ideas in the week");

        await using var connection = await _seed.Database.OpenAsync();
        var range = new { from = week.Start.ToUnixTimeMilliseconds(), to = week.End.ToUnixTimeMilliseconds() };
        var themes = (await connection.QueryAsync<(string Theme, long Ideas, long Residents)>("""
            SELECT t.theme_id, COUNT(*), COUNT(DISTINCT i.resident_id) FROM idea_themes t JOIN ideas i ON i.id = t.idea_id
            WHERE i.neighbourhood_id = 'pottenberg' AND i.received_at >= @from AND i.received_at < @to GROUP BY t.theme_id
            """, range)).Where(t => t.Residents >= 3).ToDictionary(t => t.Theme, t => (int)t.Ideas);
        Assert.Equal(themes.OrderBy(t => t.Key), digest.Themes.Select(t => KeyValuePair.Create(t.ThemeId, t.Ideas)).OrderBy(t => t.Key));

        var sentiment = (await connection.QueryAsync<(string Label, long Ideas)>(
            "SELECT sentiment_label, COUNT(*) FROM ideas WHERE neighbourhood_id = 'pottenberg' AND received_at >= @from AND received_at < @to GROUP BY sentiment_label", range))
            .ToDictionary(s => Enum.Parse<SentimentLabel>(s.Label), s => (int)s.Ideas);
        foreach (var (label, percent) in digest.Sentiment!.Percentages)
        {
            Assert.Equal((int)Math.Round(100.0 * sentiment.GetValueOrDefault(label) / now.Ideas, MidpointRounding.AwayFromZero), percent);
        }

        var changes = await connection.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM idea_status_history h JOIN ideas i ON i.id = h.idea_id
            WHERE i.neighbourhood_id = 'pottenberg' AND h.changed_at >= @from AND h.changed_at < @to AND h.changed_by = 'prof-1'
            """, range);
        Assert.Equal(2, changes);
        Assert.Equal((int)changes, digest.StatusChangeCount);
        Assert.Equal([IdeaStatus.NotFeasible, IdeaStatus.InDiscussion], digest.StatusChanges.Select(c => c.Status));
        Assert.Equal("Een flitspaal is hier niet toegestaan.", digest.StatusChanges[0].Explanation);

        var poll = digest.Polls.Single(p => p.PollId == _seed.PollId);
        var answers = (await connection.QueryAsync<long>("SELECT score FROM poll_responses WHERE poll_id = @id", new { id = _seed.PollId })).ToList();
        Assert.Equal(answers.Count, poll.Respondents.Value);
        Assert.Equal(answers.Average(), poll.Mean!.Value, 9);
    }

    [Fact]
    public async Task KnownConcerns_AreClusteredWithTheirResidents_SafetyFirst_SmallOnesHidden()
    {
        var digest = await _seed.Builder().BuildAsync(new DigestFilter(["pottenberg"], []), DigestSeed.Week);

        // Each known concern is one cluster holding all its ideas of the week; other ideas that joined one are at most one in five.
        ConcernCluster Of(string concern)
        {
            var known = _seed.ConcernIdeas[(concern, 0)];
            var cluster = digest.Clusters.Single(c => known.All(c.IdeaIds.Contains));
            Assert.True(cluster.IdeaIds.Count * 4 <= known.Count * 5, $"{concern}: {cluster.IdeaIds.Count} ideas for {known.Count} known: "
                + string.Join(" | ", cluster.IdeaIds.Except(known).Select(_seed.TextOf)));
            Assert.True(cluster.Residents >= known.Count);
            return cluster;
        }

        var lights = Of("lights");
        Assert.Equal(ClusterTrend.Grown, lights.Trend);
        Assert.True(lights.PreviousResidents.Value >= 4);
        Assert.True(lights.Residents > lights.PreviousResidents.Value);

        var speeding = Of("speeding");
        Assert.NotEqual(ClusterTrend.New, speeding.Trend);
        Assert.True(speeding.PreviousResidents.Value >= 6);

        Assert.Equal(ClusterTrend.New, Of("bins").Trend);

        var drugs = Of("drugs");
        Assert.Equal(IdeaFlag.Safety, drugs.Flag);
        Assert.Equal(digest.Clusters.OrderByDescending(c => c.Flag).Select(c => c.Key), digest.Clusters.Select(c => c.Key));

        // Two residents asked for benches: too few to show as a cluster; the lone burglary is flagged on its own.
        Assert.DoesNotContain(digest.Clusters, c => c.IdeaIds.Intersect(_seed.ConcernIdeas[("benches", 0)]).Any());
        Assert.Contains(digest.Flagged, f => f.Text.Contains("ingebroken", StringComparison.Ordinal) && f.Flag == IdeaFlag.Safety);
        Assert.All(digest.Clusters, c => Assert.True(c.Residents >= digest.MinGroupSize));
    }

    [Fact]
    public async Task UrgentMessages_FromTheResidentsConversation_ComeFirst()
    {
        // A benches idea is in no shown cluster and has no safety theme: without the urgent flag it would not be listed at all.
        var bench = _seed.ConcernIdeas[("benches", 0)][0];
        await using (var connection = await _seed.Database.OpenAsync())
        {
            Assert.Equal(1, await connection.ExecuteAsync("UPDATE ideas SET urgent_kind = 'domestic', urgent_score = 0.9 WHERE id = @bench", new { bench }));
        }

        var digest = await _seed.Builder().BuildAsync(new DigestFilter(["pottenberg", "nazareth"], []), DigestSeed.Week);

        Assert.Equal((bench, IdeaFlag.Urgent), (digest.Flagged[0].IdeaId, digest.Flagged[0].Flag));
        Assert.Contains(digest.Flagged, f => f.Flag == IdeaFlag.Safety);
        Assert.Contains("ingebroken", CardText(digest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmallGroups_AreHidden()
    {
        var digest = await _seed.Builder().BuildAsync(new DigestFilter(["pottenberg"], []), DigestSeed.Week);

        var walk = digest.Meetings.Single(m => m.Title == "Meemakers-wandeling");
        Assert.True(walk.InNextPeriod);
        Assert.False(walk.Confirmed.Shown);
        var evening = digest.Meetings.Single(m => m.Title == "Buurtavond");
        Assert.Equal(10, evening.Confirmed.Value);
        Assert.Equal(3, evening.Waiting.Value);
        Assert.False(evening.Maybe.Shown);
        Assert.True(evening.Full);
        var small = digest.Polls.Single(p => p.PollId == _seed.SmallPollId);
        Assert.False(small.Respondents.Shown);
        Assert.Null(small.Mean);

        var strict = await _seed.Builder(new DigestOptions { MinGroupSize = 200, MinPercentageBase = 200 }).BuildAsync(new DigestFilter(["pottenberg"], []), DigestSeed.Week);
        Assert.Empty(strict.Clusters);
        Assert.Empty(strict.Themes);
        Assert.Null(strict.Sentiment);
        Assert.False(strict.Participation.Residents.Shown);
        Assert.False(strict.Participation.Ideas.Shown);
        var text = CardText(strict);
        Assert.Contains("minder dan 200 bewoners deden mee", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThemeFilter_KeepsOnlyThoseThemes()
    {
        var digest = await _seed.Builder().BuildAsync(new DigestFilter(["pottenberg"], ["mobility"]), DigestSeed.Week);

        Assert.All(digest.Themes, t => Assert.Equal("mobility", t.ThemeId));
        Assert.Contains(digest.Clusters, c => _seed.ConcernIdeas[("speeding", 0)].All(c.IdeaIds.Contains));
        Assert.DoesNotContain(digest.Clusters, c => c.IdeaIds.Intersect(_seed.ConcernIdeas[("bins", 0)]).Any());
    }

    [Fact]
    public async Task Cards_HoldNoPseudonymContactDetailOrOriginalText()
    {
        var digest = await _seed.Builder().BuildAsync(new DigestFilter(["pottenberg", "nazareth"], []), DigestSeed.Week);
        var analyzer = new LocalTextAnalyzer(LanguageModel.LoadEmbedded(), new ThemeCatalog([]));
        var polls = new PollResultsService(_seed.Database, new SqlPollStore(_seed.Database), analyzer, Microsoft.Extensions.Options.Options.Create(new DigestOptions()), TimeProvider.System);
        var cards = new[]
        {
            DigestCard.Build(digest, new DigestCardContext(new NeighbourhoodCatalog([]), new ThemeCatalog([]), new Uri("https://bot.example/c.png"))).ToString(Formatting.None),
            PollResultsCard.Build(await polls.ResultsAsync(_seed.PollId), new PollResultsCardContext(new NeighbourhoodCatalog([]), null)).ToString(Formatting.None),
        };

        Assert.NotEmpty(digest.Clusters);
        Assert.True(_seed.PersonalValues.Count >= 600 && _seed.OriginalTexts.Count > 20);
        foreach (var json in cards)
        {
            var decoded = string.Join("\n", Newtonsoft.Json.Linq.JToken.Parse(json).SelectTokens("$..*").OfType<Newtonsoft.Json.Linq.JValue>().Select(v => v.ToString()));
            Assert.All(_seed.PersonalValues, value => Assert.DoesNotContain(value, decoded, StringComparison.OrdinalIgnoreCase));
            Assert.All(_seed.OriginalTexts, original => Assert.DoesNotContain(original, decoded, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Digest_IsTheSameEveryTime()
    {
        var first = await _seed.Builder().BuildAsync(new DigestFilter(["pottenberg"], []), DigestSeed.Week);
        var second = await _seed.Builder().BuildAsync(new DigestFilter(["pottenberg"], []), DigestSeed.Week);

        Assert.Equal(JsonConvert.SerializeObject(first), JsonConvert.SerializeObject(second));
    }

    private string CardText(Digest digest) => string.Join("\n",
        DigestCard.Build(digest, new DigestCardContext(new NeighbourhoodCatalog([]), new ThemeCatalog([]), null)).SelectTokens("$..text").Select(t => t.ToString()));

    private async Task<(int Residents, int New, int Ideas, int Rsvps, int PollAnswers)> CountAsync(DigestPeriod period)
    {
        await using var connection = await _seed.Database.OpenAsync();
        var range = new { from = period.Start.ToUnixTimeMilliseconds(), to = period.End.ToUnixTimeMilliseconds() };
        var authors = await connection.QueryAsync<string>("SELECT resident_id FROM ideas WHERE neighbourhood_id = 'pottenberg' AND received_at >= @from AND received_at < @to", range);
        var guests = await connection.QueryAsync<string>("SELECT resident_id FROM rsvps WHERE neighbourhood_id = 'pottenberg' AND responded_at >= @from AND responded_at < @to AND response IN ('Yes', 'Maybe')", range);
        var voters = await connection.QueryAsync<string>("SELECT resident_id FROM poll_responses WHERE neighbourhood_id = 'pottenberg' AND responded_at >= @from AND responded_at < @to", range);
        var everyone = authors.Concat(guests).Concat(voters).ToHashSet(StringComparer.Ordinal);
        var created = (await connection.QueryAsync<(string Id, long CreatedAt)>("SELECT id, created_at FROM residents")).ToDictionary(r => r.Id, r => r.CreatedAt);
        return (everyone.Count, everyone.Count(id => created[id] >= range.from), authors.Count(), guests.Count(), voters.Count());
    }
}
