using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.DirectLine;

namespace VeerkrachtBot.Bot.Messages;

/// <summary>Why <c>/api/messages</c> refuses an activity: the HTTP status and what to tell the caller.</summary>
public sealed record Refusal(int Status, string Title, string Detail);

/// <summary>
/// Who may use <c>/api/messages</c> while Bot Framework authentication is off (empty <c>MicrosoftAppId</c>). Then
/// nothing proves who is calling, so the bot replies only to the service URL prefixes in
/// <c>Bot:AllowedServiceUrls</c> (a test connector, the Emulator), never acts for the local Direct Line (its
/// channel, its users, whose ids are not secret, or its connector: those conversations are driven by the Direct
/// Line endpoints only), and with nothing configured the endpoint is not there at all.
/// </summary>
public sealed class OpenMessagingPolicy(IOptions<BotOptions> options, LocalServiceUrl localServiceUrl)
{
    /// <summary>Most members one update may name without authentication (a resident's conversation has two).</summary>
    public const int MaxMembersPerUpdate = 50;

    private const string WebChatUserPrefix = "dl_";

    private readonly IReadOnlyList<ServiceUrlPrefix> _allowed = options.Value.AllowedServiceUrls
        .Where(u => !string.IsNullOrWhiteSpace(u))
        .Select(u => ServiceUrlPrefix.Parse(u) ?? throw new InvalidOperationException($"Bot:AllowedServiceUrls holds '{u}', which is not an absolute http(s) URL without user info, query or fragment."))
        .ToList();

    /// <summary>Whether any service URL is allowed; without any, the endpoint is off while authentication is off.</summary>
    public bool Enabled => _allowed.Count > 0;

    /// <summary>The answer while the endpoint is off: authentication off and no service URL configured.</summary>
    public static Refusal NotEnabled { get; } = new(StatusCodes.Status404NotFound, "Messaging endpoint not enabled",
        "Bot Framework authentication is off (no MicrosoftAppId), and then /api/messages only answers service URLs listed in Bot:AllowedServiceUrls. " +
        "Set MicrosoftAppId (and its password or identity) for channels, or list the service URL of your Bot Framework Emulator or test connector, " +
        "e.g. --Bot:AllowedServiceUrls:0=http://localhost:53123/. Residents use the web chat, which needs neither.");

    /// <summary>The refusal for an activity that arrives without authentication, or null when it may be processed.</summary>
    public Refusal? Check(Activity activity)
    {
        if (!Enabled)
        {
            return NotEnabled;
        }

        if (IsLocalDirectLine(activity))
        {
            return new Refusal(StatusCodes.Status403Forbidden, "Forbidden",
                "This activity belongs to the local Direct Line (its channel, a web chat user or its connector); those conversations only go through /v3/directline.");
        }

        if (ServiceUrlPrefix.Parse(activity.ServiceUrl) is not { } serviceUrl || !_allowed.Any(a => a.Covers(serviceUrl)))
        {
            return new Refusal(StatusCodes.Status403Forbidden, "Service URL not allowed",
                $"Without Bot Framework authentication the bot only replies to the service URLs in Bot:AllowedServiceUrls; '{Shorten(activity.ServiceUrl)}' is not among them.");
        }

        if ((activity.MembersAdded?.Count ?? 0) > MaxMembersPerUpdate || (activity.MembersRemoved?.Count ?? 0) > MaxMembersPerUpdate)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "Invalid activity",
                $"An update may name at most {MaxMembersPerUpdate} members in membersAdded or membersRemoved.");
        }

        return null;
    }

    private bool IsLocalDirectLine(Activity activity)
    {
        if (string.Equals(activity.ChannelId?.Trim(), DirectLineService.ChannelId, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var accounts = new[] { activity.From, activity.Recipient }.Concat(activity.MembersAdded ?? []).Concat(activity.MembersRemoved ?? []);
        if (accounts.Any(a => a?.Id?.Trim().StartsWith(WebChatUserPrefix, StringComparison.OrdinalIgnoreCase) == true))
        {
            return true;
        }

        return ServiceUrlPrefix.Parse(activity.ServiceUrl) is { } serviceUrl
            && (ServiceUrlPrefix.Parse(localServiceUrl.Value)!.Covers(serviceUrl) || serviceUrl.Path.StartsWith(LocalServiceUrl.PathPrefix + "/", StringComparison.OrdinalIgnoreCase));
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 200 ? value : value[..200] + "…";
}
