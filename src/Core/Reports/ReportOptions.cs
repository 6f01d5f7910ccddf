using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Core.Reports;

/// <summary>How small a group the monitoring report may show and when a group counts as under-represented. Bound from <c>Reports</c>.</summary>
public sealed class ReportOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Reports";

    /// <summary>
    /// Fewest distinct residents behind any figure (a count, a mean, a cohort cell, an age band). The default
    /// is 10: the report is public, so it is stricter than a digest for professionals.
    /// </summary>
    [Range(2, 1000)]
    public int MinGroupSize { get; set; } = 10;

    /// <summary>
    /// An age band is under-represented when its share of the residents taking part is below this fraction of its share
    /// of the population: 0.5 flags a band that is reached less than half as well as the neighbourhood as a whole.
    /// </summary>
    [Range(0.05, 1.0)]
    public double UnderRepresentedRatio { get; set; } = 0.5;

    /// <summary>
    /// The CBS age bands compared with the population. Children under 15 are left out by default: the chat is not
    /// meant for them, so comparing them would flag a band nobody tries to reach.
    /// </summary>
    public List<string> ComparedAgeBands { get; set; } = ["15-24", "25-44", "45-64", "65+"];

    /// <summary>Most groups of similar ideas shown.</summary>
    [Range(0, 20)]
    public int MaxClusters { get; set; } = 5;

    /// <summary>Most explanations of professionals shown (the latest).</summary>
    [Range(0, 50)]
    public int MaxExplanations { get; set; } = 5;

    /// <summary>Most upcoming meetings shown.</summary>
    [Range(0, 50)]
    public int MaxMeetings { get; set; } = 5;
}
