using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// "abonneren" / "opzeggen" [buurt] [thema]: which neighbourhoods and themes this chat or channel follows (for the
/// digests). Typed with a neighbourhood it acts at once; without, it shows what is followed and a small form.
/// </summary>
public sealed class SubscriptionsCommand(ITeamsStore store, NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, TimeProvider clock) : IProfessionalCommand
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

        await ChangeAsync(turn, command.Kind == CommandKind.Subscribe, neighbourhood.Id, theme?.Id ?? TeamsSubscription.AllThemes, update: false, cancellationToken);
    }

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
        if (neighbourhood is null || theme is null)
        {
            await turn.UpdateCardAsync(await CardAsync(turn, turn.Texts.ChooseNeighbourhood, cancellationToken), cancellationToken);
            return;
        }

        await ChangeAsync(turn, action == SubscribeAction, neighbourhood.Id, theme, update: true, cancellationToken);
    }

    private async Task ChangeAsync(ProfessionalTurn turn, bool subscribe, string neighbourhoodId, string themeId, bool update, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var what = Describe(neighbourhoods, themes, turn.Texts, neighbourhoodId, themeId);
        if (subscribe)
        {
            await store.SubscribeAsync(new TeamsSubscription(Ids.New(), turn.ConversationReferenceId, neighbourhoodId, themeId, turn.Actor, now),
                AuditEntry.Create(now, turn.Actor, "teams.subscribe", "conversation", turn.ConversationReferenceId, neighbourhoodId + "/" + themeId), cancellationToken);
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
        Card(neighbourhoods, themes, turn.Texts, lead, await store.SubscriptionsOfAsync(turn.ConversationReferenceId, cancellationToken));

    public static JObject Card(NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, ProfessionalTexts texts, string? lead, IReadOnlyList<(string NeighbourhoodId, string ThemeId)> followed)
    {
        var card = new TeamsCard((lead is null ? "" : lead + "\n") + texts.SubscribeTitle);
        if (lead is not null)
        {
            card.Text(lead);
        }

        card.Heading(texts.SubscribeTitle).Text(followed.Count == 0 ? texts.NoSubscriptions : texts.SubscriptionsNow, subtle: true);
        foreach (var (neighbourhood, theme) in followed)
        {
            card.Text(Describe(neighbourhoods, themes, texts, neighbourhood, theme), spacing: "Small")
                .Buttons((texts.Stop, TeamsCard.Data(UnsubscribeAction, ("neighbourhood", neighbourhood), ("theme", theme))));
        }

        return card
            .Choices("neighbourhood", texts.Neighbourhood, neighbourhoods.All.Select(n => (n.Id, n.Name)), [], multiSelect: false)
            .Choices("theme", texts.Theme, new[] { (TeamsSubscription.AllThemes, texts.AllThemes) }.Concat(themes.All.Select(t => (t.Id, texts.Lang == "en" ? t.LabelEn : t.LabelNl))),
                [TeamsSubscription.AllThemes], multiSelect: false)
            .Action(texts.SubscribeButton, TeamsCard.Data(SubscribeAction))
            .Build();
    }

    private static string Describe(NeighbourhoodCatalog neighbourhoods, ThemeCatalog themes, ProfessionalTexts texts, string neighbourhoodId, string themeId) =>
        (neighbourhoods.Find(neighbourhoodId)?.Name ?? neighbourhoodId) + " — " + (themeId == TeamsSubscription.AllThemes ? texts.AllThemes : themes.Label(themeId, texts.Lang));
}
