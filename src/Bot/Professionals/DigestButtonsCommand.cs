using System.Globalization;
using Newtonsoft.Json.Linq;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// The buttons of the digest and poll-results cards (<see cref="DigestActions"/>): a cluster's ideas and the period's
/// ideas as lists with the usual open/set-status buttons, the status form of an idea (saved by <see cref="IdeasCommand"/>,
/// which audits it and tells the resident), a poll's results card, and the subscription form. Every id in the data is
/// looked up again: the data comes from the client.
/// </summary>
public sealed class DigestButtonsCommand(
    DigestIdeaLists lists,
    DigestBuilder digests,
    DigestCards cards,
    IdeaService ideas,
    PollService polls,
    SubscriptionsCommand subscriptions,
    NeighbourhoodCatalog neighbourhoods,
    ThemeCatalog themes,
    IAuditLog audit,
    TimeProvider clock) : IProfessionalCommand
{
    /// <summary>Ideas per card of a list.</summary>
    public const int PageSize = 10;

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [];

    public IReadOnlyCollection<string> Actions { get; } =
        [DigestActions.ClusterIdeas, DigestActions.PeriodIdeas, DigestActions.SetStatus, DigestActions.PollResults, DigestActions.EditSubscription];

    public bool ProgrammeManagersOnly => false;

    public Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case DigestActions.ClusterIdeas:
                await ClusterIdeasAsync(turn, cancellationToken);
                break;
            case DigestActions.PeriodIdeas:
                await PeriodIdeasAsync(turn, cancellationToken);
                break;
            case DigestActions.SetStatus:
                var idea = turn.Value("idea", 64) is { } id ? await ideas.GetAsync(id, cancellationToken) : null;
                await (idea is null
                    ? turn.SendTextAsync(turn.Texts.IdeaGone, cancellationToken)
                    : turn.SendAsync(IdeasCommand.StatusForm(turn.Texts, idea, Ids.New(), null, null, null), cancellationToken));
                break;
            case DigestActions.PollResults:
                var card = turn.Value("poll", 64) is { } pollId ? await PollResultsCardAsync(turn, pollId, cancellationToken) : null;
                if (card is null)
                {
                    await turn.SendTextAsync(turn.Texts.ChoiceGone, cancellationToken);
                }
                else
                {
                    // The card's own "refresh" button replaces it; the digest's "results" button adds the card below the digest.
                    await (turn.Value("refresh", 5) == "1" ? turn.UpdateCardAsync(card, cancellationToken) : turn.SendAsync(card, cancellationToken));
                }

                break;
            case DigestActions.EditSubscription:
                await subscriptions.ShowAsync(turn, cancellationToken);
                break;
        }
    }

    /// <summary>A poll's results card as it is now (live for the professional who asks while the poll is open); null when the poll is gone.</summary>
    public async Task<JObject?> PollResultsCardAsync(ProfessionalTurn turn, string pollId, CancellationToken cancellationToken)
    {
        if (await polls.GetAsync(pollId, cancellationToken) is not { } poll)
        {
            return null;
        }

        var card = await cards.PollResultsAsync(poll.Id, turn.Context.Activity.From?.Id is { } user ? [user] : null, cancellationToken);
        await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), turn.Actor, "poll.results", "poll", poll.Id), cancellationToken);
        return card;
    }

    private async Task ClusterIdeasAsync(ProfessionalTurn turn, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        var ids = Split(turn.Value("ideas", DigestActions.MaxIdeaIds * 65)).Take(DigestActions.MaxIdeaIds).ToList();
        var count = int.TryParse(turn.Value("count", 6), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : ids.Count;
        var key = turn.Value("cluster", 64);
        var context = DigestContext(turn);

        // The button carries the first ideas only; for a larger cluster the digest is built again and the cluster found by its key.
        if (count > ids.Count && key is not null && context is { } digest)
        {
            var rebuilt = await digests.BuildAsync(digest.Filter, digest.Period, cancellationToken);
            if (rebuilt.Clusters.FirstOrDefault(cl => cl.Key == key) is { } cluster)
            {
                ids = cluster.IdeaIds.ToList();
            }
        }

        var found = await lists.ByIdsAsync(ids, cancellationToken);
        var shown = context is { } d ? found.Where(i => i.NeighbourhoodId is { } n && d.Filter.NeighbourhoodIds.Contains(n)).ToList() : found.ToList();
        if (shown.Count == 0)
        {
            await turn.SendTextAsync(texts.IdeaGone, cancellationToken);
            return;
        }

        var skip = Math.Clamp(int.TryParse(turn.Value("skip", 6), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0, 0, Math.Max(0, shown.Count - 1));
        var page = shown.Skip(skip).Take(PageSize).ToList();
        await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), turn.Actor, "ideas.list", "digest-cluster", key ?? "?", $"shown={page.Count}"), cancellationToken);

        var more = skip + page.Count < shown.Count
            ? (texts.Format(texts.ClusterIdeasMore, skip + page.Count, shown.Count),
                Carry(turn, DigestActions.ClusterIdeas, ("skip", (skip + page.Count).ToString(CultureInfo.InvariantCulture)), "cluster", "ideas", "count"))
            : ((string, JObject)?)null;
        await turn.SendAsync(IdeasCard(neighbourhoods, themes, texts, texts.Format(texts.ClusterIdeasTitle, shown.Count), page, more), cancellationToken);
    }

    private async Task PeriodIdeasAsync(ProfessionalTurn turn, CancellationToken cancellationToken)
    {
        var texts = turn.Texts;
        if (DigestContext(turn) is not { } digest)
        {
            await turn.SendTextAsync(texts.ChoiceGone, cancellationToken);
            return;
        }

        var cursor = long.TryParse(turn.Value("beforeAt", 20), NumberStyles.None, CultureInfo.InvariantCulture, out var at) && turn.Value("beforeId", 64) is { } before
            ? new IdeaCursor(DateTimeOffset.FromUnixTimeMilliseconds(at), before)
            : null;
        var page = await lists.InPeriodAsync(digest.Filter, digest.Period, cursor, PageSize, cancellationToken);
        await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), turn.Actor, "ideas.list", "ideas", string.Join(',', digest.Filter.NeighbourhoodIds),
            $"themes={(digest.Filter.ThemeIds.Count == 0 ? "*" : string.Join(',', digest.Filter.ThemeIds))};period={digest.Period.FirstDay:yyyy-MM-dd};shown={page.Ideas.Count}"), cancellationToken);

        var title = texts.Format(texts.PeriodIdeasTitle, digest.Period.FirstDay.ToString("d MMM", texts.Culture), digest.Period.LastDay.ToString("d MMM yyyy", texts.Culture))
            + " — " + string.Join(", ", digest.Filter.NeighbourhoodIds.Select(n => neighbourhoods.Find(n)?.Name ?? n))
            + (digest.Filter.ThemeIds.Count == 0 ? "" : " (" + string.Join(", ", digest.Filter.ThemeIds.Select(t => themes.Label(t, texts.Lang))) + ")");
        (string?, JObject)? more = null;
        if (page.Next is { } next)
        {
            var data = Carry(turn, DigestActions.PeriodIdeas, ("beforeAt", next.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
            data["beforeId"] = next.IdeaId;
            more = (null, data);
        }

        await turn.SendAsync(IdeasCard(neighbourhoods, themes, texts, title, page.Ideas, more), cancellationToken);
    }

    /// <summary>A list of ideas behind a digest button: each with its open/set-status buttons, and a "more" button with what it says above it.</summary>
    public static JObject IdeasCard(NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, ProfessionalTexts texts, string title, IReadOnlyList<IdeaSummary> ideas, (string? Note, JObject Data)? more)
    {
        var card = new TeamsCard(title + "\n" + string.Join('\n', ideas.Select(i => "“" + i.RedactedText + "”"))).Heading(title);
        if (ideas.Count == 0)
        {
            card.Text(texts.NoIdeas);
        }

        foreach (var idea in ideas)
        {
            IdeasCommand.ListItem(card, neighbourhoods, themes, texts, idea);
        }

        if (more is { } next)
        {
            if (next.Note is { } note)
            {
                card.Text(note, subtle: true);
            }

            card.Action(texts.More, next.Data);
        }

        return card.Build();
    }

    /// <summary>The digest a button came from (<see cref="DigestActions.Of"/>), or null when the data names none that can exist.</summary>
    private (DigestFilter Filter, DigestPeriod Period)? DigestContext(ProfessionalTurn turn)
    {
        var named = Split(turn.Value("neighbourhoods", 400)).ToList();
        var known = named.Select(n => neighbourhoods.Find(n)?.Id).ToList();
        var themeIds = Split(turn.Value("themes", 1000)).ToList();
        if (named.Count == 0 || known.Contains(null) || themeIds.Any(t => themes.Find(t) is null)
            || turn.Value("period", 8) is not ("week" or "month") || !DateOnly.TryParseExact(turn.Value("start", 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return null;
        }

        var kind = turn.Value("period", 8) == "month" ? DigestPeriodKind.Month : DigestPeriodKind.Week;
        var payload = new DigestPayload(kind, start, known.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList(), themeIds.Distinct().Order(StringComparer.Ordinal).ToList());
        return (payload.Filter, payload.ToPeriod());
    }

    private static IEnumerable<string> Split(string? list) => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A "more" button's data: the digest this came from and the named values of the button pressed, with the page moved on.</summary>
    private static JObject Carry(ProfessionalTurn turn, string action, (string Key, string Value) page, params string[] keys)
    {
        var data = TeamsCard.Data(action, keys.Select(k => (k, turn.Value(k, DigestActions.MaxIdeaIds * 65))).ToArray());
        foreach (var key in new[] { "neighbourhoods", "themes", "period", "start" })
        {
            data[key] = turn.Value(key, 1000) ?? "";
        }

        data[page.Key] = page.Value;
        return data;
    }
}
