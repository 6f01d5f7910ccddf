using Newtonsoft.Json.Linq;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Professionals;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// The programme managers' own commands: who the programme managers are, and making or unmaking one (stored and
/// audited; the configured ones can only be changed in the configuration).
/// </summary>
public sealed class ManagersCommand(ProgrammeManagers managers) : IProfessionalCommand
{
    public const string ListAction = "pro.managers";
    public const string AddAction = "pro.managers.add";
    public const string RemoveAction = "pro.managers.remove";

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.Managers, CommandKind.ManagerAdd, CommandKind.ManagerRemove];

    public IReadOnlyCollection<string> Actions { get; } = [ListAction, AddAction, RemoveAction];

    public bool ProgrammeManagersOnly => true;

    public async Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken)
    {
        // "beheerder verwijderen <object-id>" acts at once; otherwise the list with its form.
        if (command.Kind == CommandKind.ManagerRemove && command.Arguments.FirstOrDefault() is { } id)
        {
            await RemoveAsync(turn, id, update: false, cancellationToken);
            return;
        }

        await turn.SendAsync(await CardAsync(turn.Texts, null, null, null, cancellationToken), cancellationToken);
    }

    public async Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case ListAction:
                await turn.SendAsync(await CardAsync(turn.Texts, null, null, null, cancellationToken), cancellationToken);
                break;
            case RemoveAction:
                await RemoveAsync(turn, turn.Value("objectId", 64) ?? "", update: true, cancellationToken);
                break;
            case AddAction:
                var id = turn.Value("objectId", 64) ?? "";
                var label = turn.Value("label", ProgrammeManagers.MaxLabelLength) ?? "";
                if (!Guid.TryParse(ProgrammeManagers.Normalize(id), out _))
                {
                    await turn.UpdateCardAsync(await CardAsync(turn.Texts, null, turn.Texts.NotAGuid, (id, label), cancellationToken), cancellationToken);
                    return;
                }

                var added = await managers.AddAsync(id, label, turn.Actor, cancellationToken);
                var name = label.Length > 0 ? label : ProgrammeManagers.Normalize(id);
                await turn.UpdateCardAsync(await CardAsync(turn.Texts, turn.Texts.Format(added ? turn.Texts.ManagerAdded : turn.Texts.ManagerAlready, name), null, null, cancellationToken), cancellationToken);
                break;
        }
    }

    private async Task RemoveAsync(ProfessionalTurn turn, string id, bool update, CancellationToken cancellationToken)
    {
        string lead;
        try
        {
            lead = await managers.RemoveAsync(id, turn.Actor, cancellationToken)
                ? turn.Texts.Format(turn.Texts.ManagerRemoved, ProgrammeManagers.Normalize(id))
                : turn.Texts.ManagerNotFound;
        }
        catch (RuleViolation)
        {
            lead = turn.Texts.ManagerConfigured;
        }

        var card = await CardAsync(turn.Texts, lead, null, null, cancellationToken);
        await (update ? turn.UpdateCardAsync(card, cancellationToken) : turn.SendAsync(card, cancellationToken));
    }

    private async Task<JObject> CardAsync(ProfessionalTexts texts, string? lead, string? error, (string Id, string Label)? typed, CancellationToken cancellationToken)
    {
        var stored = await managers.StoredAsync(cancellationToken);
        var card = new TeamsCard((lead is null ? "" : lead + "\n") + texts.ManagersTitle);
        if (lead is not null)
        {
            card.Text(lead);
        }

        card.Heading(texts.ManagersTitle).Text(texts.ConfiguredManagers, subtle: true);
        foreach (var id in managers.Configured)
        {
            card.Text(id, spacing: "None");
        }

        foreach (var manager in stored)
        {
            card.Separator().Fact(manager.Label, manager.AadObjectId)
                .Buttons((texts.RemoveManager, TeamsCard.Data(RemoveAction, ("objectId", manager.AadObjectId))));
        }

        return card.Separator()
            .InputText("objectId", texts.ObjectId, typed?.Id, 64, placeholder: "00000000-0000-0000-0000-000000000000", error: error)
            .Text(texts.ObjectIdHint, subtle: true, spacing: "None")
            .InputText("label", texts.NameOrRole, typed?.Label, ProgrammeManagers.MaxLabelLength)
            .Action(texts.AddManager, TeamsCard.Data(AddAction))
            .Build();
    }
}
