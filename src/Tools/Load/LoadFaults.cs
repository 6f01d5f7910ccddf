using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace VeerkrachtBot.Tools.Load;

/// <summary>What goes wrong around the bot during a load run (<c>--fault</c>).</summary>
internal enum LoadFault
{
    None,

    /// <summary>Azure AI Language answers after 5 s (past the bot's 3 s deadline for it), and then with 500.</summary>
    LanguageSlow,

    /// <summary>Azure AI Language answers 500 at once.</summary>
    LanguageErrors,

    /// <summary>Azure AI Language answers 429 with Retry-After at once.</summary>
    Language429,

    /// <summary>The channel's connector answers every third reply with 429 and Retry-After.</summary>
    Connector429,

    /// <summary>The channel's connector answers every third reply with 503.</summary>
    Connector5xx,

    /// <summary>Another process holds the bot's SQLite file locked for 1.5 s every 5 s.</summary>
    DatabaseLocked,
}

internal static class LoadFaults
{
    public static IReadOnlyDictionary<string, LoadFault> Names { get; } = new Dictionary<string, LoadFault>(StringComparer.Ordinal)
    {
        ["none"] = LoadFault.None,
        ["language-slow"] = LoadFault.LanguageSlow,
        ["language-errors"] = LoadFault.LanguageErrors,
        ["language-429"] = LoadFault.Language429,
        ["connector-429"] = LoadFault.Connector429,
        ["connector-5xx"] = LoadFault.Connector5xx,
        ["database-locked"] = LoadFault.DatabaseLocked,
    };

    public static bool OfLanguage(this LoadFault fault) => fault is LoadFault.LanguageSlow or LoadFault.LanguageErrors or LoadFault.Language429;
}

/// <summary>
/// Azure AI Language on loopback, in trouble: slow, failing or throttling on every request, so every analysis the
/// bot asks for has to fall back to its local analysis. Counts what it was asked.
/// </summary>
internal sealed class FaultyLanguageService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private FaultyLanguageService(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<FaultyLanguageService> StartAsync(LoadFault fault)
    {
        var app = LoopbackApp.Create();
        var service = new FaultyLanguageService(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            Interlocked.Increment(ref service._requests);
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            switch (fault)
            {
                case LoadFault.LanguageSlow:
                    await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
                    return Results.StatusCode(StatusCodes.Status500InternalServerError);
                case LoadFault.Language429:
                    context.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(StatusCodes.Status429TooManyRequests);
                default:
                    return Results.StatusCode(StatusCodes.Status500InternalServerError);
            }
        });
        service.Url = await LoopbackApp.StartAsync(app);
        return service;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>Another process's write transaction on the bot's SQLite file: 1.5 s out of every 5 s, until disposed.</summary>
internal sealed class DatabaseLocker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _locks;

    public DatabaseLocker(string path) => _loop = LockAsync(path, _stop.Token);

    public int Locks => Volatile.Read(ref _locks);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped between two locks.
        }

        _stop.Dispose();
    }

    private async Task LockAsync(string path, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(3.5), cancellationToken);
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var begin = connection.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync(cancellationToken);
            }

            Interlocked.Increment(ref _locks);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
            }
            finally
            {
                await using var rollback = connection.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }
}

/// <summary>
/// What the bot acknowledged during a run and what its database holds afterwards: every idea the bot answered for
/// (the reply comes after the commit) must be there, also after a SIGKILL and a restart; every RSVP it confirmed too.
/// </summary>
internal static class AcknowledgedCheck
{
    public static async Task<string> DescribeAsync(string databasePath, IReadOnlyCollection<string> ideaKeys, int rsvps)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var ideas = connection.CreateCommand();
        ideas.CommandText = "SELECT COUNT(*) FROM ideas WHERE source_key IN (SELECT value FROM json_each(@keys))";
        ideas.Parameters.AddWithValue("@keys", System.Text.Json.JsonSerializer.Serialize(ideaKeys));
        var stored = Convert.ToInt32(await ideas.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        await using var rows = connection.CreateCommand();
        rows.CommandText = "SELECT COUNT(*) FROM rsvps";
        var rsvpRows = Convert.ToInt32(await rows.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"acknowledged ideas {ideaKeys.Count}, in the database {stored}, missing {ideaKeys.Count - stored}; acknowledged RSVPs {rsvps}, RSVP rows {rsvpRows}{(rsvpRows < rsvps ? " (MISSING)" : "")}");
    }
}
