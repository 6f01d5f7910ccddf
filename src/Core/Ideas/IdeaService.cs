using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Neighbourhoods;

namespace VeerkrachtBot.Core.Ideas;

/// <summary>What a resident shares, and what professionals do with it.</summary>
public sealed class IdeaService(IIdeaStore store, NeighbourhoodCatalog neighbourhoods, TimeProvider clock)
{
    /// <summary>Longest explanation a professional can write for a resident.</summary>
    public const int MaxExplanationLength = 2000;

    /// <summary>A new idea from a resident.</summary>
    /// <param name="SourceKey">Channel and activity id of the message: makes a retried delivery store one idea.</param>
    /// <param name="ResidentId">The author's pseudonym.</param>
    /// <param name="NeighbourhoodId">The neighbourhood, when known.</param>
    /// <param name="Text">The original text.</param>
    /// <param name="KeepOriginalText">Whether the resident consented to keeping the original text.</param>
    /// <param name="Analysis">The language analysis of the text.</param>
    public sealed record Submission(string SourceKey, string ResidentId, string? NeighbourhoodId, string Text, bool KeepOriginalText, IdeaAnalysis Analysis);

    /// <summary>Stores the idea (once per source message) and returns it.</summary>
    public async Task<(Idea Idea, bool Created)> SubmitAsync(Submission submission, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(submission.SourceKey);
        var neighbourhood = submission.NeighbourhoodId is null ? null : neighbourhoods.Require(submission.NeighbourhoodId).Id;
        var now = clock.GetUtcNow();
        var idea = new Idea(
            Ids.New(),
            submission.ResidentId,
            neighbourhood,
            submission.KeepOriginalText ? submission.Text : null,
            submission.Analysis,
            IdeaStatus.Received,
            StatusExplanation: null,
            ContactAllowed: false,
            ContactDetail: null,
            now,
            now);
        return await store.AddAsync(idea, submission.SourceKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The resident confirmed or corrected the themes: these are now the idea's themes, marked confirmed.</summary>
    public Task ConfirmThemesAsync(string ideaId, IReadOnlyList<ThemeScore> themes, CancellationToken cancellationToken = default) =>
        store.SetThemesAsync(ideaId, themes.Select(t => t with { Confirmed = true }).ToList(), clock.GetUtcNow(), cancellationToken);

    /// <summary>The resident said which neighbourhood the idea is about (asked after it was stored).</summary>
    public Task SetNeighbourhoodAsync(string ideaId, string neighbourhoodId, CancellationToken cancellationToken = default) =>
        store.SetNeighbourhoodAsync(ideaId, neighbourhoods.Require(neighbourhoodId).Id, clock.GetUtcNow(), cancellationToken);

    /// <summary>The idea, or null.</summary>
    public Task<Idea?> GetAsync(string ideaId, CancellationToken cancellationToken = default) => store.GetAsync(ideaId, cancellationToken);

    /// <summary>The resident withdrew consent to keep their own words: the original texts of their ideas go; the redacted texts stay.</summary>
    public Task<int> ForgetOriginalTextsAsync(string residentId, CancellationToken cancellationToken = default) =>
        store.ForgetOriginalTextsAsync(residentId, clock.GetUtcNow(), cancellationToken);

    /// <summary>Longest contact detail (an e-mail address or phone number).</summary>
    public const int MaxContactLength = 200;

    /// <summary>The resident said whether they may be contacted; the detail is stored only when they said yes.</summary>
    public Task SetContactAsync(string ideaId, bool allowed, string? detail, CancellationToken cancellationToken = default)
    {
        detail = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim();
        if (detail?.Length > MaxContactLength)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"A contact detail is at most {MaxContactLength} characters.");
        }

        return store.SetContactAsync(ideaId, allowed, detail, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>A professional moves the idea on, with an explanation for the resident; audited.</summary>
    public async Task ChangeStatusAsync(string ideaId, IdeaStatus status, string? explanation, string professional, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(professional);
        explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
        if (explanation is null && IdeaStatusRules.NeedsExplanation(status))
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"Moving an idea to {status} needs an explanation for the resident.");
        }

        if (explanation?.Length > MaxExplanationLength)
        {
            throw new RuleViolation(RuleCode.InvalidInput, $"The explanation is longer than {MaxExplanationLength} characters.");
        }

        var now = clock.GetUtcNow();
        await store.ChangeStatusAsync(ideaId, new IdeaStatusChange(status, explanation, professional, now),
            AuditEntry.Create(now, professional, "idea.status", "idea", ideaId, status.ToString()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A resident's ideas, newest first ("mijn ideeën").</summary>
    public Task<IReadOnlyList<Idea>> MineAsync(string residentId, int max = 20, CancellationToken cancellationToken = default) =>
        store.ListByResidentAsync(residentId, max, cancellationToken);
}
