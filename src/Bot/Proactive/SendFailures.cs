using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>What a failed send means for the message.</summary>
public enum FailureKind
{
    /// <summary>Passing: the channel is busy or unreachable (429, 412, 408, 5xx, network). Try again later.</summary>
    Retry,

    /// <summary>The conversation refuses the bot or is gone (403 with a Teams code that says so, 404): stop sending to it.</summary>
    RecipientGone,

    /// <summary>Anything else (413 too large, 400, 401, another 403): trying again would fail the same way.</summary>
    Failed,
}

/// <summary>A failed send, read from the connector's error.</summary>
/// <param name="Kind">What it means for the message.</param>
/// <param name="Status">The HTTP status, when there was a response.</param>
/// <param name="Code">The channel's error code (Teams: <c>ConversationBlockedByUser</c>, ...), when it gave one.</param>
/// <param name="RetryAfter">How long the channel asked to wait (Retry-After), when it did.</param>
/// <param name="Reason">A short description for the outbox.</param>
public sealed record SendFailure(FailureKind Kind, int? Status, string? Code, TimeSpan? RetryAfter, string Reason);

/// <summary>Reads Bot Connector errors as Teams and Azure Bot Service document them.</summary>
public static class SendFailures
{
    /// <summary>403 codes after which Teams takes no messages from the bot in that conversation until it talks again.</summary>
    public static IReadOnlySet<string> GoneCodes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "BotDisabledByAdmin", "BotNotInConversationRoster", "ConversationBlockedByUser",
    };

    private static readonly HashSet<int> Passing = [408, 412, 429, 500, 502, 503, 504];

    /// <summary>The failure <paramref name="exception"/> stands for; null for an exception that is no send failure (a bug).</summary>
    public static SendFailure? Classify(Exception exception) => exception switch
    {
        ErrorResponseException { Response: { } response } error => FromResponse(response, error.Body?.Error?.Code),
        HttpOperationException { Response: { } response } => FromResponse(response, null),
        HttpRequestException or IOException or SocketException => new SendFailure(FailureKind.Retry, null, null, null, $"Network error: {exception.Message}"),
        _ => null,
    };

    private static SendFailure FromResponse(HttpResponseMessageWrapper response, string? code)
    {
        var status = (int)response.StatusCode;
        code ??= CodeOf(response.Content);
        var reason = code is null ? $"{status} {response.ReasonPhrase}".Trim() : $"{status} {code}";
        if (Passing.Contains(status))
        {
            return new SendFailure(FailureKind.Retry, status, code, RetryAfterOf(response), reason);
        }

        return status switch
        {
            403 when code is not null && GoneCodes.Contains(code) => new SendFailure(FailureKind.RecipientGone, status, code, null, reason),
            404 => new SendFailure(FailureKind.RecipientGone, status, code ?? "ConversationNotFound", null, reason),
            413 => new SendFailure(FailureKind.Failed, status, code, null, $"{reason}: the message is too large for the channel"),
            _ => new SendFailure(FailureKind.Failed, status, code, null, reason),
        };
    }

    /// <summary>Retry-After in seconds or as an HTTP date; null when absent or unreadable.</summary>
    internal static TimeSpan? RetryAfterOf(HttpResponseMessageWrapper response)
    {
        var value = response.Headers?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (value is null || !RetryConditionHeaderValue.TryParse(value, out var parsed))
        {
            return null;
        }

        var wait = parsed.Delta ?? (parsed.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>The <c>error.code</c> of a Bot Framework error body, when the connector did not read it.</summary>
    private static string? CodeOf(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return JToken.Parse(content).SelectToken("error.code") is JValue { Value: string code } ? code : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
