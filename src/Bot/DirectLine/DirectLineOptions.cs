using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Bot.DirectLine;

/// <summary>The local Direct Line 3.0 endpoint that lets Web Chat work without Azure. Bound from <c>DirectLine</c>.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>Host <c>/v3/directline</c> in this process. Off when Azure Bot Service's Direct Line is used.</summary>
    public bool LocalEnabled { get; set; } = true;

    /// <summary>
    /// Optional Direct Line secret for clients that generate their own tokens (<c>tokens/generate</c>) or start
    /// conversations with the secret. Empty: only tokens issued by <c>/api/webchat/token</c> are accepted.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Lifetime of a conversation token; clients refresh before it ends.</summary>
    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>
    /// How often an open stream also checks the database for new activities. Within one process new activities
    /// are pushed at once; this interval covers activities written by another bot instance.
    /// </summary>
    [Range(100, 60_000)]
    public int StreamPollMilliseconds { get; set; } = 2000;

    /// <summary>Most activities returned by one GET of the activities list.</summary>
    [Range(1, 1000)]
    public int MaxActivitiesPerGet { get; set; } = 100;

    /// <summary>Activities one client address may post per minute (each is stored in a transcript); 429 with Retry-After beyond.</summary>
    [Range(1, 1_000_000)]
    public int ActivitiesPerMinutePerClient { get; set; } = 60;

    /// <summary>
    /// Most characters one conversation's transcript may hold (the resident's activities and the bot's replies);
    /// beyond it the client gets 413 and starts a new conversation.
    /// </summary>
    [Range(50_000, int.MaxValue)]
    public int MaxTranscriptCharsPerConversation { get; set; } = 2_000_000;

    /// <summary>
    /// Where the bot sends its replies for local Direct Line conversations. Empty: this process's own first
    /// http address (never taken from a request's Host header, so a client cannot redirect the bot's replies).
    /// Its calls carry the local connector's key, so it must be https, or http on this machine (loopback).
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>What <see cref="ServiceUrl"/> must be, said when it is not.</summary>
    public const string ServiceUrlRule =
        "DirectLine:ServiceUrl receives the local connector's key with every reply: it must be an absolute https URL, or http on a loopback address (localhost, 127.0.0.1, [::1]).";

    /// <summary>Whether a configured service URL keeps the key off the network: https, or http to loopback. Empty is the safe default.</summary>
    public static bool IsSafeServiceUrl(string? serviceUrl) =>
        string.IsNullOrWhiteSpace(serviceUrl)
        || (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)));
}
