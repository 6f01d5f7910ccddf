namespace VeerkrachtBot.Bot.Tests.Infrastructure;

/// <summary>Waits for what another part of the bot does on its own time (the outbox worker sends shortly after a commit).</summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails with <paramref name="what"/> after <paramref name="timeout"/> (30 s).</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Waited in vain for: {what}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Returns the value once it is not null.</summary>
    public static async Task<T> FoundAsync<T>(Func<Task<T?>> find, string what, TimeSpan? timeout = null)
        where T : class
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await find() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Waited in vain for: {what}");
            }

            await Task.Delay(50);
        }
    }
}
