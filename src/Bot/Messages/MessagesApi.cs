using Microsoft.AspNetCore.Mvc;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using VeerkrachtBot.Bot.Adapter;

namespace VeerkrachtBot.Bot.Messages;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework messaging endpoint. It reads and checks the activity itself so
/// that bad input gets a clear 4xx instead of an exception inside the adapter, then hands it to the adapter.
/// </summary>
public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", HandleAsync).WithName("BotMessages").DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, VeerkrachtAdapter adapter, IBot bot, IOptions<BotOptions> options, IConfiguration configuration, CancellationToken cancellationToken)
    {
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

        // Without authentication anyone could make the bot POST to any address they name (SSRF): then it only
        // replies to a serviceUrl on this machine (the Emulator, a local test connector).
        if (string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]) && !ActivityValidation.IsLoopback(new Uri(activity.ServiceUrl)))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", "Without Bot Framework authentication (no MicrosoftAppId) the bot only replies to a serviceUrl on this machine.");
        }

        InvokeResponse? invokeResponse;
        try
        {
            invokeResponse = await adapter.ProcessValidatedAsync(context.Request.Headers.Authorization.ToString(), activity, bot, cancellationToken);
        }
        catch (UnauthorizedAccessException)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The request does not carry a valid Bot Framework token.");
        }

        if (invokeResponse is null)
        {
            return Results.Ok();
        }

        return invokeResponse.Body is null
            ? Results.StatusCode(invokeResponse.Status)
            : Results.Text(JsonConvert.SerializeObject(invokeResponse.Body), "application/json", statusCode: invokeResponse.Status);
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
