using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Privacy;

namespace VeerkrachtBot.Core.Evaluations;

/// <summary>
/// Residents evaluate along: a meeting they went to, a closed poll of their neighbourhood, a status their idea reached.
/// What a button names comes from the client, so each subject is checked against the resident before anything is stored.
/// </summary>
public sealed class EvaluationService(IEvaluationStore store, IMeetingStore meetings, IPollStore polls, IIdeaStore ideas, TimeProvider clock)
{
    /// <summary>How long after a meeting's end its attendees are still asked (a bot that was down catches up within it).</summary>
    public static readonly TimeSpan AskWithin = TimeSpan.FromDays(7);

    /// <summary>
    /// Whether the resident can evaluate the subject now: a meeting that ended, for which they had a confirmed place or
    /// were marked present; a closed poll of their neighbourhood; a status their own idea is in.
    /// </summary>
    public async Task<bool> MayEvaluateAsync(string residentId, string? neighbourhoodId, EvaluationSubject subject, string subjectId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        switch (subject)
        {
            case EvaluationSubject.Meeting:
                if (await meetings.GetAsync(subjectId, cancellationToken).ConfigureAwait(false) is not { IsExample: false } meeting || meeting.EndsAt > now)
                {
                    return false;
                }

                return (await meetings.GetRsvpAsync(meeting.Id, residentId, cancellationToken).ConfigureAwait(false))?.Status == RsvpStatus.Confirmed
                    || (await store.AttendanceAsync(meeting.Id, cancellationToken).ConfigureAwait(false)).Any(a => a.ResidentId == residentId);
            case EvaluationSubject.Poll:
                return await polls.GetAsync(subjectId, cancellationToken).ConfigureAwait(false) is { IsExample: false } poll && !poll.IsOpenAt(now) && poll.OpensAt <= now
                    && neighbourhoodId is not null && poll.NeighbourhoodIds.Contains(neighbourhoodId, StringComparer.OrdinalIgnoreCase);
            case EvaluationSubject.IdeaStatus:
                var separator = subjectId.LastIndexOf(':');
                return separator > 0 && Enum.TryParse<IdeaStatus>(subjectId[(separator + 1)..], ignoreCase: false, out var status)
                    && await ideas.GetAsync(subjectId[..separator], cancellationToken).ConfigureAwait(false) is { } idea
                    && idea.ResidentId == residentId && idea.Status == status;
            default:
                return false;
        }
    }

    /// <summary>The resident's evaluation of the subject, or null.</summary>
    public Task<Evaluation?> OfAsync(string residentId, EvaluationSubject subject, string subjectId, CancellationToken cancellationToken = default) =>
        store.GetAsync(residentId, subject, subjectId, cancellationToken);

    /// <summary>
    /// Stores the resident's score (and comment, with personal data taken out) of a subject they may evaluate; for a
    /// meeting, the answer also says they were there. Counted once: answering again replaces it; true when it did.
    /// </summary>
    public async Task<bool> EvaluateAsync(string residentId, string? neighbourhoodId, EvaluationSubject subject, string subjectId, int score, string? comment,
        CancellationToken cancellationToken = default)
    {
        if (score is < Evaluation.MinScore or > Evaluation.MaxScore)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A score is {Evaluation.MinScore} to {Evaluation.MaxScore}.");
        }

        if (!await MayEvaluateAsync(residentId, neighbourhoodId, subject, subjectId, cancellationToken).ConfigureAwait(false))
        {
            throw new RuleViolation(RuleCode.NotFound, "There is nothing of this resident to evaluate here.");
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : PersonalDataRedactor.Redact(comment.Trim()).Text;
        if (comment?.Length > Evaluation.MaxCommentLength)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A comment is at most {Evaluation.MaxCommentLength} characters.");
        }

        var now = clock.GetUtcNow();
        if (subject == EvaluationSubject.Meeting)
        {
            await store.MarkAttendanceAsync(new MeetingAttendance(subjectId, residentId, AttendanceSource.Resident, Pulse.PulseService.ResidentActor, now), cancellationToken).ConfigureAwait(false);
        }

        return await store.SaveAsync(new Evaluation(residentId, subject, subjectId, neighbourhoodId, score, comment, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a comment to the resident's evaluation of the subject (redacted); false when there is no evaluation to add it to.</summary>
    public async Task<bool> CommentAsync(string residentId, EvaluationSubject subject, string subjectId, string comment, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(residentId, subject, subjectId, cancellationToken).ConfigureAwait(false) is not { } evaluation)
        {
            return false;
        }

        await EvaluateAsync(residentId, evaluation.NeighbourhoodId, subject, subjectId, evaluation.Score, comment, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Asks the attendees of meetings that ended (within <see cref="AskWithin"/>) how it was, once per meeting; returns the questions enqueued.</summary>
    public Task<int> InviteAfterMeetingsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return store.InviteAfterMeetingsAsync(now - AskWithin, now, cancellationToken);
    }

    /// <summary>
    /// Sends the residents who answered a poll that closed (within <see cref="AskWithin"/>) its outcome and the question
    /// what they think of what happens now, once per poll and resident; returns the messages enqueued.
    /// </summary>
    public Task<int> InviteAfterPollsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return store.InviteAfterPollsAsync(now - AskWithin, now, cancellationToken);
    }
}
