using Microsoft.Bot.Builder;
using Newtonsoft.Json;

namespace VeerkrachtBot.Bot.Routing;

/// <summary>
/// The invoke responses of turns that <see cref="TurnAdmission"/> answers itself (the bot never ran, or its turn
/// failed), so no invoke gets the SDK's 501. Bodies have the shape Teams reads for Adaptive Card actions
/// (<c>statusCode</c>, <c>type</c>, <c>value</c>).
/// </summary>
public static class AdmissionResponses
{
    /// <summary>Seconds a person is asked to wait when their turn could not be saved.</summary>
    public const int TryAgainSeconds = 5;

    /// <summary>A redelivery of an activity that was handled: done, nothing to add.</summary>
    public static InvokeResponse Redelivery() => new() { Status = StatusCodes.Status200OK };

    /// <summary>Over the conversation's rate limit: come back when the minute's window ends.</summary>
    public static InvokeResponse TooManyRequests(TimeSpan wait) => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Body = new AdmissionRefusal(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many activities in this conversation in the last minute.", wait),
    };

    /// <summary>The turn failed but nothing of the conversation was lost: the person can simply try again.</summary>
    public static InvokeResponse TryAgainLater(string? text) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Body = new AdmissionRefusal(StatusCodes.Status503ServiceUnavailable, "TryAgainLater", text ?? "Please try again in a moment.", TimeSpan.FromSeconds(TryAgainSeconds)),
    };

    /// <summary>
    /// The turn failed and the conversation starts afresh. That is handled, not a server error: the channel must not
    /// deliver the same activity again. The apology is the answer.
    /// </summary>
    public static InvokeResponse StartedAfresh(string? text) => new()
    {
        Status = StatusCodes.Status200OK,
        Body = new { statusCode = StatusCodes.Status200OK, type = "application/vnd.microsoft.activity.message", value = text ?? string.Empty },
    };
}

/// <summary>An invoke refused for now, with how long to wait; the messaging endpoint turns the wait into Retry-After.</summary>
public sealed class AdmissionRefusal(int status, string code, string message, TimeSpan retryAfter)
{
    [JsonProperty("statusCode")]
    public int StatusCode { get; } = status;

    [JsonProperty("type")]
    public string Type { get; } = "application/vnd.microsoft.error";

    [JsonProperty("value")]
    public object Value { get; } = new { code, message };

    [JsonIgnore]
    public TimeSpan RetryAfter { get; } = retryAfter;
}
