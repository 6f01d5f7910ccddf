using System.Data.Common;
using Dapper;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Pulse;

/// <summary>Storage of residents' voluntary background and of the population per neighbourhood and age band.</summary>
public interface IBackgroundStore
{
    /// <summary>The resident's background, or null when nothing was ever stored.</summary>
    Task<ResidentBackground?> GetAsync(string residentId, CancellationToken cancellationToken = default);

    /// <summary>Stores the resident's background as given (replacing what was stored).</summary>
    Task SaveAsync(ResidentBackground background, CancellationToken cancellationToken = default);

    /// <summary>Removes everything stored about the resident's background (the offer stays remembered as made); true when there was something.</summary>
    Task<bool> RemoveAsync(string residentId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The population figures of a neighbourhood (all neighbourhoods when null), by neighbourhood and age band.</summary>
    Task<IReadOnlyList<PopulationFigure>> PopulationAsync(string? neighbourhoodId = null, CancellationToken cancellationToken = default);

    /// <summary>Stores population figures (replacing those of the same neighbourhood and band) with the audit entry, in one transaction.</summary>
    Task SavePopulationAsync(IReadOnlyList<PopulationFigure> figures, AuditEntry audit, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IBackgroundStore"/> on the shared database; the background's part of a resident's data.</summary>
public sealed class SqlBackgroundStore(IDatabase database) : IBackgroundStore, IResidentDataPart
{
    internal const string SelectBackground = """
        SELECT resident_id AS ResidentId, age_band AS AgeBand, years_band AS YearsBand, household AS Household, offered_at AS OfferedAt, updated_at AS UpdatedAt
        FROM resident_background WHERE resident_id = @residentId
        """;

    internal const string SqliteUpsertBackground = """
        INSERT INTO resident_background (resident_id, age_band, years_band, household, offered_at, updated_at)
        VALUES (@ResidentId, @AgeBand, @YearsBand, @Household, @OfferedAt, @UpdatedAt)
        ON CONFLICT (resident_id) DO UPDATE SET age_band = excluded.age_band, years_band = excluded.years_band, household = excluded.household,
            offered_at = excluded.offered_at, updated_at = excluded.updated_at
        """;

    internal const string SqlServerUpsertBackground = """
        MERGE resident_background WITH (HOLDLOCK) AS target
        USING (SELECT @ResidentId AS resident_id) AS source ON target.resident_id = source.resident_id
        WHEN MATCHED THEN UPDATE SET age_band = @AgeBand, years_band = @YearsBand, household = @Household, offered_at = @OfferedAt, updated_at = @UpdatedAt
        WHEN NOT MATCHED THEN INSERT (resident_id, age_band, years_band, household, offered_at, updated_at)
            VALUES (@ResidentId, @AgeBand, @YearsBand, @Household, @OfferedAt, @UpdatedAt);
        """;

    // "Remove my answers" keeps the row without answers: the questions were offered once, and are not offered again.
    internal const string ClearBackground = """
        UPDATE resident_background SET age_band = NULL, years_band = NULL, household = NULL, updated_at = @at
        WHERE resident_id = @residentId AND (age_band IS NOT NULL OR years_band IS NOT NULL OR household IS NOT NULL)
        """;

    internal const string DeleteBackground = "DELETE FROM resident_background WHERE resident_id = @residentId";

    internal const string SelectPopulation = """
        SELECT neighbourhood_id AS NeighbourhoodId, age_band AS AgeBand, population AS Population, source AS Source, entered_by AS EnteredBy, entered_at AS EnteredAt
        FROM neighbourhood_population WHERE @neighbourhoodId IS NULL OR neighbourhood_id = @neighbourhoodId ORDER BY neighbourhood_id, age_band
        """;

    internal const string SqliteUpsertPopulation = """
        INSERT INTO neighbourhood_population (neighbourhood_id, age_band, population, source, entered_by, entered_at)
        VALUES (@NeighbourhoodId, @AgeBand, @Population, @Source, @EnteredBy, @EnteredAt)
        ON CONFLICT (neighbourhood_id, age_band) DO UPDATE SET population = excluded.population, source = excluded.source,
            entered_by = excluded.entered_by, entered_at = excluded.entered_at
        """;

    internal const string SqlServerUpsertPopulation = """
        MERGE neighbourhood_population WITH (HOLDLOCK) AS target
        USING (SELECT @NeighbourhoodId AS neighbourhood_id, @AgeBand AS age_band) AS source
            ON target.neighbourhood_id = source.neighbourhood_id AND target.age_band = source.age_band
        WHEN MATCHED THEN UPDATE SET population = @Population, source = @Source, entered_by = @EnteredBy, entered_at = @EnteredAt
        WHEN NOT MATCHED THEN INSERT (neighbourhood_id, age_band, population, source, entered_by, entered_at)
            VALUES (@NeighbourhoodId, @AgeBand, @Population, @Source, @EnteredBy, @EnteredAt);
        """;

    /// <inheritdoc />
    public string Name => "background";

    /// <inheritdoc />
    public async Task<ResidentBackground?> GetAsync(string residentId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<BackgroundRow>(SelectBackground, new { residentId }), cancellationToken).ConfigureAwait(false))?.ToBackground();

    /// <inheritdoc />
    public Task SaveAsync(ResidentBackground background, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(database.Pick(SqliteUpsertBackground, SqlServerUpsertBackground), new
        {
            background.ResidentId, background.AgeBand, background.YearsBand, background.Household, OfferedAt = background.OfferedAt?.Ms(), UpdatedAt = background.UpdatedAt.Ms(),
        }, transaction), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string residentId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(ClearBackground, new { residentId, at = at.Ms() }, transaction), cancellationToken).ConfigureAwait(false) > 0;

    /// <inheritdoc />
    public async Task<IReadOnlyList<PopulationFigure>> PopulationAsync(string? neighbourhoodId = null, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(string NeighbourhoodId, string AgeBand, long Population, string Source, string EnteredBy, long EnteredAt)>(
            SelectPopulation, new { neighbourhoodId }), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new PopulationFigure(r.NeighbourhoodId, r.AgeBand, (int)r.Population, r.Source, r.EnteredBy, UnixTime.At(r.EnteredAt))).ToList();
    }

    /// <inheritdoc />
    public Task SavePopulationAsync(IReadOnlyList<PopulationFigure> figures, AuditEntry audit, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            foreach (var figure in figures)
            {
                await connection.ExecuteAsync(database.Pick(SqliteUpsertPopulation, SqlServerUpsertPopulation), new
                {
                    figure.NeighbourhoodId, figure.AgeBand, figure.Population, figure.Source, figure.EnteredBy, EnteredAt = figure.EnteredAt.Ms(),
                }, transaction).ConfigureAwait(false);
            }

            await SqlAuditLog.AppendAsync(connection, transaction, audit).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<object?> ExportAsync(DbConnection connection, string residentId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<BackgroundRow>(SelectBackground, new { residentId }).ConfigureAwait(false))?.ToBackground();

    /// <inheritdoc />
    public Task<int> EraseAsync(DbConnection connection, DbTransaction transaction, string residentId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(DeleteBackground, new { residentId }, transaction);

    private sealed class BackgroundRow
    {
        public string ResidentId { get; set; } = "";
        public string? AgeBand { get; set; }
        public string? YearsBand { get; set; }
        public string? Household { get; set; }
        public long? OfferedAt { get; set; }
        public long UpdatedAt { get; set; }

        public ResidentBackground ToBackground() => new(ResidentId, AgeBand, YearsBand, Household, UnixTime.At(OfferedAt), UnixTime.At(UpdatedAt));
    }
}
