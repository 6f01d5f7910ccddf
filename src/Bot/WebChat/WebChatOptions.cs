using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Bot.WebChat;

/// <summary>The web chat page's token endpoint. Bound from <c>WebChat</c>.</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>New conversations one client address may open per minute (each creates a database row).</summary>
    [Range(1, 100_000)]
    public int TokensPerMinutePerClient { get; set; } = 30;
}
