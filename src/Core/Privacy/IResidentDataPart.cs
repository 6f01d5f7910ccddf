using System.Data.Common;

namespace VeerkrachtBot.Core.Privacy;

/// <summary>
/// Personal data a feature keeps about a resident in tables of its own (their notifications, how to reach them).
/// Each such feature registers a part, as it registers its migrations, so "my data" exports and erases it without
/// knowing every store: erasure runs every part inside its one transaction.
/// </summary>
public interface IResidentDataPart
{
    /// <summary>The name of the part in the export, e.g. <c>notifications</c>.</summary>
    string Name { get; }

    /// <summary>What the part holds about the resident, as it goes into the export (null when nothing).</summary>
    Task<object?> ExportAsync(DbConnection connection, string residentId, CancellationToken cancellationToken);

    /// <summary>Removes what the part holds about the resident, in the erasure's transaction; returns the rows removed.</summary>
    Task<int> EraseAsync(DbConnection connection, DbTransaction transaction, string residentId, CancellationToken cancellationToken);
}
