using System.Text.Json;
using System.Text.Json.Serialization;

namespace VeerkrachtBot.Core.Privacy;

/// <summary>"My data": a resident sees, downloads and erases what is stored about them.</summary>
public sealed class ResidentDataService(IResidentDataStore store, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Everything stored about the resident, or null when nothing is.</summary>
    public Task<ResidentExport?> ExportAsync(string residentId, CancellationToken cancellationToken = default) =>
        store.ExportAsync(residentId, clock.GetUtcNow(), cancellationToken);

    /// <summary>The export as a JSON document, or null when nothing is stored.</summary>
    public async Task<string?> ExportJsonAsync(string residentId, CancellationToken cancellationToken = default) =>
        await ExportAsync(residentId, cancellationToken).ConfigureAwait(false) is { } export ? JsonSerializer.Serialize(export, Json) : null;

    /// <summary>Removes or anonymises all of the resident's data, at once.</summary>
    public Task<ErasureReport> EraseAsync(string residentId, CancellationToken cancellationToken = default) =>
        store.EraseAsync(residentId, cancellationToken);
}
