using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;

namespace VeerkrachtBot.Core.Privacy;

/// <summary>Everything stored about one resident, as they can download it.</summary>
public sealed record ResidentExport(
    DateTimeOffset ExportedAt,
    Resident Resident,
    IReadOnlyList<Consent> Consents,
    IReadOnlyList<ExportedIdea> Ideas,
    IReadOnlyList<ExportedRsvp> Rsvps,
    IReadOnlyList<PollResponse> PollAnswers)
{
    /// <summary>What other features keep about the resident (<see cref="IResidentDataPart"/>), by part name.</summary>
    public IReadOnlyDictionary<string, object?> Parts { get; init; } = new Dictionary<string, object?>();
}

/// <summary>An idea with its status history.</summary>
public sealed record ExportedIdea(Idea Idea, IReadOnlyList<IdeaStatusChange> History);

/// <summary>An RSVP with the meeting it is for.</summary>
public sealed record ExportedRsvp(Rsvp Rsvp, string MeetingTitle, DateTimeOffset MeetingStartsAt);

/// <summary>What an erasure removed or anonymised.</summary>
/// <param name="ResidentFound">False when there was nothing stored for this pseudonym.</param>
/// <param name="IdeasAnonymised">Ideas kept for the neighbourhood statistics (themes, sentiment, time) without text or author.</param>
/// <param name="RsvpsDeleted">RSVPs removed; freed places went to the waiting list.</param>
/// <param name="PollAnswersAnonymised">Poll scores kept for the results, without author or comment.</param>
/// <param name="ConsentsDeleted">Consent records removed.</param>
/// <param name="Promoted">Waiting residents who got a place that the erased resident held: to be told, like any promotion.</param>
/// <remarks>Each promoted resident gets a <see cref="Notifications.NotificationKind.WaitingListPromotion"/> notification, written in the erasure's transaction.</remarks>
public sealed record ErasureReport(bool ResidentFound, int IdeasAnonymised, int RsvpsDeleted, int PollAnswersAnonymised, int ConsentsDeleted, IReadOnlyList<Rsvp> Promoted)
{
    /// <summary>Rows removed per <see cref="IResidentDataPart"/>.</summary>
    public IReadOnlyDictionary<string, int> PartsErased { get; init; } = new Dictionary<string, int>();
}

/// <summary>Export and erasure across all of a resident's data.</summary>
public interface IResidentDataStore
{
    /// <summary>All rows that belong to the resident, or null when there is no such resident.</summary>
    Task<ResidentExport?> ExportAsync(string residentId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes or anonymises every row that belongs to the resident, in one transaction.</summary>
    Task<ErasureReport> EraseAsync(string residentId, CancellationToken cancellationToken = default);
}
