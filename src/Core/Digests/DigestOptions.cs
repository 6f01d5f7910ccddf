using System.ComponentModel.DataAnnotations;
using VeerkrachtBot.Core.Digests.Clustering;

namespace VeerkrachtBot.Core.Digests;

/// <summary>What a digest shows and how small a group may be. Bound from the <c>Digests</c> section.</summary>
public sealed class DigestOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Digests";

    /// <summary>Fewest distinct residents behind a cluster or a count before it is shown.</summary>
    [Range(2, 1000)]
    public int MinGroupSize { get; set; } = 3;

    /// <summary>Fewest distinct residents behind a percentage (or a distribution) before it is shown.</summary>
    [Range(2, 1000)]
    public int MinPercentageBase { get; set; } = 10;

    /// <summary>Most clusters in one digest (the largest, flagged ones first).</summary>
    [Range(1, 50)]
    public int MaxClusters { get; set; } = 5;

    /// <summary>Most single flagged ideas (not in a shown cluster).</summary>
    [Range(0, 50)]
    public int MaxFlagged { get; set; } = 3;

    /// <summary>Most status changes listed.</summary>
    [Range(0, 50)]
    public int MaxStatusChanges { get; set; } = 5;

    /// <summary>Most ideas listed as waiting longest.</summary>
    [Range(0, 50)]
    public int MaxWaiting { get; set; } = 3;

    /// <summary>Longest quote of residents' (redacted) text, in characters.</summary>
    [Range(40, 1000)]
    public int QuoteLength { get; set; } = 180;

    /// <summary>How ideas are grouped.</summary>
    public ClusteringSettings Clustering { get; set; } = new();
}
