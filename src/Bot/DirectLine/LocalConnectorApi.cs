using System.Net;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Messages;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>
/// The Bot Connector side of the local Direct Line: the bot's connector client POSTs its replies here (the
/// serviceUrl of local conversations), and they land in the transcript that Web Chat reads. Only this machine
/// may call it: the bot itself, over loopback.
/// </summary>
public static class LocalConnectorApi
{
    public static IEndpointRouteBuilder MapLocalConnectorApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(LocalServiceUrl.PathPrefix + "/v3/conversations/{conversationId}").DisableAntiforgery();
        group.MapPost("/activities", ReceiveAsync);
        group.MapPost("/activities/{activityId}", ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(string conversationId, HttpContext context, DirectLineService service, TranscriptStore transcripts, IOptions<BotOptions> options, CancellationToken cancellationToken)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The local connector only accepts the bot's own calls.");
        }

        var body = await RequestBody.ReadLimitedAsync(context.Request, options.Value.MaxRequestBytes, cancellationToken);
        var (activity, error) = body is null ? (null, "The activity is too large.") : ActivityValidation.Parse(body);
        if (activity is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid activity", detail: error);
        }

        if (await transcripts.GetAsync(conversationId, cancellationToken) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found");
        }

        var id = await service.AcceptFromBotAsync(conversationId, activity, cancellationToken);
        return Results.Json(new { id });
    }
}
