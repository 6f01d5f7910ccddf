using Dapper;
using VeerkrachtBot.Core.Demo;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Reports;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Reports;

public sealed class ReportBuilderTests
{
    private const int Min = 10;

    // The checking SQL is written apart from the report's own: sets of residents per table combined with UNION,
    // IN and NOT IN, counted by the database.
    private static string Participants(string from, string to) => $"""
        SELECT resident_id FROM ideas WHERE neighbourhood_id = @n AND received_at >= {from} AND received_at < {to} AND resident_id IS NOT NULL
        UNION SELECT resident_id FROM rsvps WHERE neighbourhood_id = @n AND responded_at >= {from} AND responded_at < {to} AND status <> 'Declined'
        UNION SELECT a.resident_id FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.neighbourhood_id = @n AND m.starts_at >= {from} AND m.starts_at < {to}
        UNION SELECT resident_id FROM poll_responses WHERE neighbourhood_id = @n AND responded_at >= {from} AND responded_at < {to} AND resident_id IS NOT NULL
        UNION SELECT resident_id FROM pulse_responses WHERE neighbourhood_id = @n AND answered_at >= {from} AND answered_at < {to} AND resident_id IS NOT NULL
        UNION SELECT resident_id FROM evaluations WHERE neighbourhood_id = @n AND answered_at >= {from} AND answered_at < {to} AND resident_id IS NOT NULL
        """;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DemoYear_EveryShownFigure_EqualsIndependentSqlCounts_AndEverySmallOneIsHidden(string provider)
    {
        var f = await ReportFixture.CreateAsync(provider);
        await using var _ = f.Db;
        await MonitoringDemo.SeedAsync(f.Database, f.Now);
        var last = PulsePeriod.Of(f.Now, PulsePeriodLength.Quarter);
        var first = last.Previous().Previous().Previous().Previous();

        var report = await f.Builder().BuildAsync(new ReportRequest(["pottenberg"], PulsePeriodLength.Quarter, first, last));

        Assert.Equal(5, report.Periods.Count);
        Assert.True(report.Participation[^1].Running);
        Assert.False(report.Participation[0].Running);
        var shownSomething = 0;
        foreach (var (row, index) in report.Participation.Select((r, i) => (r, i)))
        {
            var p = new { n = "pottenberg", from = ReportPeriods.Start(row.Period).ToUnixTimeMilliseconds(), to = ReportPeriods.End(row.Period).ToUnixTimeMilliseconds(), prev = ReportPeriods.Start(row.Period.Previous()).ToUnixTimeMilliseconds() };
            async Task<int> Count(string sql) => (int)await f.Database.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, p));

            var residents = await Count($"SELECT COUNT(*) FROM ({Participants("@from", "@to")}) x");
            var fresh = await Count($"SELECT COUNT(*) FROM ({Participants("@from", "@to")}) x WHERE x.resident_id NOT IN ({Participants("0", "@from")})");
            var dropped = await Count($"SELECT COUNT(*) FROM ({Participants("@prev", "@from")}) x WHERE x.resident_id NOT IN ({Participants("@from", "@to")})");
            var ideas = await Count("SELECT COUNT(*) FROM ideas WHERE neighbourhood_id = @n AND received_at >= @from AND received_at < @to");
            var rsvps = await Count("SELECT COUNT(*) FROM rsvps WHERE neighbourhood_id = @n AND responded_at >= @from AND responded_at < @to AND status <> 'Declined'");
            var attendance = await Count("SELECT COUNT(*) FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.neighbourhood_id = @n AND m.starts_at >= @from AND m.starts_at < @to");
            var polls = await Count("SELECT COUNT(*) FROM poll_responses WHERE neighbourhood_id = @n AND responded_at >= @from AND responded_at < @to");
            var pulse = await Count("SELECT COUNT(DISTINCT resident_id) FROM pulse_responses WHERE neighbourhood_id = @n AND answered_at >= @from AND answered_at < @to");
            var evaluations = await Count("SELECT COUNT(*) FROM evaluations WHERE neighbourhood_id = @n AND answered_at >= @from AND answered_at < @to");

            AssertFigure(residents, row.Residents);
            var splitShown = new[] { fresh, residents - fresh, dropped }.All(v => v >= Min || v == 0);
            Assert.Equal(splitShown ? fresh : (int?)null, row.New.Value);
            Assert.Equal(splitShown ? residents - fresh : (int?)null, row.Returning.Value);
            Assert.Equal(splitShown ? dropped : (int?)null, row.DroppedOut.Value);
            AssertFigure(ideas, row.Ideas);
            AssertFigure(rsvps, row.Rsvps);
            AssertFigure(attendance, row.Attendance);
            AssertFigure(polls, row.PollAnswers);
            AssertFigure(pulse, row.PulseRespondents);
            AssertFigure(evaluations, row.Evaluations);
            shownSomething += splitShown && dropped > 0 ? 1 : 0;

            // Cohort: of the residents new in this period, those who took part in each later one.
            var cohort = report.Cohorts[index];
            Assert.Equal(fresh >= Min || fresh == 0 ? fresh : (int?)null, cohort.Size.Value);
            foreach (var (cell, k) in cohort.Retained.Select((c, k) => (c, k)))
            {
                var later = report.Periods[index + k + 1];
                var q = new { p.n, p.from, p.to, lfrom = ReportPeriods.Start(later).ToUnixTimeMilliseconds(), lto = ReportPeriods.End(later).ToUnixTimeMilliseconds() };
                var retained = (int)await f.Database.ReadAsync(c => c.ExecuteScalarAsync<long>(
                    $"SELECT COUNT(*) FROM ({Participants("@from", "@to")}) x WHERE x.resident_id NOT IN ({Participants("0", "@from")}) AND x.resident_id IN ({Participants("@lfrom", "@lto")})", q));
                Assert.Equal(cohort.Size.Shown && (retained >= Min || retained == 0) ? retained : (int?)null, cell.Value);
            }

            Assert.Equal(report.Periods.Count - index - 1, cohort.Retained.Count);

            foreach (var goal in report.Goals)
            {
                var g = new { p.n, p.from, p.to, goal = goal.Goal };
                var (scored, mean) = await f.Database.ReadAsync(c => c.QuerySingleAsync<(long, double?)>(
                    "SELECT COUNT(score), AVG(CAST(score AS FLOAT)) FROM pulse_responses WHERE neighbourhood_id = @n AND answered_at >= @from AND answered_at < @to AND item_key = @goal", g));
                var dontKnow = await Count($"SELECT COUNT(*) FROM pulse_responses WHERE neighbourhood_id = @n AND answered_at >= @from AND answered_at < @to AND score IS NULL AND item_key = '{goal.Goal}'");
                var cell = goal.Periods[index];
                AssertFigure((int)scored, cell.Respondents);
                AssertFigure(dontKnow, cell.DontKnow);
                if (scored >= Min)
                {
                    Assert.Equal(mean!.Value, cell.Score!.Mean, 9);
                    Assert.True(cell.Score.Low < cell.Score.Mean && cell.Score.Mean < cell.Score.High);
                }
                else
                {
                    Assert.Null(cell.Score);
                }
            }
        }

        Assert.True(shownSomething > 0, "the demo should show dropped-out residents in some period");
        Assert.Equal(6, report.Goals.Count);
        Assert.Contains(report.Goals, g => g.Periods.Any(c => c.Score is not null));

        // Representativeness: residents who took part in the range, by the age band they gave.
        var range = new { n = "pottenberg", from = ReportPeriods.Start(first).ToUnixTimeMilliseconds(), to = ReportPeriods.End(last).ToUnixTimeMilliseconds() };
        var bands = (await f.Database.ReadAsync(c => c.QueryAsync<(string, long)>(
            $"SELECT b.age_band, COUNT(*) FROM resident_background b WHERE b.age_band IS NOT NULL AND b.resident_id IN ({Participants("@from", "@to")}) GROUP BY b.age_band", range)))
            .ToDictionary(x => x.Item1, x => (int)x.Item2);
        Assert.Equal(bands.Values.Sum(), report.Representation.WithAgeBand.Value);
        var compared = new[] { "15-24", "25-44", "45-64", "65+" };
        var comparedTotal = compared.Sum(b => bands.GetValueOrDefault(b));
        var population = MonitoringDemo.Population["pottenberg"];
        var populationTotal = compared.Sum(b => population[b]);
        foreach (var band in report.Representation.Bands)
        {
            var count = bands.GetValueOrDefault(band.AgeBand);
            Assert.Equal(population[band.AgeBand], band.Population);
            Assert.Equal((double)count / comparedTotal < 0.5 * population[band.AgeBand] / populationTotal, band.UnderRepresented);
            if (band.Residents.Shown)
            {
                Assert.Equal(count, band.Residents.Value);
            }
            else
            {
                Assert.True(count < Min || report.Representation.Bands.Any(b => !b.Residents.Shown && b != band), "hidden only when small or as the second cell");
            }
        }

        // The demo's young residents are few: flagged, and their count hidden.
        var young = report.Representation.Bands.Single(b => b.AgeBand == "15-24");
        Assert.True(young.UnderRepresented);
        Assert.False(young.Residents.Shown);

        // Themes and statuses: the range's ideas, per theme and per current status.
        foreach (var theme in report.Themes)
        {
            var count = await f.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idea_themes WHERE neighbourhood_id = @n AND received_at >= @from AND received_at < @to AND theme_id = @t", new { range.n, range.from, range.to, t = theme.ThemeId }));
            Assert.Equal((int)count, theme.Total.Value);
        }

        Assert.NotEmpty(report.Themes);
        foreach (var status in report.Statuses.Where(s => s.Ideas.Shown))
        {
            var count = await f.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ideas WHERE neighbourhood_id = @n AND received_at >= @from AND received_at < @to AND status = @s", new { range.n, range.from, range.to, s = status.Status.ToString() }));
            Assert.Equal((int)count, status.Ideas.Value);
        }

        Assert.NotEmpty(report.Clusters);
        Assert.All(report.Clusters, c => Assert.True(c.Residents >= Min));
        Assert.NotEmpty(report.Explanations);
        Assert.DoesNotContain(report.Explanations, e => e.Text.Contains("3503600", StringComparison.Ordinal));
        Assert.Single(report.Meetings);

        static void AssertFigure(int expected, VeerkrachtBot.Core.Digests.Figure figure) => Assert.Equal(expected >= Min || expected == 0 ? expected : (int?)null, figure.Value);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SmallNeighbourhood_ShowsNoFigureAnywhere_BelowTheMinimumGroupSize(string provider)
    {
        var f = await ReportFixture.CreateAsync(provider);
        await using var _ = f.Db;
        var quarter = PulsePeriod.Of(f.Now, PulsePeriodLength.Quarter);
        var earlier = ReportPeriods.Start(quarter.Previous()).AddDays(3);
        for (var i = 0; i < 9; i++)
        {
            var resident = await f.ResidentAsync(ageBand: "65+");
            await f.IdeaAsync(resident, earlier);
            await f.IdeaAsync(resident, f.Now.AddDays(-2));
            await f.PulseAsync(resident, PulseGoals.Agency, 4, f.Now.AddDays(-1));
        }

        await f.PopulationAsync("65+", 400);
        var report = await f.Builder().BuildAsync(new ReportRequest(["pottenberg"]));
        var loose = await f.Builder(minGroupSize: 5).BuildAsync(new ReportRequest(["pottenberg"]));

        var figures = report.Participation.SelectMany(p => new[] { p.Residents, p.New, p.Returning, p.DroppedOut, p.Ideas, p.Rsvps, p.Attendance, p.PollAnswers, p.PulseRespondents, p.Evaluations })
            .Concat(report.Cohorts.SelectMany(c => c.Retained.Prepend(c.Size)))
            .Concat(report.Goals.SelectMany(g => g.Periods.SelectMany(c => new[] { c.Respondents, c.DontKnow })))
            .Concat(report.Representation.Bands.Select(b => b.Residents).Append(report.Representation.WithAgeBand))
            .Concat(report.Statuses.Select(s => s.Ideas))
            .ToList();
        Assert.All(figures, figure => Assert.True(figure.Value is null or 0, $"a figure of {figure.Value} below the minimum"));
        Assert.All(report.Goals.SelectMany(g => g.Periods), c => Assert.Null(c.Score));
        Assert.Empty(report.Themes);
        Assert.Empty(report.Clusters);

        // With a minimum of 5 the same nine residents are shown: the suppression is the minimum's doing.
        Assert.Equal(9, loose.Participation[^1].Residents.Value);
        Assert.Equal(9, loose.Cohorts[^2].Size.Value);
        Assert.Equal(9, loose.Cohorts[^2].Retained[0].Value);
        Assert.Equal(4.0, loose.Goals.Single(g => g.Goal == PulseGoals.Agency).Periods[^1].Score!.Mean);
        Assert.Equal(9, loose.Representation.Bands.Single(b => b.AgeBand == "65+").Residents.Value);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DroppedOut_AndCohorts_FollowResidentsAcrossMonths(string provider)
    {
        var f = await ReportFixture.CreateAsync(provider);
        await using var _ = f.Db;
        var month = PulsePeriod.Of(f.Now, PulsePeriodLength.Month);
        var m0 = ReportPeriods.Start(month.Previous().Previous()).AddDays(2);
        var m1 = ReportPeriods.Start(month.Previous()).AddDays(2);
        var m2 = f.Now.AddHours(-1);

        // Twelve residents start two months ago; ten of them come back last month, none this month; twelve others start now.
        var first = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            first.Add(await f.ResidentAsync());
            await f.IdeaAsync(first[^1], m0);
        }

        foreach (var resident in first.Take(10))
        {
            await f.PulseAsync(resident, PulseGoals.Health, null, m1);
        }

        for (var i = 0; i < 12; i++)
        {
            await f.PulseAsync(await f.ResidentAsync(), PulseGoals.Health, 3, m2);
        }

        var report = await f.Builder().BuildAsync(new ReportRequest(["pottenberg"], PulsePeriodLength.Month, month.Previous().Previous(), month));

        Assert.Equal([12, 10, 12], report.Participation.Select(p => p.Residents.Value));

        // Last month two residents dropped out: too few to show, and new (0) and returning (10) would give them away
        // (12 − 10), so the whole split is hidden that month.
        Assert.Equal([12, null, 12], report.Participation.Select(p => p.New.Value));
        Assert.Equal([0, null, 0], report.Participation.Select(p => p.Returning.Value));
        Assert.Equal([0, null, 10], report.Participation.Select(p => p.DroppedOut.Value));
        Assert.Equal([12, 0, 12], report.Cohorts.Select(c => c.Size.Value));
        Assert.Equal([10, 0], report.Cohorts[0].Retained.Select(c => c.Value));
        var health = report.Goals.Single(g => g.Goal == PulseGoals.Health);
        Assert.Equal([0, 0, 12], health.Periods.Select(c => c.Respondents.Value));
        Assert.Equal([0, 10, 0], health.Periods.Select(c => c.DontKnow.Value));
        Assert.Null(health.Periods[1].Score);
    }
}
