using Dapper;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Digests;

/// <summary>
/// SQLite's plans for the digest's reads: at a million ideas a read that walks a whole neighbourhood instead of the
/// period costs about a second (bench-digest), and no result shows it. SQLite plans without statistics here as it does on
/// the bot's database, so the plan of an empty database is the plan the bot gets.
/// </summary>
public sealed class DigestQueryPlanTests
{
    private static readonly object Range = new { neighbourhoods = Sql.JsonList(["pottenberg"]), from = 1_000L, to = 2_000L };

    [Fact]
    public async Task StatusChanges_WalkTheHistoryOfThePeriod_AndLookUpEachIdeaById()
    {
        var plan = await PlanAsync(SqlDigestSource.SqliteSelectStatusChanges, Range);

        Assert.StartsWith("SEARCH h USING INDEX ix_idea_status_history_changed (changed_at>? AND changed_at<?)", plan[0], StringComparison.Ordinal);
        Assert.Contains("SEARCH i USING INDEX sqlite_autoindex_ideas_1 (id=?)", plan);
        Assert.DoesNotContain(plan, line => line.Contains("neighbourhood_id=?", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Waiting_ReadsTheOldestInIndexOrder_WithoutSortingEveryWaitingIdea(bool themed)
    {
        var plan = await PlanAsync(themed ? SqlDigestSource.SqliteSelectWaitingThemed : SqlDigestSource.SqliteSelectWaiting,
            new { neighbourhood = "pottenberg", themes = Sql.JsonList(["safety"]), before = 2_000L, max = 10 });

        Assert.Equal("SEARCH i USING INDEX ix_ideas_waiting (neighbourhood_id=? AND received_at<?)", plan[0]);
        // Only ties on received_at are sorted (by id): the LIMIT stops the walk after the first rows.
        Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", plan);
    }

    [Fact]
    public async Task IdeasAndTheirThemes_ReadOnlyThePeriod()
    {
        var ideas = await PlanAsync(SqlDigestSource.SqliteSelectIdeas, Range);
        var themes = await PlanAsync(SqlDigestSource.SqliteSelectThemesInPeriod, Range);

        Assert.Equal("SEARCH i USING INDEX ix_ideas_digest (neighbourhood_id=? AND received_at>? AND received_at<?)", ideas[0]);
        Assert.Equal("SEARCH idea_themes USING INDEX ix_idea_themes_digest (neighbourhood_id=? AND received_at>? AND received_at<?)", themes[0]);
    }

    private static async Task<List<string>> PlanAsync(string sql, object parameters)
    {
        await using var db = await TestDatabase.CreateAsync("sqlite", migrate: false);
        await db.Runner(null, new DigestMigrations()).ApplyAsync();
        await using var connection = await db.Database.OpenAsync();
        var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters);
        return rows.Select(r => r.Detail).ToList();
    }
}
