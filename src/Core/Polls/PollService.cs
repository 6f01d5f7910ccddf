using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Core.Polls;

/// <summary>The programme manager runs polls on agenda items; residents answer them.</summary>
public sealed class PollService(IPollStore store, IAuditLog audit, NeighbourhoodCatalog neighbourhoods, TimeProvider clock)
{
    /// <summary>Longest comment a resident can add.</summary>
    public const int MaxCommentLength = 500;

    /// <summary>Creates an open poll for the given neighbourhoods; audited.</summary>
    public async Task<Poll> CreateAsync(string agendaItem, string question, bool allowComment, IReadOnlyList<string> neighbourhoodIds,
        DateTimeOffset opensAt, DateTimeOffset closesAt, string manager, bool isExample = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agendaItem);
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        if (closesAt <= opensAt)
        {
            throw new RuleViolation(RuleCode.InvalidInput, "A poll must close after it opens.");
        }

        if (neighbourhoodIds.Count == 0)
        {
            throw new RuleViolation(RuleCode.InvalidInput, "A poll needs at least one neighbourhood.");
        }

        var poll = new Poll(Ids.New(), agendaItem.Trim(), question.Trim(), allowComment, neighbourhoodIds.Select(id => neighbourhoods.Require(id).Id).ToList(),
            opensAt, closesAt, PollStatus.Open, isExample, manager);
        await store.AddAsync(poll, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), manager, "poll.create", "poll", poll.Id, poll.Question), cancellationToken).ConfigureAwait(false);
        return poll;
    }

    /// <summary>Closes a poll early; audited.</summary>
    public async Task CloseAsync(string pollId, string manager, CancellationToken cancellationToken = default)
    {
        await store.SetStatusAsync(pollId, PollStatus.Closed, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), manager, "poll.close", "poll", pollId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Open polls for a resident's neighbourhood.</summary>
    public Task<IReadOnlyList<Poll>> OpenForAsync(string neighbourhoodId, CancellationToken cancellationToken = default) =>
        store.OpenForAsync(neighbourhoodId, clock.GetUtcNow(), cancellationToken);

    /// <summary>The poll, or null.</summary>
    public Task<Poll?> GetAsync(string pollId, CancellationToken cancellationToken = default) => store.GetAsync(pollId, cancellationToken);

    /// <summary>The resident's answer to the poll, or null.</summary>
    public Task<PollResponse?> AnswerOfAsync(string pollId, string residentId, CancellationToken cancellationToken = default) =>
        store.GetResponseAsync(pollId, residentId, cancellationToken);

    /// <summary>Stores (or changes) a resident's answer while the poll is open. True when it replaced an earlier answer.</summary>
    public async Task<bool> RespondAsync(string pollId, string residentId, string? neighbourhoodId, int score, string? comment, CancellationToken cancellationToken = default)
    {
        if (score is < Poll.MinScore or > Poll.MaxScore)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"An answer is {Poll.MinScore} to {Poll.MaxScore}.");
        }

        var poll = await store.GetAsync(pollId, cancellationToken).ConfigureAwait(false) ?? throw new RuleViolation(RuleCode.NotFound, $"There is no poll '{pollId}'.");
        var now = clock.GetUtcNow();
        if (!poll.IsOpenAt(now))
        {
            throw new RuleViolation(RuleCode.PollClosed, "This poll is closed.");
        }

        if (neighbourhoodId is not null && !poll.NeighbourhoodIds.Contains(neighbourhoodId, StringComparer.OrdinalIgnoreCase))
        {
            throw new RuleViolation(RuleCode.NotFound, "This poll is not for the resident's neighbourhood.");
        }

        // Comments reach the programme manager: personal data is taken out like in ideas.
        comment = string.IsNullOrWhiteSpace(comment) || !poll.AllowComment ? null : Privacy.PersonalDataRedactor.Redact(comment.Trim()).Text;
        if (comment?.Length > MaxCommentLength)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A comment is at most {MaxCommentLength} characters.");
        }

        return await store.RespondAsync(new PollResponse(pollId, residentId, neighbourhoodId, score, comment, now), cancellationToken).ConfigureAwait(false);
    }
}
