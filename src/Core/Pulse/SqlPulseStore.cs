using System.Data.Common;
using Dapper;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Pulse;

/// <summary>Storage of the pulse: statements, settings, answers and offers.</summary>
public interface IPulseStore
{
    /// <summary>Every statement (active or not), in asking order.</summary>
    Task<IReadOnlyList<PulseItem>> ItemsAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes an existing statement (wording, active, order) with its audit entry, in one transaction; false when there is no such key.</summary>
    Task<bool> SaveItemAsync(PulseItem item, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The settings (the seeded default until the programme manager changes them).</summary>
    Task<PulseSettings> SettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes the settings with their audit entry, in one transaction.</summary>
    Task SaveSettingsAsync(PulseSettings settings, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Stores an answer, replacing the resident's earlier answer to the statement in that period; true when it replaced one.</summary>
    Task<bool> AnswerAsync(PulseAnswer answer, CancellationToken cancellationToken = default);

    /// <summary>The resident's answers in a period.</summary>
    Task<IReadOnlyList<PulseAnswer>> AnswersAsync(string residentId, string period, CancellationToken cancellationToken = default);

    /// <summary>Records that the pulse was offered in a period (outcome <see cref="PulseOfferOutcome.Ignored"/> until the resident chooses); false when it was offered in that period before.</summary>
    Task<bool> RecordOfferAsync(string residentId, string period, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records the resident's choice on the offer of a period (also when they started the pulse themselves, without an offer).</summary>
    Task DecideOfferAsync(string residentId, string period, PulseOfferOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The offer of a period, or null.</summary>
    Task<PulseOffer?> GetOfferAsync(string residentId, string period, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IPulseStore"/> on the shared database; the pulse's part of a resident's data.</summary>
public sealed class SqlPulseStore(IDatabase database) : IPulseStore, IResidentDataPart
{
    internal const string SelectItems = """
        SELECT item_key AS ItemKey, text_nl AS TextNl, text_en AS TextEn, active AS Active, sort_order AS SortOrder
        FROM pulse_items ORDER BY sort_order, item_key
        """;

    internal const string UpdateItem = """
        UPDATE pulse_items SET text_nl = @TextNl, text_en = @TextEn, active = @Active, sort_order = @Order, updated_by = @By, updated_at = @At
        WHERE item_key = @Key
        """;

    internal const string SelectSettings = "SELECT period_length FROM pulse_settings WHERE setting_key = 'pulse'";

    internal const string UpdateSettings = "UPDATE pulse_settings SET period_length = @PeriodLength, updated_by = @By, updated_at = @At WHERE setting_key = 'pulse'";

    internal const string SqliteAnswerExists = "SELECT COUNT(*) FROM pulse_responses WHERE resident_id = @ResidentId AND period = @Period AND item_key = @ItemKey";

    // Inside BEGIN IMMEDIATE (the file's one write lock) nothing comes between the check above and this.
    internal const string SqliteUpsertAnswer = """
        INSERT INTO pulse_responses (id, resident_id, neighbourhood_id, period, item_key, score, answered_at)
        VALUES (@Id, @ResidentId, @NeighbourhoodId, @Period, @ItemKey, @Score, @AnsweredAt)
        ON CONFLICT (resident_id, period, item_key) WHERE resident_id IS NOT NULL
        DO UPDATE SET score = excluded.score, neighbourhood_id = excluded.neighbourhood_id, answered_at = excluded.answered_at
        """;

    // One statement with a key-range lock: a double click gives one row and one update, never a unique-index error.
    internal const string SqlServerUpsertAnswer = """
        MERGE pulse_responses WITH (HOLDLOCK) AS target
        USING (SELECT @ResidentId AS resident_id, @Period AS period, @ItemKey AS item_key) AS source
            ON target.resident_id = source.resident_id AND target.period = source.period AND target.item_key = source.item_key
        WHEN MATCHED THEN UPDATE SET score = @Score, neighbourhood_id = @NeighbourhoodId, answered_at = @AnsweredAt
        WHEN NOT MATCHED THEN INSERT (id, resident_id, neighbourhood_id, period, item_key, score, answered_at)
            VALUES (@Id, @ResidentId, @NeighbourhoodId, @Period, @ItemKey, @Score, @AnsweredAt)
        OUTPUT $action;
        """;

    internal const string SelectAnswers = """
        SELECT resident_id AS ResidentId, neighbourhood_id AS NeighbourhoodId, period AS Period, item_key AS ItemKey, score AS Score, answered_at AS AnsweredAt
        FROM pulse_responses WHERE resident_id = @residentId AND period = @period ORDER BY answered_at, item_key
        """;

    internal const string SqliteInsertOffer = """
        INSERT INTO pulse_offers (resident_id, period, offered_at, outcome, decided_at) VALUES (@residentId, @period, @at, 'Ignored', NULL)
        ON CONFLICT (resident_id, period) DO NOTHING
        """;

    internal const string SqlServerInsertOffer = """
        INSERT INTO pulse_offers (resident_id, period, offered_at, outcome, decided_at)
        SELECT @residentId, @period, @at, 'Ignored', NULL
        WHERE NOT EXISTS (SELECT 1 FROM pulse_offers WITH (UPDLOCK, HOLDLOCK) WHERE resident_id = @residentId AND period = @period)
        """;

    internal const string SqliteDecideOffer = """
        INSERT INTO pulse_offers (resident_id, period, offered_at, outcome, decided_at) VALUES (@residentId, @period, @at, @outcome, @at)
        ON CONFLICT (resident_id, period) DO UPDATE SET outcome = excluded.outcome, decided_at = excluded.decided_at
        """;

    internal const string SqlServerDecideOffer = """
        MERGE pulse_offers WITH (HOLDLOCK) AS target
        USING (SELECT @residentId AS resident_id, @period AS period) AS source
            ON target.resident_id = source.resident_id AND target.period = source.period
        WHEN MATCHED THEN UPDATE SET outcome = @outcome, decided_at = @at
        WHEN NOT MATCHED THEN INSERT (resident_id, period, offered_at, outcome, decided_at) VALUES (@residentId, @period, @at, @outcome, @at);
        """;

    internal const string SelectOffer = """
        SELECT resident_id AS ResidentId, period AS Period, offered_at AS OfferedAt, outcome AS Outcome, decided_at AS DecidedAt
        FROM pulse_offers WHERE resident_id = @residentId AND period = @period
        """;

    internal const string SelectOffersOfResident = """
        SELECT resident_id AS ResidentId, period AS Period, offered_at AS OfferedAt, outcome AS Outcome, decided_at AS DecidedAt
        FROM pulse_offers WHERE resident_id = @residentId ORDER BY offered_at
        """;

    internal const string SelectAnswersOfResident = """
        SELECT resident_id AS ResidentId, neighbourhood_id AS NeighbourhoodId, period AS Period, item_key AS ItemKey, score AS Score, answered_at AS AnsweredAt
        FROM pulse_responses WHERE resident_id = @residentId ORDER BY answered_at, item_key
        """;

    // Scores stay for the neighbourhood's figures without their author, as poll answers do; the offers go.
    internal const string AnonymiseAnswers = "UPDATE pulse_responses SET resident_id = NULL WHERE resident_id = @residentId";

    internal const string DeleteOffers = "DELETE FROM pulse_offers WHERE resident_id = @residentId";

    /// <inheritdoc />
    public string Name => "pulse";

    /// <inheritdoc />
    public async Task<IReadOnlyList<PulseItem>> ItemsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(string ItemKey, string TextNl, string TextEn, bool Active, long SortOrder)>(SelectItems), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new PulseItem(r.ItemKey, r.TextNl, r.TextEn, r.Active, (int)r.SortOrder)).ToList();
    }

    /// <inheritdoc />
    public Task<bool> SaveItemAsync(PulseItem item, AuditEntry audit, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(UpdateItem, new { item.Key, item.TextNl, item.TextEn, item.Active, item.Order, By = audit.Actor, At = audit.At.Ms() }, transaction).ConfigureAwait(false);
            if (changed == 0)
            {
                return false;
            }

            await SqlAuditLog.AppendAsync(connection, transaction, audit).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<PulseSettings> SettingsAsync(CancellationToken cancellationToken = default)
    {
        var length = await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string>(SelectSettings), cancellationToken).ConfigureAwait(false);
        return Enum.TryParse<PulsePeriodLength>(length, out var parsed) ? new PulseSettings(parsed) : PulseSettings.Default;
    }

    /// <inheritdoc />
    public Task SaveSettingsAsync(PulseSettings settings, AuditEntry audit, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(UpdateSettings, new { PeriodLength = settings.PeriodLength.ToString(), By = audit.Actor, At = audit.At.Ms() }, transaction).ConfigureAwait(false);
            await SqlAuditLog.AppendAsync(connection, transaction, audit).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AnswerAsync(PulseAnswer answer, CancellationToken cancellationToken = default)
    {
        var row = new { Id = Ids.New(), answer.ResidentId, answer.NeighbourhoodId, answer.Period, answer.ItemKey, answer.Score, AnsweredAt = answer.AnsweredAt.Ms() };
        return database.WriteAsync(async (connection, transaction) =>
        {
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                return await connection.ExecuteScalarAsync<string>(SqlServerUpsertAnswer, row, transaction).ConfigureAwait(false) == "UPDATE";
            }

            var existed = await connection.ExecuteScalarAsync<long>(SqliteAnswerExists, row, transaction).ConfigureAwait(false) > 0;
            await connection.ExecuteAsync(SqliteUpsertAnswer, row, transaction).ConfigureAwait(false);
            return existed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PulseAnswer>> AnswersAsync(string residentId, string period, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QueryAsync<AnswerRow>(SelectAnswers, new { residentId, period }), cancellationToken).ConfigureAwait(false))
            .Select(r => r.ToAnswer()).ToList();

    /// <inheritdoc />
    public Task<bool> RecordOfferAsync(string residentId, string period, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(database.Pick(SqliteInsertOffer, SqlServerInsertOffer), new { residentId, period, at = at.Ms() }, transaction).ConfigureAwait(false) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task DecideOfferAsync(string residentId, string period, PulseOfferOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
            connection.ExecuteAsync(database.Pick(SqliteDecideOffer, SqlServerDecideOffer), new { residentId, period, outcome = outcome.ToString(), at = at.Ms() }, transaction),
            cancellationToken);

    /// <inheritdoc />
    public async Task<PulseOffer?> GetOfferAsync(string residentId, string period, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<OfferRow>(SelectOffer, new { residentId, period }), cancellationToken).ConfigureAwait(false))?.ToOffer();

    /// <inheritdoc />
    public async Task<object?> ExportAsync(DbConnection connection, string residentId, CancellationToken cancellationToken)
    {
        var answers = (await connection.QueryAsync<AnswerRow>(SelectAnswersOfResident, new { residentId }).ConfigureAwait(false)).Select(r => r.ToAnswer()).ToList();
        var offers = (await connection.QueryAsync<OfferRow>(SelectOffersOfResident, new { residentId }).ConfigureAwait(false)).Select(r => r.ToOffer()).ToList();
        return answers.Count == 0 && offers.Count == 0 ? null : new ExportedPulse(answers, offers);
    }

    /// <inheritdoc />
    public async Task<int> EraseAsync(DbConnection connection, DbTransaction transaction, string residentId, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(AnonymiseAnswers, new { residentId }, transaction).ConfigureAwait(false)
        + await connection.ExecuteAsync(DeleteOffers, new { residentId }, transaction).ConfigureAwait(false);

    /// <summary>A resident's pulse answers and offers, as their export shows them.</summary>
    public sealed record ExportedPulse(IReadOnlyList<PulseAnswer> Answers, IReadOnlyList<PulseOffer> Offers);

    private sealed class AnswerRow
    {
        public string ResidentId { get; set; } = "";
        public string? NeighbourhoodId { get; set; }
        public string Period { get; set; } = "";
        public string ItemKey { get; set; } = "";
        public int? Score { get; set; }
        public long AnsweredAt { get; set; }

        public PulseAnswer ToAnswer() => new(ResidentId, NeighbourhoodId, Period, ItemKey, Score, UnixTime.At(AnsweredAt));
    }

    private sealed class OfferRow
    {
        public string ResidentId { get; set; } = "";
        public string Period { get; set; } = "";
        public long OfferedAt { get; set; }
        public string Outcome { get; set; } = "";
        public long? DecidedAt { get; set; }

        public PulseOffer ToOffer() => new(ResidentId, Period, UnixTime.At(OfferedAt), Enum.Parse<PulseOfferOutcome>(Outcome), UnixTime.At(DecidedAt));
    }
}
