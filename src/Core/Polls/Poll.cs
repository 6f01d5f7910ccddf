namespace VeerkrachtBot.Core.Polls;

/// <summary>Whether a poll takes answers.</summary>
public enum PollStatus
{
    /// <summary>Being prepared; residents do not see it.</summary>
    Draft,

    /// <summary>Takes answers between its opening and closing time.</summary>
    Open,

    /// <summary>Closed early or by time; answers are final.</summary>
    Closed,
}

/// <summary>A short poll on an agenda item of the neighbourhood agenda: a 1–5 answer and an optional comment.</summary>
public sealed record Poll(
    string Id,
    string AgendaItem,
    string Question,
    bool AllowComment,
    IReadOnlyList<string> NeighbourhoodIds,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    PollStatus Status,
    bool IsExample,
    string CreatedBy)
{
    /// <summary>Lowest answer.</summary>
    public const int MinScore = 1;

    /// <summary>Highest answer.</summary>
    public const int MaxScore = 5;

    /// <summary>Whether residents can answer at <paramref name="now"/>.</summary>
    public bool IsOpenAt(DateTimeOffset now) => Status == PollStatus.Open && OpensAt <= now && now < ClosesAt;
}

/// <summary>One resident's answer to a poll; changeable while the poll is open.</summary>
public sealed record PollResponse(string PollId, string ResidentId, string? NeighbourhoodId, int Score, string? Comment, DateTimeOffset RespondedAt);

/// <summary>How a poll was answered: the count per score and the average.</summary>
public sealed record PollResults(string PollId, IReadOnlyDictionary<int, int> CountByScore, int Responses, double? Average, int Comments);

/// <summary>Storage of polls and answers.</summary>
public interface IPollStore
{
    /// <summary>
    /// Stores a new poll and, for a real open one (not an example), an announcement to each resident of its
    /// neighbourhoods who asked for news (<see cref="Residents.ConsentKind.News"/>), due when it opens, in one transaction.
    /// </summary>
    Task AddAsync(Poll poll, CancellationToken cancellationToken = default);

    /// <summary>The poll, or null.</summary>
    Task<Poll?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Polls open at <paramref name="now"/> for a neighbourhood, closing soonest first.</summary>
    Task<IReadOnlyList<Poll>> OpenForAsync(string neighbourhoodId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Changes the status (open, close).</summary>
    Task SetStatusAsync(string pollId, PollStatus status, CancellationToken cancellationToken = default);

    /// <summary>Stores the resident's answer, replacing their earlier one; true when there was an earlier one.</summary>
    Task<bool> RespondAsync(PollResponse response, CancellationToken cancellationToken = default);

    /// <summary>The resident's answer, or null.</summary>
    Task<PollResponse?> GetResponseAsync(string pollId, string residentId, CancellationToken cancellationToken = default);

    /// <summary>The results so far.</summary>
    Task<PollResults> ResultsAsync(string pollId, CancellationToken cancellationToken = default);
}
