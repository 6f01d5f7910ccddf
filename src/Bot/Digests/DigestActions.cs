using VeerkrachtBot.Bot.Prompts;
using VeerkrachtBot.Core.Digests;

namespace VeerkrachtBot.Bot.Digests;

/// <summary>
/// What the buttons of the digest and poll-results cards send (Action.Submit data: <c>{"action": name, args}</c>, all
/// values strings, lists comma-separated), for the professionals' Teams commands to handle. The data comes from the
/// client: a handler checks every id it names.
/// </summary>
public static class DigestActions
{
    /// <summary>The ideas of one cluster: <c>cluster</c> (its key), <c>ideas</c> (up to <see cref="MaxIdeaIds"/> idea ids, oldest first), <c>count</c> (all of them), and the digest it came from (<see cref="Of"/>).</summary>
    public const string ClusterIdeas = "DigestClusterIdeas";

    /// <summary>All ideas of the digest's period and filter (<see cref="Of"/>).</summary>
    public const string PeriodIdeas = "DigestIdeas";

    /// <summary>Set the status of one idea: <c>idea</c>.</summary>
    public const string SetStatus = "IdeaStatus";

    /// <summary>A poll's results card: <c>poll</c>; <c>refresh</c> "1" from the results card itself, which is then replaced.</summary>
    public const string PollResults = "PollResults";

    /// <summary>Change what this conversation follows: <c>neighbourhoods</c> and <c>themes</c> it follows now (empty themes: all).</summary>
    public const string EditSubscription = "SubscriptionEdit";

    /// <summary>The Action.Execute verb of the poll-results card's refresh: data as <see cref="PollResults"/>.</summary>
    public const string RefreshPollResultsVerb = "pollResults.refresh";

    /// <summary>Most idea ids one button carries (keeps the card small); the handler rebuilds the cluster for the rest.</summary>
    public const int MaxIdeaIds = 20;

    /// <summary>The digest a button came from: <c>neighbourhoods</c>, <c>themes</c>, <c>period</c> (week/month), <c>start</c> (first day, yyyy-MM-dd, Amsterdam).</summary>
    public static (string Key, string Value)[] Of(Digest digest) =>
    [
        ("neighbourhoods", string.Join(',', digest.Filter.NeighbourhoodIds)),
        ("themes", string.Join(',', digest.Filter.ThemeIds)),
        ("period", digest.Period.Kind == DigestPeriodKind.Month ? "month" : "week"),
        ("start", digest.Period.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static BotAction Cluster(Digest digest, ConcernCluster cluster) => BotAction.Of(ClusterIdeas,
    [
        ("cluster", cluster.Key),
        ("ideas", string.Join(',', cluster.IdeaIds.Take(MaxIdeaIds))),
        ("count", cluster.IdeaIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. Of(digest),
    ]);

    public static BotAction Ideas(Digest digest) => BotAction.Of(PeriodIdeas, Of(digest));

    public static BotAction Status(string ideaId) => BotAction.Of(SetStatus, ("idea", ideaId));

    public static BotAction Poll(string pollId) => BotAction.Of(PollResults, ("poll", pollId));

    public static BotAction RefreshPoll(string pollId) => BotAction.Of(PollResults, ("poll", pollId), ("refresh", "1"));

    public static BotAction Subscription(DigestFilter filter) => BotAction.Of(EditSubscription,
        ("neighbourhoods", string.Join(',', filter.NeighbourhoodIds)), ("themes", string.Join(',', filter.ThemeIds)));
}
