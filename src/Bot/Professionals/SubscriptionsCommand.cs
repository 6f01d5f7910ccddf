using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// "abonneren" / "opzeggen" [buurt] [thema] [wekelijks|maandelijks|beide]: which neighbourhoods and themes this chat or
/// channel follows, and whether their digest comes weekly (the default), monthly only or both. Typed with a
/// neighbourhood it acts at once; without, it shows what is followed and a small form. Following something again with
/// another frequency changes the frequency; typed without one it keeps it.
/// </summary>
public sealed class SubscriptionsCommand(ITeamsStore store, DigestSubscriptions digests, NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, TimeProvider clock) : IProfessionalCommand
{
    public const string ShowAction = "pro.subscriptions";
    public const string SubscribeAction = "pro.subscribe";
    public const string UnsubscribeAction = "pro.unsubscribe";

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.Subscribe, CommandKind.Unsubscribe];

    public IReadOnlyCollection<string> Actions { get; } = [ShowAction, SubscribeAction, UnsubscribeAction];

    public bool ProgrammeManagersOnly => false;

    public async Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken)
    {
        var words = command.Arguments;
        var neighbourhood = neighbourhoods.All.FirstOrDefault(n => words.Contains(n.Id) || words.Contains(n.Name.ToLowerInvariant()));
        var theme = themes.All.FirstOrDefault(t => words.Contains(t.Id));
        if (neighbourhood is null)
        {
            await turn.SendAsync(await CardAsync(turn, null, cancellationToken), cancellationToken);
            return;
        }

        var frequency = words.Select(w => FrequencyWords.TryGetValue(w, out var f) ? f : (DigestFrequency?)null).FirstOrDefault(f => f is not null);
        await ChangeAsync(turn, command.Kind == CommandKind.Subscribe, neighbourhood.Id, theme?.Id ?? TeamsSubscription.AllThemes, frequency, update: false, cancellationToken);
    }

    private static readonly Dictionary<string, DigestFrequency> FrequencyWords = new(StringComparer.Ordinal)
    {
        ["wekelijks"] = DigestFrequency.Weekly, ["weekly"] = DigestFrequency.Weekly, ["week"] = DigestFrequency.Weekly,
        ["maandelijks"] = DigestFrequency.Monthly, ["monthly"] = DigestFrequency.Monthly, ["maand"] = DigestFrequency.Monthly, ["month"] = DigestFrequency.Monthly,
        ["beide"] = DigestFrequency.Both, ["both"] = DigestFrequency.Both, ["allebei"] = DigestFrequency.Both,
    };

    /// <summary>What this conversation follows and the form to change it (the digest card's "change the subscription" button).</summary>
    public async Task ShowAsync(ProfessionalTurn turn, CancellationToken cancellationToken) =>
        await turn.SendAsync(await CardAsync(turn, null, cancellationToken), cancellationToken);

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        if (action == ShowAction)
        {
            await turn.SendAsync(await CardAsync(turn, null, cancellationToken), cancellationToken);
            return;
        }

        var neighbourhood = neighbourhoods.Find(turn.Value("neighbourhood", 64));
        var themeValue = turn.Value("theme", 64) ?? TeamsSubscription.AllThemes;
        var theme = themeValue == TeamsSubscription.AllThemes ? TeamsSubscription.AllThemes : themes.Find(themeValue)?.Id;

        // A card sent before the frequency existed has no such field: the subscription keeps its frequency then.
        var frequencyValue = turn.Value("frequency", 16);
        DigestFrequency? frequency = Enum.TryParse<DigestFrequency>(frequencyValue, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        if (neighbourhood is null || theme is null || (frequencyValue is not null && frequency is null))
        {
            await turn.UpdateCardAsync(await CardAsync(turn, turn.Texts.ChooseNeighbourhood, cancellationToken), cancellationToken);
            return;
        }

        await ChangeAsync(turn, action == SubscribeAction, neighbourhood.Id, theme, frequency, update: true, cancellationToken);
    }

    private async Task ChangeAsync(ProfessionalTurn turn, bool subscribe, string neighbourhoodId, string themeId, DigestFrequency? frequency, bool update, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var what = Describe(neighbourhoods, themes, turn.Texts, neighbourhoodId, themeId);
        if (subscribe)
        {
            var subscription = new TeamsSubscription(Ids.New(), turn.ConversationReferenceId, neighbourhoodId, themeId, turn.Actor, now);
            var audit = AuditEntry.Create(now, turn.Actor, "teams.subscribe", "conversation", turn.ConversationReferenceId,
                neighbourhoodId + "/" + themeId + (frequency is { } f ? "/" + f : ""));
            await (frequency is { } chosen ? digests.SubscribeAsync(subscription, chosen, audit, cancellationToken) : store.SubscribeAsync(subscription, audit, cancellationToken));
            if (frequency is { } shown)
            {
                what += " (" + turn.Texts.FrequencyNames[shown] + ")";
            }
        }
        else
        {
            await store.UnsubscribeAsync(turn.ConversationReferenceId, neighbourhoodId, themeId,
                AuditEntry.Create(now, turn.Actor, "teams.unsubscribe", "conversation", turn.ConversationReferenceId, neighbourhoodId + "/" + themeId), cancellationToken);
        }

        var card = await CardAsync(turn, turn.Texts.Format(subscribe ? turn.Texts.Subscribed : turn.Texts.Unsubscribed, what), cancellationToken);
        await (update ? turn.UpdateCardAsync(card, cancellationToken) : turn.SendAsync(card, cancellationToken));
    }

    private async Task<JObject> CardAsync(ProfessionalTurn turn, string? lead, CancellationToken cancellationToken) =>
        Card(neighbourhoods, themes, turn.Texts, lead, await digests.FollowsAsync(turn.ConversationReferenceId, cancellationToken));

    public static JObject Card(NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, ProfessionalTexts texts, string? lead, IReadOnlyList<DigestFollow> followed)
    {
        var card = new TeamsCard((lead is null ? "" : lead + "\n") + texts.SubscribeTitle);
        if (lead is not null)
        {
            card.Text(lead);
        }

        card.Heading(texts.SubscribeTitle).Text(followed.Count == 0 ? texts.NoSubscriptions : texts.SubscriptionsNow, subtle: true);
        foreach (var (neighbourhood, theme, frequency) in followed)
        {
            card.Text(Describe(neighbourhoods, themes, texts, neighbourhood, theme) + " (" + texts.FrequencyNames[frequency] + ")", spacing: "Small")
                .Buttons((texts.Stop, TeamsCard.Data(UnsubscribeAction, ("neighbourhood", neighbourhood), ("theme", theme))));
        }

        return card
            .Choices("neighbourhood", texts.Neighbourhood, neighbourhoods.All.Select(n => (n.Id, n.Name)), [], multiSelect: false)
            .Choices("theme", texts.Theme, new[] { (TeamsSubscription.AllThemes, texts.AllThemes) }.Concat(themes.All.Select(t => (t.Id, texts.Lang == "en" ? t.LabelEn : t.LabelNl))),
                [TeamsSubscription.AllThemes], multiSelect: false)
            .Choices("frequency", texts.Frequency, Enum.GetValues<DigestFrequency>().Select(f => (f.ToString(), texts.FrequencyNames[f])), [nameof(DigestFrequency.Weekly)], multiSelect: false)
            .Action(texts.SubscribeButton, TeamsCard.Data(SubscribeAction))
            .Build();
    }

    private static string Describe(NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, ProfessionalTexts texts, string neighbourhoodId, string themeId) =>
        (neighbourhoods.Find(neighbourhoodId)?.Name ?? neighbourhoodId) + " — " + (themeId == TeamsSubscription.AllThemes ? texts.AllThemes : themes.Label(themeId, texts.Lang));
}
