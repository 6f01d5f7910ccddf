using VeerkrachtBot.Core.Audit;

namespace VeerkrachtBot.Core.Ideas;

/// <summary>Storage of ideas, their themes and their status history.</summary>
public interface IIdeaStore
{
    /// <summary>
    /// Stores a new idea. <paramref name="sourceKey"/> identifies the message it came from (channel + activity
    /// id): a second delivery of the same message stores nothing and returns the first idea with
    /// <c>Created = false</c>.
    /// </summary>
    Task<(Idea Idea, bool Created)> AddAsync(Idea idea, string sourceKey, CancellationToken cancellationToken = default);

    /// <summary>Stores many ideas in batches (demo data, benchmarks). Duplicated source keys are skipped.</summary>
    Task<int> AddManyAsync(IEnumerable<(Idea Idea, string SourceKey)> ideas, CancellationToken cancellationToken = default);

    /// <summary>The idea, or null.</summary>
    Task<Idea?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>A resident's ideas, newest first.</summary>
    Task<IReadOnlyList<Idea>> ListByResidentAsync(string residentId, int max, CancellationToken cancellationToken = default);

    /// <summary>Replaces the themes (the resident confirmed or corrected them).</summary>
    Task SetThemesAsync(string ideaId, IReadOnlyList<ThemeScore> themes, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Sets the idea's neighbourhood (asked after the idea was stored).</summary>
    Task SetNeighbourhoodAsync(string ideaId, string neighbourhoodId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes the original text of all the resident's ideas (they withdrew their consent to keep it); returns how many.</summary>
    Task<int> ForgetOriginalTextsAsync(string residentId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records whether the resident may be contacted about the idea, and how.</summary>
    Task SetContactAsync(string ideaId, bool allowed, string? detail, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the status, appends it to the history, writes the audit entry and a notification to the idea's author
    /// (<see cref="Notifications.NotificationKind.IdeaStatus"/>, when the idea still has one), in one transaction.
    /// </summary>
    Task ChangeStatusAsync(string ideaId, IdeaStatusChange change, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The status history, oldest first.</summary>
    Task<IReadOnlyList<IdeaStatusChange>> HistoryAsync(string ideaId, CancellationToken cancellationToken = default);
}
