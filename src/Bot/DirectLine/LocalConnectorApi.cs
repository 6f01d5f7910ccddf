using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Messages;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>
/// The Bot Connector side of the local Direct Line: the bot's connector client POSTs its replies here (the
/// serviceUrl of local conversations), and they land in the transcript that Web Chat reads. Only the bot may
/// call it: its calls carry the <see cref="LocalConnectorKey"/>. Being on this machine proves nothing (behind a
/// reverse proxy every client is).
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

    private static async Task<IResult> ReceiveAsync(string conversationId, HttpContext context, DirectLineService service, TranscriptStore transcripts, LocalConnectorKey key,
        IOptions<BotOptions> options, CancellationToken cancellationToken)
    {
        if (!await key.IsValidAsync(context.Request.Headers[LocalConnectorKey.Header].ToString(), cancellationToken))
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
