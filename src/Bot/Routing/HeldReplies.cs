using System.Globalization;
using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Polly;
using Polly.Retry;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>
/// Holds a turn's replies and card updates (a submitted form replaced in place) until its state is saved (typing indicators pass at once), then delivers them. The state is
/// committed by then, so a reply that cannot be delivered is logged and never fails the turn: a throttled or briefly
/// failing channel (429, 5xx, a broken connection) is tried again a few times within two seconds or so, and what still
/// does not arrive is left; the resident's saved step stays.
/// </summary>
internal sealed class HeldReplies(ILogger logger)
{
    private static readonly ResiliencePipeline Delivery = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
    {
        ShouldHandle = new PredicateBuilder().Handle<Exception>(Retryable),
        MaxRetryAttempts = 3,
        Delay = TimeSpan.FromMilliseconds(200),
        MaxDelay = TimeSpan.FromSeconds(2),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } exception ? RetryAfter(exception) : null),
    }).Build();

    private readonly List<Activity> _held = [];
    private readonly List<Activity> _updates = [];
    private bool _holding;

    /// <summary>Whether an exception says that the channel could not take an activity (not a fault of the turn).</summary>
    public static bool Undeliverable(Exception exception) =>
        exception is RestException or HttpRequestException or IOException || (exception is TaskCanceledException { InnerException: TimeoutException });

    /// <summary>Sends one activity with the brief retry; false (and a warning) when the channel did not take it.</summary>
    public static Task<bool> DeliverAsync(ITurnContext turnContext, IActivity activity, ILogger logger, CancellationToken cancellationToken) =>
        TryAsync(turnContext, "reply", async token => await turnContext.SendActivityAsync(activity, token), logger, cancellationToken);

    /// <summary>One call to the channel with the brief retry; false (and a warning naming <paramref name="what"/>) when it did not arrive.</summary>
    private static async Task<bool> TryAsync(ITurnContext turnContext, string what, Func<CancellationToken, Task> call, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await Delivery.ExecuteAsync(async token => await call(token), cancellationToken);
            return true;
        }
        catch (Exception ex) when (Undeliverable(ex) || ex is OperationCanceledException)
        {
            logger.LogWarning(ex, "A {What} in {ChannelId} could not be delivered (status {Status})", what, turnContext.Activity.ChannelId, StatusOf(ex)?.ToString() ?? "none");
            return false;
        }
    }

    public void Hold()
    {
        _held.Clear();
        _updates.Clear();
        _holding = true;
    }

    public void Discard()
    {
        _held.Clear();
        _updates.Clear();
        _holding = false;
    }

    /// <summary>Delivers what was held, in order; an invoke response only goes to the adapter, so it comes first.</summary>
    public async Task ReleaseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        _holding = false;
        var held = _held.ToList();
        var updates = _updates.ToList();
        _held.Clear();
        _updates.Clear();
        foreach (var response in held.Where(a => a.Type == ActivityTypesEx.InvokeResponse))
        {
            await turnContext.SendActivityAsync(response, cancellationToken);
        }

        foreach (var update in updates)
        {
            // A card update that does not arrive leaves the form as it was in the chat; the change it made is saved and
            // the reply below says so.
            await TryAsync(turnContext, "card update", async token => await turnContext.UpdateActivityAsync(update, token), logger, cancellationToken);
        }

        var replies = held.Where(a => a.Type != ActivityTypesEx.InvokeResponse).ToList();
        for (var i = 0; i < replies.Count; i++)
        {
            if (!await DeliverAsync(turnContext, replies[i], logger, cancellationToken))
            {
                // The channel refused or stayed away: the replies after this one would only meet the same.
                logger.LogWarning("{Count} of {Total} replies of a turn in {ChannelId} were not delivered; the conversation's state was saved", replies.Count - i, replies.Count, turnContext.Activity.ChannelId);
                return;
            }
        }
    }

    public async Task<ResourceResponse[]> HandleAsync(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next)
    {
        if (activities.TrueForAll(a => a.Type == ActivityTypes.Typing))
        {
            try
            {
                return await next();
            }
            catch (Exception ex) when (Undeliverable(ex) || ex is OperationCanceledException)
            {
                // A typing indicator that does not arrive changes nothing for the turn.
                logger.LogDebug(ex, "A typing indicator in {ChannelId} was not delivered", turnContext.Activity.ChannelId);
                return Placeholders(activities);
            }
        }

        if (!_holding)
        {
            return await next();
        }

        _held.AddRange(activities);
        return Placeholders(activities);
    }

    public async Task<ResourceResponse> HandleUpdateAsync(ITurnContext turnContext, Activity activity, Func<Task<ResourceResponse>> next)
    {
        if (!_holding)
        {
            return await next();
        }

        _updates.Add(activity);
        return new ResourceResponse(activity.Id);
    }

    private static ResourceResponse[] Placeholders(List<Activity> activities) => activities.Select(_ => new ResourceResponse(Guid.NewGuid().ToString("N"))).ToArray();

    private static HttpStatusCode? StatusOf(Exception exception) => exception switch
    {
        ErrorResponseException { Response: { } response } => response.StatusCode,
        HttpOperationException { Response: { } response } => response.StatusCode,
        _ => null,
    };

    private static bool Retryable(Exception exception) =>
        StatusOf(exception) is { } status ? status == HttpStatusCode.TooManyRequests || (int)status >= 500 : exception is HttpRequestException or IOException;

    /// <summary>A channel's own Retry-After, when it asks for a wait that still fits the brief retry.</summary>
    private static TimeSpan? RetryAfter(Exception exception)
    {
        var headers = exception switch
        {
            ErrorResponseException { Response: { } response } => response.Headers,
            HttpOperationException { Response: { } response } => response.Headers,
            _ => null,
        };
        return headers is not null && headers.TryGetValue("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 2
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
