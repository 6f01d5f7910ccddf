using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Adapter;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>
/// Sends one notification: finds the recipient's conversation, renders the message in their language, keeps the
/// channel's pace (Teams: per conversation and per tenant) and sends it through the adapter with the stored reference,
/// or creates a Teams user's personal chat first. The message carries the notification's id as its activity id, so a
/// receiver that keeps activity ids (the local Direct Line does) takes a repeat after a crash as the same message.
/// Returns the outcome for the outbox; nothing here writes the outbox row, except marking a conversation inactive.
/// </summary>
public sealed partial class ProactiveSender(
    VeerkrachtAdapter adapter,
    ResidentConversations residentConversations,
    IResidentStore residents,
    ConversationDirectory directory,
    ITeamsStore teams,
    INotificationOutbox outbox,
    IEnumerable<IProactiveRenderer> renderers,
    LocalServiceUrl localServiceUrl,
    IConfiguration configuration,
    IOptions<ProactiveOptions> options,
    TimeProvider clock,
    ILogger<ProactiveSender> logger)
{
    private readonly SendPace _conversations = new(SendPace.TeamsConversation, clock);
    private readonly SendPace _tenants = new([(options.Value.TenantMessagesPerSecond, TimeSpan.FromSeconds(1))], clock);
    private readonly Dictionary<NotificationKind, IProactiveRenderer> _renderers = renderers.ToDictionary(r => r.Kind);

    /// <summary>Sends the notification and says what came of it. Throws only for what is no send failure (a bug).</summary>
    public async Task<DeliveryOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var target = await ResolveAsync(notification.Recipient, cancellationToken);
        if (target.Gone is { } gone)
        {
            return new DeliveryOutcome(DeliveryState.RecipientGone, Reason: gone);
        }

        if (options.Value.ChannelsWithoutProactive.Contains(target.ChannelId, StringComparer.OrdinalIgnoreCase))
        {
            return new DeliveryOutcome(DeliveryState.Skipped, Reason: $"The channel '{target.ChannelId}' takes no messages the bot starts.");
        }

        if (target.Reference?.Conversation?.Id is { } conversationId && await outbox.InactiveAsync(target.ChannelId, conversationId, cancellationToken) is { } inactive)
        {
            return new DeliveryOutcome(DeliveryState.RecipientGone, Reason: $"The conversation takes no messages since {inactive.Since:u} ({inactive.Reason}); it will again when it talks to the bot.");
        }

        if (!_renderers.TryGetValue(notification.Kind, out var renderer))
        {
            return new DeliveryOutcome(DeliveryState.Failed, Reason: $"This bot has no renderer for {notification.Kind} messages.");
        }

        var rendering = await renderer.RenderAsync(new ProactiveContext(notification, target.ChannelId, BotTexts.For(target.Language)), cancellationToken);
        if (rendering.Message is not Activity message)
        {
            return new DeliveryOutcome(DeliveryState.Skipped, Reason: rendering.SkipReason);
        }

        message.Id = notification.Id;
        await _conversations.WaitTurnAsync(target.PaceKey, cancellationToken);
        if (target.TenantId is { } tenant)
        {
            await _tenants.WaitTurnAsync(tenant, cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.SendTimeout);
        try
        {
            await (target.Reference is { } reference
                ? ContinueAsync(reference, message, timeout.Token)
                : CreatePersonalChatAsync(target.CreateIn!, message, timeout.Token));
            return DeliveryOutcome.Delivered();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Retry(notification, null, null, $"No answer within {options.Value.SendTimeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (SendFailures.Classify(ex) is { } failure)
        {
            LogFailure(notification.Id, notification.Kind, failure.Reason);
            switch (failure.Kind)
            {
                case FailureKind.Retry:
                    return Retry(notification, failure.Status, failure.RetryAfter, failure.Reason);
                case FailureKind.RecipientGone:
                    if (target.Reference?.Conversation?.Id is { } gonePlace)
                    {
                        await outbox.MarkInactiveAsync(target.ChannelId, gonePlace, failure.Code ?? failure.Reason, CancellationToken.None);
                    }

                    return new DeliveryOutcome(DeliveryState.RecipientGone, Status: failure.Status, Reason: failure.Reason);
                default:
                    return new DeliveryOutcome(DeliveryState.Failed, Status: failure.Status, Reason: failure.Reason);
            }
        }
    }

    /// <summary>
    /// When to try again: after Retry-After when the channel sent one (plus up to a tenth, so instances that were told
    /// the same do not all come back at once), else an exponential back-off with jitter (half of it fixed, half random).
    /// </summary>
    private DeliveryOutcome Retry(Notification notification, int? status, TimeSpan? retryAfter, string reason)
    {
        var longest = TimeSpan.FromMinutes(options.Value.RetryMaxMinutes);
        TimeSpan wait;
        if (retryAfter is { } asked)
        {
            var capped = asked < longest ? asked : longest;
            wait = capped + (capped / 10 * Random.Shared.NextDouble());
        }
        else
        {
            var backoff = TimeSpan.FromSeconds(options.Value.RetryBaseSeconds * Math.Pow(2, Math.Min(notification.Attempts - 1, 30)));
            var capped = backoff < longest ? backoff : longest;
            wait = (capped / 2) + (capped / 2 * Random.Shared.NextDouble());
        }

        return new DeliveryOutcome(DeliveryState.Throttled, clock.GetUtcNow() + wait, status, reason);
    }

    private async Task ContinueAsync(ConversationReference reference, Activity message, CancellationToken cancellationToken)
    {
        var attempt = new Attempt();
        await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? string.Empty, reference,
            (turn, token) => attempt.RunAsync(() => SendInTurnAsync(turn, reference, message, token)), cancellationToken);
        attempt.ThrowUnlessSent();
    }

    /// <summary>
    /// A Teams user the bot has no personal chat with: the chat is created with the tenant and service URL of a
    /// conversation they were seen in, stored (so the next message continues it), and the message sent into it.
    /// </summary>
    private async Task CreatePersonalChatAsync(StoredConversation seenIn, Activity message, CancellationToken cancellationToken)
    {
        var attempt = new Attempt();
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount(seenIn.BotId),
            Members = [new ChannelAccount(seenIn.UserId ?? seenIn.AadObjectId, aadObjectId: seenIn.AadObjectId)],
            TenantId = seenIn.TenantId,
            ChannelData = new Newtonsoft.Json.Linq.JObject { ["tenant"] = new Newtonsoft.Json.Linq.JObject { ["id"] = seenIn.TenantId } },
        };
        await adapter.CreateConversationAsync(configuration["MicrosoftAppId"] ?? string.Empty, seenIn.ChannelId, seenIn.ServiceUrl, audience: null, parameters,
            (turn, token) => attempt.RunAsync(async () =>
            {
                var created = new StoredConversation(Ids.New(), seenIn.ChannelId, turn.Activity.Conversation.Id, seenIn.ServiceUrl, seenIn.TenantId, seenIn.BotId,
                    seenIn.UserId, seenIn.AadObjectId, "personal");
                await teams.SaveConversationAsync(created, clock.GetUtcNow(), token);
                await SendInTurnAsync(turn, ToReference(created), message, token);
            }), cancellationToken);
        attempt.ThrowUnlessSent();
    }

    /// <summary>Sends straight to the conversation with the turn's connector: not as a reply, and with our own activity id.</summary>
    private static Task SendInTurnAsync(ITurnContext turn, ConversationReference reference, Activity message, CancellationToken cancellationToken)
    {
        message.ChannelId = reference.ChannelId;
        message.Conversation = reference.Conversation;
        message.From = reference.Bot;
        message.Recipient = reference.User;
        message.ServiceUrl = reference.ServiceUrl;
        return turn.TurnState.Get<IConnectorClient>().Conversations.SendToConversationAsync(message, cancellationToken);
    }

    /// <summary>
    /// The send inside an adapter turn. Its failure is handed back to the caller: thrown inside the turn it would reach
    /// the adapter's turn-error handler instead (which logs it and goes on as if nothing happened).
    /// </summary>
    private sealed class Attempt
    {
        private ExceptionDispatchInfo? _failure;
        private bool _sent;

        public async Task RunAsync(Func<Task> send)
        {
            try
            {
                await send();
                _sent = true;
            }
            catch (Exception ex)
            {
                _failure = ExceptionDispatchInfo.Capture(ex);
            }
        }

        public void ThrowUnlessSent()
        {
            _failure?.Throw();
            if (!_sent)
            {
                throw new InvalidOperationException("The adapter did not run the turn that sends the message.");
            }
        }
    }

    private async Task<Target> ResolveAsync(Recipient recipient, CancellationToken cancellationToken)
    {
        switch (recipient.Kind)
        {
            case RecipientKind.Resident:
                if (await residents.FindAsync(recipient.Id, cancellationToken) is not { } resident)
                {
                    return Target.NotThere("The resident erased their data.");
                }

                if (await residentConversations.FindAsync(recipient.Id, cancellationToken) is not { } reference)
                {
                    return Target.NotThere("The bot does not know the resident's conversation (they never shared an idea, answered for a meeting or a poll, or asked for news here).");
                }

                // A web chat conversation's transcript is in the shared database: whichever instance sends delivers it
                // through its own local connector (the one its key is for), not the one that stored the reference.
                if (reference.ChannelId == DirectLineService.ChannelId)
                {
                    reference.ServiceUrl = localServiceUrl.Value;
                }

                return new Target(reference.ChannelId, reference, null, resident.Language ?? ResidentLanguages.FromLocale(reference.Locale), null, null);
            case RecipientKind.Conversation:
                return await directory.FindAsync(recipient.Id, cancellationToken) is { } stored
                    ? new Target(stored.ChannelId, ToReference(stored), null, ResidentLanguage.Dutch, stored.TenantId, null)
                    : Target.NotThere("The conversation is no longer stored (the bot was removed from it).");
            default:
                var (personal, seenIn) = await directory.OfTeamsUserAsync(recipient.Id, cancellationToken);
                if (personal is not null)
                {
                    return new Target(personal.ChannelId, ToReference(personal), null, ResidentLanguage.Dutch, personal.TenantId, null);
                }

                return seenIn is { TenantId: not null }
                    ? new Target(seenIn.ChannelId, null, seenIn, ResidentLanguage.Dutch, seenIn.TenantId, null)
                    : Target.NotThere("The bot never saw this user in a tenant it could create a chat in.");
        }
    }

    private static ConversationReference ToReference(StoredConversation stored) => new()
    {
        ChannelId = stored.ChannelId,
        ServiceUrl = stored.ServiceUrl,
        Conversation = new ConversationAccount(id: stored.ConversationId, tenantId: stored.TenantId, conversationType: stored.ConversationType),
        Bot = new ChannelAccount(stored.BotId),
        User = stored.UserId is null ? null : new ChannelAccount(stored.UserId, aadObjectId: stored.AadObjectId),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proactive message {NotificationId} ({Kind}) not delivered: {Reason}")]
    private partial void LogFailure(string notificationId, NotificationKind kind, string reason);

    /// <summary>Where a notification goes: an existing conversation, or a Teams user's chat to create; or why nowhere.</summary>
    private sealed record Target(string ChannelId, ConversationReference? Reference, StoredConversation? CreateIn, ResidentLanguage Language, string? TenantId, string? Gone)
    {
        /// <summary>Sends into one conversation take turns under this key (its pace).</summary>
        public string PaceKey => Reference?.Conversation?.Id is { } id ? $"{ChannelId}/{id}" : $"{ChannelId}/new-chat/{CreateIn?.AadObjectId}";

        public static Target NotThere(string reason) => new("", null, null, ResidentLanguage.Dutch, null, reason);
    }
}
