using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Core.Residents;

/// <summary>Who a resident is (by pseudonym), their language, neighbourhood and consents.</summary>
public sealed class ResidentService(IResidentStore store, ResidentPseudonyms pseudonyms, NeighbourhoodCatalog neighbourhoods, TimeProvider clock)
{
    /// <summary>The resident behind a channel user, created on first contact.</summary>
    public async Task<Resident> IdentifyAsync(string channelId, string userId, CancellationToken cancellationToken = default)
    {
        var id = await pseudonyms.ForAsync(channelId, userId, cancellationToken).ConfigureAwait(false);
        return await store.TouchAsync(id, channelId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The resident behind a channel user, or null when they never wrote (nothing is created).</summary>
    public async Task<Resident?> FindAsync(string channelId, string userId, CancellationToken cancellationToken = default) =>
        await store.FindAsync(await pseudonyms.ForAsync(channelId, userId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>All consents of the resident, oldest first.</summary>
    public Task<IReadOnlyList<Consent>> ConsentsAsync(string residentId, CancellationToken cancellationToken = default) =>
        store.ConsentsAsync(residentId, cancellationToken);

    /// <summary>Remembers the resident's neighbourhood (asked once).</summary>
    public Task ChooseNeighbourhoodAsync(string residentId, string neighbourhoodId, CancellationToken cancellationToken = default) =>
        store.SetNeighbourhoodAsync(residentId, neighbourhoods.Require(neighbourhoodId).Id, cancellationToken);

    /// <summary>Remembers the language the resident chose.</summary>
    public Task ChooseLanguageAsync(string residentId, ResidentLanguage language, CancellationToken cancellationToken = default) =>
        store.SetLanguageAsync(residentId, language, cancellationToken);

    /// <summary>Records a consent with its time.</summary>
    public Task GiveConsentAsync(string residentId, ConsentKind kind, CancellationToken cancellationToken = default) =>
        store.GiveConsentAsync(residentId, kind, clock.GetUtcNow(), cancellationToken);

    /// <summary>Withdraws a consent that is in force; possible at any time. A consent that is not in force is a <see cref="RuleCode.ConsentNotGiven"/>.</summary>
    public async Task WithdrawConsentAsync(string residentId, ConsentKind kind, CancellationToken cancellationToken = default)
    {
        if (!await store.WithdrawConsentAsync(residentId, kind, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            throw new RuleViolation(RuleCode.ConsentNotGiven, $"The resident has no {kind} consent in force.");
        }
    }

    /// <summary>Whether the consent is in force now.</summary>
    public async Task<bool> HasConsentAsync(string residentId, ConsentKind kind, CancellationToken cancellationToken = default) =>
        (await store.ConsentsAsync(residentId, cancellationToken).ConfigureAwait(false)).Any(c => c.Kind == kind && c.IsActive);
}
