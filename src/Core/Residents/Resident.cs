namespace VeerkrachtBot.Core.Residents;

/// <summary>
/// A resident, known only by a pseudonym: a keyed hash of channel and user id. No name, no channel user id.
/// </summary>
public sealed record Resident(
    string Id,
    string ChannelId,
    ResidentLanguage? Language,
    string? NeighbourhoodId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt);

/// <summary>What a resident can agree to, and withdraw at any time.</summary>
public enum ConsentKind
{
    /// <summary>Keep the original text of my messages (otherwise only the redacted text is kept).</summary>
    KeepOriginalText,

    /// <summary>A professional may contact me about my idea.</summary>
    Contact,

    /// <summary>Send me news about my neighbourhood: a message when a meeting is planned or a poll opens there.</summary>
    News,
}

/// <summary>One consent given, and when it was withdrawn (if it was).</summary>
public sealed record Consent(ConsentKind Kind, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt)
{
    /// <summary>Whether the consent is in force.</summary>
    public bool IsActive => WithdrawnAt is null;
}

/// <summary>Storage of residents and their consents.</summary>
public interface IResidentStore
{
    /// <summary>Returns the resident, creating them on first contact; updates the last-seen time.</summary>
    Task<Resident> TouchAsync(string id, string channelId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The resident, or null.</summary>
    Task<Resident?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Stores the preferred language.</summary>
    Task SetLanguageAsync(string id, ResidentLanguage language, CancellationToken cancellationToken = default);

    /// <summary>Stores the resident's neighbourhood.</summary>
    Task SetNeighbourhoodAsync(string id, string neighbourhoodId, CancellationToken cancellationToken = default);

    /// <summary>Records a consent (a no-op when the same consent is already active).</summary>
    Task GiveConsentAsync(string id, ConsentKind kind, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Withdraws an active consent; its history stays. False when none was in force.</summary>
    Task<bool> WithdrawConsentAsync(string id, ConsentKind kind, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>All consents ever given, oldest first.</summary>
    Task<IReadOnlyList<Consent>> ConsentsAsync(string id, CancellationToken cancellationToken = default);
}
