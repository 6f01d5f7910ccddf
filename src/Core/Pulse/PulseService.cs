using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Core.Pulse;

/// <summary>
/// The neighbourhood pulse ("buurtpeiling"): when to offer it, the answers, the voluntary background, and what the
/// programme manager sets (statements, period length, population). The offer rules: at most one offer per resident
/// and period (whatever the resident does with it); after a "no" none in that period nor the next; none to a resident
/// who answered already in the period (they took the pulse themselves) or who has no neighbourhood.
/// </summary>
public sealed class PulseService(IPulseStore store, IBackgroundStore background, NeighbourhoodCatalog neighbourhoods, TimeProvider clock)
{
    /// <summary>The actor of marks the resident makes themselves.</summary>
    public const string ResidentActor = "resident";

    /// <summary>The period the pulse is in now.</summary>
    public async Task<PulsePeriod> CurrentPeriodAsync(CancellationToken cancellationToken = default) =>
        PulsePeriod.Of(clock.GetUtcNow(), (await store.SettingsAsync(cancellationToken).ConfigureAwait(false)).PeriodLength);

    /// <summary>The settings.</summary>
    public Task<PulseSettings> SettingsAsync(CancellationToken cancellationToken = default) => store.SettingsAsync(cancellationToken);

    /// <summary>Every statement, in asking order.</summary>
    public Task<IReadOnlyList<PulseItem>> ItemsAsync(CancellationToken cancellationToken = default) => store.ItemsAsync(cancellationToken);

    /// <summary>The statements the pulse asks, in order.</summary>
    public async Task<IReadOnlyList<PulseItem>> ActiveItemsAsync(CancellationToken cancellationToken = default) =>
        (await store.ItemsAsync(cancellationToken).ConfigureAwait(false)).Where(i => i.Active).ToList();

    /// <summary>Whether the pulse may be offered to the resident now (see the class for the rules). Changes nothing.</summary>
    public async Task<bool> MayOfferAsync(string residentId, string? neighbourhoodId, CancellationToken cancellationToken = default)
    {
        if (neighbourhoods.Find(neighbourhoodId) is null || (await ActiveItemsAsync(cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            return false;
        }

        var period = await CurrentPeriodAsync(cancellationToken).ConfigureAwait(false);
        if (await store.GetOfferAsync(residentId, period.Key, cancellationToken).ConfigureAwait(false) is not null
            || (await store.AnswersAsync(residentId, period.Key, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return false;
        }

        return (await store.GetOfferAsync(residentId, period.Previous().Key, cancellationToken).ConfigureAwait(false))?.Outcome != PulseOfferOutcome.Declined;
    }

    /// <summary>Records that the pulse is offered now; false when it was offered in this period before (then do not show it).</summary>
    public async Task<bool> RecordOfferAsync(string residentId, CancellationToken cancellationToken = default)
    {
        var period = await CurrentPeriodAsync(cancellationToken).ConfigureAwait(false);
        return await store.RecordOfferAsync(residentId, period.Key, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the resident's yes or no to this period's pulse (a yes also when they start it themselves).</summary>
    public async Task DecideAsync(string residentId, bool accepted, CancellationToken cancellationToken = default)
    {
        var period = await CurrentPeriodAsync(cancellationToken).ConfigureAwait(false);
        await store.DecideOfferAsync(residentId, period.Key, accepted ? PulseOfferOutcome.Accepted : PulseOfferOutcome.Declined, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores the resident's answer to an active statement in the current period (null score: "weet ik niet"),
    /// replacing an earlier answer to it in this period; true when it replaced one.
    /// </summary>
    public async Task<bool> AnswerAsync(string residentId, string? neighbourhoodId, string itemKey, int? score, CancellationToken cancellationToken = default)
    {
        if (score is < PulseScale.Min or > PulseScale.Max)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"An answer is {PulseScale.Min} to {PulseScale.Max}, or don't know.");
        }

        if (!(await ActiveItemsAsync(cancellationToken).ConfigureAwait(false)).Any(i => i.Key == itemKey))
        {
            throw new RuleViolation(RuleCode.NotFound, $"There is no active pulse statement '{itemKey}'.");
        }

        var period = await CurrentPeriodAsync(cancellationToken).ConfigureAwait(false);
        return await store.AnswerAsync(new PulseAnswer(residentId, neighbourhoods.Find(neighbourhoodId)?.Id, period.Key, itemKey, score, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The resident's answers in the current period.</summary>
    public async Task<IReadOnlyList<PulseAnswer>> AnswersAsync(string residentId, CancellationToken cancellationToken = default) =>
        await store.AnswersAsync(residentId, (await CurrentPeriodAsync(cancellationToken).ConfigureAwait(false)).Key, cancellationToken).ConfigureAwait(false);

    /// <summary>What the resident told about themselves, or null.</summary>
    public Task<ResidentBackground?> BackgroundAsync(string residentId, CancellationToken cancellationToken = default) => background.GetAsync(residentId, cancellationToken);

    /// <summary>Whether the background questions were never offered to the resident (they are offered once, after the first pulse).</summary>
    public async Task<bool> MayOfferBackgroundAsync(string residentId, CancellationToken cancellationToken = default) =>
        (await background.GetAsync(residentId, cancellationToken).ConfigureAwait(false))?.OfferedAt is null;

    /// <summary>Remembers that the background questions were offered.</summary>
    public async Task RecordBackgroundOfferAsync(string residentId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var current = await background.GetAsync(residentId, cancellationToken).ConfigureAwait(false) ?? new ResidentBackground(residentId, null, null, null, null, now);
        await background.SaveAsync(current with { OfferedAt = current.OfferedAt ?? now, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets (or with null removes) one background answer; the value must be one of the question's bands.</summary>
    public async Task<ResidentBackground> SetBackgroundAsync(string residentId, BackgroundQuestion question, string? value, CancellationToken cancellationToken = default)
    {
        if (value is not null && !BackgroundBands.Of(question).Contains(value, StringComparer.Ordinal))
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"'{value}' is not an answer to {question}.");
        }

        var now = clock.GetUtcNow();
        var current = await background.GetAsync(residentId, cancellationToken).ConfigureAwait(false) ?? new ResidentBackground(residentId, null, null, null, now, now);
        var changed = current.With(question, value) with { OfferedAt = current.OfferedAt ?? now, UpdatedAt = now };
        await background.SaveAsync(changed, cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <summary>Removes all of the resident's background answers; true when there were any.</summary>
    public Task<bool> RemoveBackgroundAsync(string residentId, CancellationToken cancellationToken = default) =>
        background.RemoveAsync(residentId, clock.GetUtcNow(), cancellationToken);

    /// <summary>Changes a statement's wording, whether it is asked, and its place; audited with the change.</summary>
    public async Task<PulseItem> UpdateItemAsync(string key, string textNl, string textEn, bool active, int order, string manager, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manager);
        textNl = textNl?.Trim() ?? "";
        textEn = textEn?.Trim() ?? "";
        if (textNl.Length == 0 || textEn.Length == 0 || textNl.Length > PulseItem.MaxTextLength || textEn.Length > PulseItem.MaxTextLength)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A statement needs Dutch and English wording of at most {PulseItem.MaxTextLength} characters.");
        }

        if (order is < 0 or > 1000)
        {
            throw new RuleViolation(RuleCode.InvalidInput, "The order is a number from 0 to 1000.");
        }

        var item = new PulseItem(key, textNl, textEn, active, order);
        var details = System.Text.Json.JsonSerializer.Serialize(new { nl = textNl, en = textEn, active, order });
        if (!await store.SaveItemAsync(item, AuditEntry.Create(clock.GetUtcNow(), manager, "pulse.item.update", "pulse_item", key, details), cancellationToken).ConfigureAwait(false))
        {
            throw new RuleViolation(RuleCode.NotFound, $"There is no pulse statement '{key}'.");
        }

        return item;
    }

    /// <summary>Changes the period length; audited.</summary>
    public Task SetPeriodLengthAsync(PulsePeriodLength length, string manager, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manager);
        if (!Enum.IsDefined(length))
        {
            throw new RuleViolation(RuleCode.InvalidInput, "Unknown period length.");
        }

        return store.SaveSettingsAsync(new PulseSettings(length), AuditEntry.Create(clock.GetUtcNow(), manager, "pulse.settings.update", "pulse_settings", "pulse", length.ToString()), cancellationToken);
    }

    /// <summary>The population figures of a neighbourhood (all when null).</summary>
    public Task<IReadOnlyList<PopulationFigure>> PopulationAsync(string? neighbourhoodId = null, CancellationToken cancellationToken = default) =>
        background.PopulationAsync(neighbourhoodId, cancellationToken);

    /// <summary>Stores the population of a neighbourhood per age band (bands left out stay as they were); audited.</summary>
    public async Task SavePopulationAsync(string neighbourhoodId, IReadOnlyDictionary<string, int> byAgeBand, string source, string manager, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manager);
        var neighbourhood = neighbourhoods.Require(neighbourhoodId);
        source = source?.Trim() ?? "";
        if (source.Length == 0 || source.Length > PopulationFigure.MaxSourceLength)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"Say where the figures come from (e.g. CBS 2025), in at most {PopulationFigure.MaxSourceLength} characters.");
        }

        if (byAgeBand.Count == 0)
        {
            throw new RuleViolation(RuleCode.InvalidInput, "Enter at least one age band.");
        }

        foreach (var (band, population) in byAgeBand)
        {
            if (!BackgroundBands.AgeBands.Contains(band, StringComparer.Ordinal))
            {
                throw new RuleViolation(RuleCode.InvalidInput, $"'{band}' is not an age band.");
            }

            if (population is < 0 or > PopulationFigure.MaxPopulation)
            {
                throw new RuleViolation(RuleCode.InvalidInput, $"A population is a whole number from 0 to {PopulationFigure.MaxPopulation:N0}.");
            }
        }

        var now = clock.GetUtcNow();
        var figures = byAgeBand.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new PopulationFigure(neighbourhood.Id, b.Key, b.Value, source, manager, now)).ToList();
        var details = System.Text.Json.JsonSerializer.Serialize(new { source, bands = figures.ToDictionary(f => f.AgeBand, f => f.Population) });
        await background.SavePopulationAsync(figures, AuditEntry.Create(now, manager, "pulse.population.update", "neighbourhood", neighbourhood.Id, details), cancellationToken).ConfigureAwait(false);
    }
}
