using Dapper;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Reports;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Tests.Pulse;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Reports;

/// <summary>A database with every module the report reads, a report builder on it, and small hand-made rows for exact cases.</summary>
public sealed class ReportFixture(TestDatabase db, PulseFixture pulse)
{
    private int _counter;

    public TestDatabase Db { get; } = db;
    public IDatabase Database => Db.Database;
    public PulseFixture Pulse { get; } = pulse;
    public DateTimeOffset Now => Pulse.Domain.Clock.GetUtcNow();

    public ReportBuilder Builder(int minGroupSize = 10) =>
        new(Database, Pulse.Domain.Neighbourhoods, Options.Create(new ReportOptions { MinGroupSize = minGroupSize }), Options.Create(new DigestOptions()), Pulse.Domain.Clock);

    public static async Task<ReportFixture> CreateAsync(string provider)
    {
        var (db, pulse) = await PulseFixture.CreateAsync(provider);
        return new ReportFixture(db, pulse);
    }

    public async Task<string> ResidentAsync(string neighbourhood = "pottenberg", string? ageBand = null)
    {
        var id = "res-" + Interlocked.Increment(ref _counter).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        await Database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO residents (id, channel_id, language, neighbourhood_id, created_at, last_seen_at) VALUES (@id, 'webchat', 'nl', @n, 0, 0)", new { id, n = neighbourhood }, t));
        if (ageBand is not null)
        {
            await Database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO resident_background (resident_id, age_band, years_band, household, offered_at, updated_at) VALUES (@id, @ageBand, NULL, NULL, NULL, 0)", new { id, ageBand }, t));
        }

        return id;
    }

    public Task IdeaAsync(string resident, DateTimeOffset at, string theme = "public-space", string neighbourhood = "pottenberg")
    {
        var id = "idea-" + Interlocked.Increment(ref _counter).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        return Database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("""
                INSERT INTO ideas (id, source_key, resident_id, neighbourhood_id, language, original_text, redacted_text, sentiment_label, sentiment_score, key_phrases, analysis_source, status, status_explanation, contact_allowed, contact_detail, received_at, updated_at)
                VALUES (@id, @id, @resident, @neighbourhood, 'nl', 'tekst', 'tekst', 'Neutral', 0, '[]', 'Local', 'Received', NULL, 0, NULL, @at, @at)
                """, new { id, resident, neighbourhood, at = at.ToUnixTimeMilliseconds() }, t);
            await c.ExecuteAsync("INSERT INTO idea_themes (idea_id, theme_id, score, confirmed, neighbourhood_id, received_at) VALUES (@id, @theme, 0.9, 0, @neighbourhood, @at)",
                new { id, theme, neighbourhood, at = at.ToUnixTimeMilliseconds() }, t);
        });
    }

    public Task PulseAsync(string? resident, string goal, int? score, DateTimeOffset at, string neighbourhood = "pottenberg") =>
        Database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO pulse_responses (id, resident_id, neighbourhood_id, period, item_key, score, answered_at) VALUES (@id, @resident, @neighbourhood, 'x', @goal, @score, @at)",
            new { id = "pulse-" + Interlocked.Increment(ref _counter), resident, neighbourhood, goal, score, at = at.ToUnixTimeMilliseconds() }, t));

    public Task PopulationAsync(string band, int people, string neighbourhood = "pottenberg") =>
        Database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO neighbourhood_population (neighbourhood_id, age_band, population, source, entered_by, entered_at) VALUES (@neighbourhood, @band, @people, 'CBS 2025', 'pm', 0)",
            new { neighbourhood, band, people }, t));
}
