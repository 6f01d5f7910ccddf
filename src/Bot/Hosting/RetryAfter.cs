using System.Globalization;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>The one place that writes <c>Retry-After</c>: whole seconds, at least one.</summary>
public static class RetryAfter
{
    /// <summary>What a 429 says when the code that refused did not know how long (the limits count per minute).</summary>
    public static TimeSpan TooManyRequestsDefault { get; } = TimeSpan.FromMinutes(1);

    /// <summary>What a 503 says when the code that refused did not know how long.</summary>
    public static TimeSpan UnavailableDefault { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Sets <c>Retry-After</c> on a response that refuses for now.</summary>
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
