using System.Collections.Concurrent;
using System.Security.Cryptography;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Reports;

namespace VeerkrachtBot.Bot.Reports;

/// <summary>A neighbourhood's public page data: its report (the last four quarters) and the chart PNGs, each with a short hash for its link.</summary>
public sealed record NeighbourhoodPageData(Neighbourhood Neighbourhood, MonitoringReport Report, IReadOnlyList<(Chart Chart, string Version)> Charts);

/// <summary>
/// Builds the data behind "wat de buurt zei" and keeps it for a few minutes. The page is public and anyone may reload
/// it: without the short cache every request would run the report (and its grouping of ideas) again. The cache holds
/// only public figures that any instance rebuilds the same from the shared database, so it is no state another
/// instance needs. Concurrent requests for the same neighbourhood share one build.
/// </summary>
public sealed class NeighbourhoodPages(ReportBuilder builder, NeighbourhoodCatalog neighbourhoods, TimeProvider clock)
{
    /// <summary>How long a built page is served before it is built again (also its Cache-Control max-age).</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (DateTimeOffset BuiltAt, Lazy<Task<NeighbourhoodPageData>> Data)> _cache = new(StringComparer.Ordinal);

    /// <summary>The page data of a configured neighbourhood, or null for an unknown id.</summary>
    public async Task<NeighbourhoodPageData?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (neighbourhoods.Find(id) is not { } neighbourhood)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var entry = _cache.AddOrUpdate(
            neighbourhood.Id,
            _ => New(neighbourhood, now),
            (_, existing) => now - existing.BuiltAt < Freshness && !existing.Data.Value.IsFaulted && !existing.Data.Value.IsCanceled ? existing : New(neighbourhood, now));
        return await entry.Data.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private (DateTimeOffset, Lazy<Task<NeighbourhoodPageData>>) New(Neighbourhood neighbourhood, DateTimeOffset now) =>
        (now, new Lazy<Task<NeighbourhoodPageData>>(() => BuildAsync(neighbourhood)));

    // Not the request's token: the build is shared with other requests, and one leaving must not cancel it for the rest.
    private async Task<NeighbourhoodPageData> BuildAsync(Neighbourhood neighbourhood)
    {
        var report = await builder.BuildAsync(new ReportRequest([neighbourhood.Id], PulsePeriodLength.Quarter), CancellationToken.None).ConfigureAwait(false);
        var charts = ReportCharts.All(report).Select(c => (c, Convert.ToHexStringLower(SHA256.HashData(c.Png).AsSpan(0, 6)))).ToList();
        return new NeighbourhoodPageData(neighbourhood, report, charts);
    }
}
