namespace VeerkrachtBot.Core.Evaluations;

/// <summary>What residents evaluate along.</summary>
public enum EvaluationSubject
{
    /// <summary>A meeting they attended ("Hoe was de bijeenkomst?"); the subject id is the meeting's id.</summary>
    Meeting,

    /// <summary>A closed poll ("Wat vind je van wat er nu gebeurt?"); the subject id is the poll's id.</summary>
    Poll,

    /// <summary>A status their idea reached; the subject id is <see cref="Evaluation.IdeaStatusSubject"/> (idea id and status).</summary>
    IdeaStatus,
}

/// <summary>
/// A resident's evaluation of a meeting, a closed poll or what happened with their idea: a score and an optional
/// comment (redacted before it is stored). Counted once per resident and subject: answering again replaces it.
/// </summary>
public sealed record Evaluation(string ResidentId, EvaluationSubject Subject, string SubjectId, string? NeighbourhoodId, int Score, string? Comment, DateTimeOffset AnsweredAt)
{
    /// <summary>Lowest score.</summary>
    public const int MinScore = 1;

    /// <summary>Highest score.</summary>
    public const int MaxScore = 5;

    /// <summary>Longest comment.</summary>
    public const int MaxCommentLength = 500;

    /// <summary>Longest subject id.</summary>
    public const int MaxSubjectIdLength = 100;

    /// <summary>The subject id of an idea's status: one evaluation per status the idea reaches.</summary>
    public static string IdeaStatusSubject(string ideaId, Ideas.IdeaStatus status) => $"{ideaId}:{status}";
}

/// <summary>How the bot knows a resident attended a meeting.</summary>
public enum AttendanceSource
{
    /// <summary>The resident, who had an RSVP "going", said so when asked after the meeting.</summary>
    Resident,

    /// <summary>The programme manager marked it.</summary>
    Organiser,
}

/// <summary>A resident who was at a meeting.</summary>
public sealed record MeetingAttendance(string MeetingId, string ResidentId, AttendanceSource Source, string MarkedBy, DateTimeOffset MarkedAt);
