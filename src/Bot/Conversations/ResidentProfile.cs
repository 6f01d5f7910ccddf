namespace VeerkrachtBot.Bot.Conversations;

/// <summary>What the bot remembers about a resident between conversations (user state).</summary>
public sealed class ResidentProfile
{
    /// <summary>"nl" or "en" once the resident chose; null means: follow the channel's locale.</summary>
    public string? Language { get; set; }
}
