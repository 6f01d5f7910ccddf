using System.ComponentModel.DataAnnotations;

namespace VeerkrachtBot.Bot;

/// <summary>Limits and identity of the bot host. Bound from the <c>Bot</c> section.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>Largest request body accepted on <c>/api/messages</c> and the Direct Line endpoints.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Longest message text the bot reads; longer messages get a friendly reply.</summary>
    [Range(100, 100_000)]
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>The bot's display name in conversations.</summary>
    [Required]
    public string Name { get; set; } = "VeerkrachtBot";
}
