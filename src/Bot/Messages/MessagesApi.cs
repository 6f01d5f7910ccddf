using Microsoft.AspNetCore.Mvc;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json;
using VeerkrachtBot.Bot.Adapter;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Messages;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework messaging endpoint. It reads and checks the activity itself so
/// that bad input gets a clear 4xx instead of an exception inside the adapter, then hands it to the adapter.
/// With authentication off, <see cref="OpenMessagingPolicy"/> decides what it accepts, and new conversations are
/// limited per client address.
/// </summary>
public static class MessagesApi
{
    private static readonly JsonWebTokenHandler Tokens = new();

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", HandleAsync).WithName("BotMessages").DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, VeerkrachtAdapter adapter, IBot bot, IOptions<BotOptions> options, IConfiguration configuration,
        OpenMessagingPolicy policy, ClientRateLimits limits, IStorage storage, ResidentService residents, CancellationToken cancellationToken)
    {
        var authenticated = !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);
        if (!authenticated && !policy.Enabled)
        {
            return Problem(OpenMessagingPolicy.NotEnabled);
        }

        var body = await RequestBody.ReadLimitedAsync(context.Request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"The body is larger than {options.Value.MaxRequestBytes} bytes.");
        }

        var (activity, parseError) = ActivityValidation.Parse(body);
        if (activity is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", parseError!);
        }

        var invalid = ActivityValidation.ValidateIncoming(activity);
        if (invalid is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", invalid);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authenticated && !LooksLikeAToken(authorization))
        {
            return Unauthorized();
        }

        if (!authenticated)
        {
            if (policy.Check(activity) is { } refusal)
            {
                return Problem(refusal);
            }

            // Each new conversation creates state rows, and each new user a resident: one client address cannot make
            // them without end, neither with fresh conversations nor with fresh user ids in one conversation.
            if (await IsNewConversationAsync(storage, activity, cancellationToken) && limits.NewConversation(context) is { } wait)
            {
                RetryAfter.Set(context.Response, wait);
                return Problem(StatusCodes.Status429TooManyRequests, "Too many new conversations", "This client opened too many conversations in the last minute; try again later.");
            }

            if (limits.NewUsers(context, await NewUsersAsync(residents, activity, cancellationToken)) is { } userWait)
            {
                RetryAfter.Set(context.Response, userWait);
                return Problem(StatusCodes.Status429TooManyRequests, "Too many new users", "This client brought too many users the bot does not know in the last minute; try again later.");
            }
        }

        InvokeResponse? invokeResponse;
        try
        {
            invokeResponse = await adapter.ProcessValidatedAsync(authorization, activity, bot, cancellationToken);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or SecurityTokenException or SecurityTokenArgumentException)
        {
            return Unauthorized();
        }

        if (invokeResponse is null)
        {
            return Results.Ok();
        }

        if (invokeResponse.Body is AdmissionRefusal refused)
        {
            RetryAfter.Set(context.Response, refused.RetryAfter);
        }

        return invokeResponse.Body is null
            ? Results.StatusCode(invokeResponse.Status)
            : Results.Text(JsonConvert.SerializeObject(invokeResponse.Body), "application/json", statusCode: invokeResponse.Status);
    }

    /// <summary>
    /// "Bearer" and a JWT whose header and payload can be read: anything else cannot be a Bot Framework token and is
    /// refused here, before the adapter's parser throws on it (which would be a 500 and an error in the log).
    /// </summary>
    private static bool LooksLikeAToken(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 16 * 1024)
        {
            return false;
        }

        try
        {
            return Tokens.ReadJsonWebToken(authorization["Bearer ".Length..].Trim()) is not null;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the conversation has no state yet (its key as <see cref="ConversationState"/> writes it). While the
    /// database is briefly away this cannot be known; the turn then runs and meets the same failure, where the
    /// adapter asks the resident to try again (and nothing new can be created meanwhile).
    /// </summary>
    private static async Task<bool> IsNewConversationAsync(IStorage storage, Activity activity, CancellationToken cancellationToken)
    {
        var key = $"{activity.ChannelId}/conversations/{activity.Conversation.Id}";
        try
        {
            return !(await storage.ReadAsync([key], cancellationToken)).ContainsKey(key);
        }
        catch (Exception ex) when (TransientDatabaseErrors.IsTransient(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// How many of the users an activity names (its sender, and the members an update adds) the bot does not know yet:
    /// each would become a resident. While the database is briefly away this cannot be known; none are counted, and the
    /// turn meets the same failure (and creates nothing).
    /// </summary>
    private static async Task<int> NewUsersAsync(ResidentService residents, Activity activity, CancellationToken cancellationToken)
    {
        var users = new[] { activity.From }.Concat(activity.MembersAdded ?? [])
            .Select(a => a?.Id)
            .Where(id => !string.IsNullOrEmpty(id) && id != activity.Recipient?.Id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var unknown = 0;
        try
        {
            foreach (var user in users)
            {
                if (await residents.FindAsync(activity.ChannelId, user!, cancellationToken) is null)
                {
                    unknown++;
                }
            }
        }
        catch (Exception ex) when (TransientDatabaseErrors.IsTransient(ex))
        {
            return 0;
        }

        return unknown;
    }

    private static IResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The request does not carry a valid Bot Framework token.");

    private static IResult Problem(Refusal refusal) => Problem(refusal.Status, refusal.Title, refusal.Detail);

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
