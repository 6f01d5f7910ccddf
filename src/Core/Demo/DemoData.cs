using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Demo;

/// <summary>Whether a new, empty database gets example meetings and polls. Bound from <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Demo";

    /// <summary>Seed examples into an empty database at start (on by default for the local run; off in production).</summary>
    public bool Enabled { get; set; }
}

/// <summary>
/// Seeds a few example meetings and one open poll for every neighbourhood, so that a new user sees every flow
/// at once. Everything is marked as an example (<c>IsExample</c>, "Voorbeeld:" in the title). Runs only on a
/// database without meetings and polls, and only once across instances (a claim row in the state table).
/// </summary>
public sealed class DemoData(IDatabase database, IStateStore state, MeetingService meetings, PollService polls,
    NeighbourhoodCatalog neighbourhoods, TimeProvider clock, ILogger<DemoData> logger)
{
    internal const string ClaimKey = "core/demo-data";
    internal const string CountContent = "SELECT (SELECT COUNT(*) FROM meetings) + (SELECT COUNT(*) FROM polls)";
    private const string Organiser = "VeerkrachtBot (voorbeeld)";

    /// <summary>Seeds the examples when the database is empty and nobody seeded it before; true when it did.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await connection.ExecuteScalarAsync<long>(CountContent).ConfigureAwait(false) > 0)
            {
                return false;
            }
        }

        try
        {
            // A first save: the write creates the row, or fails when another instance created it.
            await state.WriteAsync(ClaimKey, "{}", expectedETag: null, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            return false;
        }

        var today = AmsterdamTime.ToLocal(clock.GetUtcNow()).Date;
        foreach (var (neighbourhood, index) in neighbourhoods.All.Select((n, i) => (n, i)))
        {
            await PlanAsync(neighbourhood, "Voorbeeld: Buurtavond " + neighbourhood.Name,
                "Een avond voor iedereen uit de buurt. We praten over wat er goed gaat en wat beter kan. Koffie en thee staan klaar.",
                "Buurtcentrum " + neighbourhood.Name, NextWeekday(today.AddDays(index), DayOfWeek.Tuesday).AddHours(19).AddMinutes(30), TimeSpan.FromHours(2), 40, cancellationToken).ConfigureAwait(false);
            await PlanAsync(neighbourhood, "Voorbeeld: Meemakers-wandeling " + neighbourhood.Name,
                "We lopen samen een uur door de buurt en kijken wat er beter kan: stoepen, groen, licht, speelplekken.",
                "Verzamelen bij de ingang van het buurtcentrum", NextWeekday(today.AddDays(index), DayOfWeek.Saturday).AddHours(10), TimeSpan.FromHours(1), 4, cancellationToken).ConfigureAwait(false);
        }

        // Open from now until the end of the day four weeks ahead, so the card says "tot ... om 23:59 uur".
        await polls.CreateAsync("Voorbeeld: speelplekken in de buurt",
            "Wat vind je van de speelplekken voor kinderen in je buurt?", allowComment: true,
            neighbourhoods.All.Select(n => n.Id).ToList(), clock.GetUtcNow().AddMinutes(-1), AmsterdamTime.FromLocal(today.AddDays(28).AddHours(23).AddMinutes(59)),
            Organiser, isExample: true, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Seeded example meetings and an example poll for {Neighbourhoods} (Demo:Enabled=false turns this off)",
            string.Join(", ", neighbourhoods.All.Select(n => n.Name)));
        return true;
    }

    private Task PlanAsync(Neighbourhood neighbourhood, string title, string description, string place, DateTime localStart, TimeSpan length, int capacity, CancellationToken cancellationToken)
    {
        var start = AmsterdamTime.FromLocal(localStart);
        return meetings.PlanAsync(neighbourhood.Id, title, description, place, start, start + length, capacity, Organiser, isExample: true, cancellationToken: cancellationToken);
    }

    /// <summary>The first <paramref name="day"/> after <paramref name="from"/> (never the same day: examples lie ahead).</summary>
    private static DateTime NextWeekday(DateTime from, DayOfWeek day)
    {
        var days = ((int)day - (int)from.DayOfWeek + 7) % 7;
        return from.AddDays(days == 0 ? 7 : days);
    }
}

/// <summary>Runs <see cref="DemoData"/> at start when <see cref="DemoOptions.Enabled"/>; after the migrations.</summary>
internal sealed class DemoDataHostedService(DemoData demo, IOptions<DemoOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => options.Value.Enabled ? demo.SeedAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
