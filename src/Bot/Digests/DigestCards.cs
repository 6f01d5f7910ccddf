using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>
/// The digest and poll-results cards as the bot sends them: charts drawn, stored and linked by signed URL, then the
/// card built around them. What the later Teams commands and the scheduled digest call.
/// </summary>
public sealed class DigestCards(DigestBuilder digests, PollResultsService polls, ChartLinks charts, NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes)
{
    /// <summary>The digest card of a period, with the digest it shows (its <see cref="Digest.IsEmpty"/> says "send the short line instead").</summary>
    public async Task<(Digest Digest, JObject Card)> DigestAsync(DigestFilter filter, DigestPeriod period, CancellationToken cancellationToken = default)
    {
        var digest = await digests.BuildAsync(filter, period, cancellationToken).ConfigureAwait(false);
        Uri? chart = null;
        if (!digest.IsEmpty && DigestCard.ThemesChart(digest, themes) is { } themesChart)
        {
            chart = await charts.PublishAsync(themesChart, cancellationToken).ConfigureAwait(false);
        }

        return (digest, DigestCard.Build(digest, new DigestCardContext(neighbourhoods, themes, chart)));
    }

    /// <summary>The poll-results card; <paramref name="refreshUserIds"/> are the Teams users its refresh serves (at most 60).</summary>
    public async Task<JObject> PollResultsAsync(string pollId, IReadOnlyList<string>? refreshUserIds = null, CancellationToken cancellationToken = default)
    {
        var report = await polls.ResultsAsync(pollId, cancellationToken).ConfigureAwait(false);
        Uri? chart = null;
        if (PollResultsCard.DistributionChart(report) is { } distribution)
        {
            chart = await charts.PublishAsync(distribution, cancellationToken).ConfigureAwait(false);
        }

        return PollResultsCard.Build(report, new PollResultsCardContext(neighbourhoods, chart, refreshUserIds));
    }
}
