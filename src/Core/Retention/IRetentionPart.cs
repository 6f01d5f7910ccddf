using System.Data.Common;

namespace VeerkrachtBot.Core.Retention;

/// <summary>
/// Personal data a feature keeps in tables of its own that expires by age (the web chat's transcripts): each such
/// feature registers a part, as it registers its migrations, and the daily run applies it in its one transaction.
/// </summary>
public interface IRetentionPart
{
    /// <summary>The part's name in the run's report, e.g. <c>transcripts</c>.</summary>
    string Name { get; }

    /// <summary>Removes or anonymises what is past its cutoff, in the run's transaction; returns the rows changed.</summary>
    Task<int> ApplyAsync(DbConnection connection, DbTransaction transaction, RetentionCutoffs cutoffs, CancellationToken cancellationToken);
}
