namespace VeerkrachtBot.Core;

/// <summary>Identifiers made by the application: time-ordered GUIDs keep database indexes compact.</summary>
public static class Ids
{
    private static readonly Lock Gate = new();
    private static long _lastMs;
    private static int _counter;

    /// <summary>
    /// A new id, 32 lowercase hex characters: a UUID version 7 (RFC 9562) whose 12 bits after the millisecond are a
    /// counter (its method 1), so ids made by this process sort in the order they were made, also within one
    /// millisecond. The outbox sends a recipient's messages in id order.
    /// </summary>
    public static string New()
    {
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        int counter;
        lock (Gate)
        {
            if (ms > _lastMs)
            {
                // A random start in the lower half leaves room for thousands more in the same millisecond.
                _lastMs = ms;
                _counter = Random.Shared.Next(0, 0x800);
            }
            else if (++_counter > 0xFFF)
            {
                _lastMs++;
                _counter = 0;
            }

            ms = _lastMs;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes[8..]);
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return Convert.ToHexStringLower(bytes);
    }
}

/// <summary>Times are stored as UTC Unix milliseconds, the one representation both databases index alike.</summary>
internal static class UnixTime
{
    public static long Ms(this DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static DateTimeOffset? At(long? milliseconds) => milliseconds is { } ms ? At(ms) : null;
}
