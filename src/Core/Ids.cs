namespace VeerkrachtBot.Core;

/// <summary>Identifiers made by the application: time-ordered GUIDs keep database indexes compact.</summary>
public static class Ids
{
    /// <summary>A new id, 32 lowercase hex characters, sorting roughly by creation time.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");
}

/// <summary>Times are stored as UTC Unix milliseconds, the one representation both databases index alike.</summary>
internal static class UnixTime
{
    public static long Ms(this DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static DateTimeOffset? At(long? milliseconds) => milliseconds is { } ms ? At(ms) : null;
}
