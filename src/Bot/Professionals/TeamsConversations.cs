using Microsoft.Bot.Builder;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>
/// Keeps the conversation reference of every Teams chat and channel the bot is in (the Company Communicator's
/// capture): stored on install, refreshed from every activity (the service URL is tenant-specific and can change;
/// it is stored exactly as Teams sent it, never normalised), removed on uninstall. Only the ids needed to send later
/// are kept: no names.
/// </summary>
public sealed class TeamsConversations(ITeamsStore store, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Stores or refreshes the reference of the activity's conversation; IsNew when the bot did not know it.</summary>
    public async Task<(string Id, bool IsNew)> CaptureAsync(ITurnContext turnContext, TeamsActivityInfo info, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var key = info.ConversationKey(activity);
        var existing = await store.FindConversationAsync(activity.ChannelId, key, cancellationToken);
        var current = new StoredConversation(existing?.Id ?? Core.Ids.New(), activity.ChannelId, key, activity.ServiceUrl, info.TenantId, activity.Recipient?.Id ?? "",
            info.ConversationType == "personal" ? activity.From?.Id : null, info.ConversationType == "personal" ? info.AadObjectId : null, info.ConversationType, info.TeamId);
        if (existing is not null && existing == current)
        {
            return (existing.Id, false);
        }

        var id = await store.SaveConversationAsync(current, clock.GetUtcNow(), cancellationToken);
        if (existing is null)
        {
            await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), Actor(turnContext, info), "teams.conversation", "conversation", id, info.ConversationType), cancellationToken);
        }

        return (id, existing is null);
    }

    /// <summary>The bot was removed: forget the conversation (a whole team: every channel of it) and its subscriptions.</summary>
    public async Task RemoveAsync(ITurnContext turnContext, TeamsActivityInfo info, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var key = info.ConversationKey(activity);
        var existing = await store.FindConversationAsync(activity.ChannelId, key, cancellationToken);
        if (info.TeamId is not null)
        {
            await store.RemoveTeamAsync(activity.ChannelId, info.TeamId, cancellationToken);
        }

        await store.RemoveConversationAsync(activity.ChannelId, key, cancellationToken);
        await audit.AppendAsync(AuditEntry.Create(clock.GetUtcNow(), Actor(turnContext, info), "teams.uninstall", "conversation", existing?.Id ?? "unknown", info.ConversationType), cancellationToken);
    }

    private static string Actor(ITurnContext turnContext, TeamsActivityInfo info) =>
        Core.Professionals.ProgrammeManagers.Normalize(info.AadObjectId) is { Length: > 0 } aad ? ProfessionalTurn.Shorten(aad) : ProfessionalTurn.Shorten("teams:" + turnContext.Activity.From?.Id);
}
