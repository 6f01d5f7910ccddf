using System.Globalization;
using Dapper;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Reports;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Demo;

/// <summary>What <see cref="MonitoringDemo"/> wrote: how many residents, and every personal value it put in the database.</summary>
/// <param name="Residents">Residents seeded.</param>
/// <param name="PersonalValues">Pseudonyms, names, e-mail addresses, phone numbers and original texts: none may appear in a report.</param>
public sealed record MonitoringDemoResult(int Residents, IReadOnlyList<string> PersonalValues);

/// <summary>
/// A synthetic year and a quarter of a programme for the monitoring report's demo and tests: residents of Pottenberg and
/// Nazareth who share ideas (some with a name, phone number or e-mail address in the original text), answer meetings,
/// polls and the pulse, evaluate, tell their age band (young residents less often: a group to flag), and the CBS
/// population per age band. Deterministic for a seed and a clock; written with plain SQL on either engine. Never run
/// by the bot itself: the <c>report-demo</c> tool and the tests call it on a database of their own.
/// </summary>
public static class MonitoringDemo
{
    private static readonly string[] FirstNames = ["Jan", "Fatima", "Piet", "Anouk", "Mohamed", "Sanne", "Karim", "Els", "Bram", "Yasmina"];
    private static readonly string[] LastNames = ["Janssen", "Bouzid", "Smeets", "Claessens", "Yilmaz", "Hermans", "Peters", "Kaya"];

    private static readonly (string Theme, string Text, string[] Phrases)[] Concerns =
    [
        ("public-space", "De lantaarnpaal bij de speeltuin is al weken kapot, het is daar 's avonds donker", ["lantaarnpaal", "speeltuin"]),
        ("public-space", "Bij de speeltuin brandt de lantaarnpaal niet meer, graag repareren", ["lantaarnpaal", "speeltuin"]),
        ("safety", "Er wordt in onze straat veel te hard gereden, vooral 's avonds", ["hard rijden", "straat"]),
        ("mobility", "Auto's rijden te hard door de straat, een drempel zou helpen", ["hard rijden", "drempel"]),
        ("community", "Ik zou graag een koffieochtend in het buurtcentrum willen voor nieuwe bewoners", ["koffieochtend", "buurtcentrum"]),
        ("housing", "Er zit schimmel in de badkamer en de woningcorporatie komt niet", ["schimmel", "badkamer"]),
        ("youth-education", "Kinderen hebben geen plek om huiswerk te maken, graag huiswerkbegeleiding", ["huiswerkbegeleiding", "kinderen"]),
        ("public-space", "Er ligt veel zwerfafval en hondenpoep op het grasveld", ["zwerfafval", "grasveld"]),
    ];

    // Per goal: the mean the scores drift around in the first quarter, and how much it rises per quarter.
    private static readonly Dictionary<string, (double Start, double Rise)> GoalMeans = new(StringComparer.Ordinal)
    {
        [PulseGoals.Agency] = (2.6, 0.15),
        [PulseGoals.Opportunities] = (2.8, 0.05),
        [PulseGoals.Liveability] = (3.4, 0.1),
        [PulseGoals.Nuisance] = (2.9, 0.0),
        [PulseGoals.Health] = (3.5, -0.05),
        [PulseGoals.Community] = (3.2, 0.12),
    };

    /// <summary>CBS-like population per age band (invented figures of the right size).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Population { get; } = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal)
    {
        ["pottenberg"] = new Dictionary<string, int>(StringComparer.Ordinal) { ["0-14"] = 610, ["15-24"] = 480, ["25-44"] = 1020, ["45-64"] = 930, ["65+"] = 760 },
        ["nazareth"] = new Dictionary<string, int>(StringComparer.Ordinal) { ["0-14"] = 520, ["15-24"] = 390, ["25-44"] = 880, ["45-64"] = 720, ["65+"] = 540 },
    };

    /// <summary>Seeds five quarters up to the quarter of <paramref name="now"/> (the last one running) on an empty, migrated database.</summary>
    public static Task<MonitoringDemoResult> SeedAsync(IDatabase database, DateTimeOffset now, int seed = 16, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => SeedAsync(connection, transaction, now, seed), cancellationToken);

    private static async Task<MonitoringDemoResult> SeedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, DateTimeOffset now, int seed)
    {
        var random = new Random(seed);
        var personal = new List<string>();
        var last = PulsePeriod.Of(now, PulsePeriodLength.Quarter);
        var quarters = ReportPeriods.Range(last.Previous().Previous().Previous().Previous(), last);
        var nowMs = now.ToUnixTimeMilliseconds();
        var residents = 0;
        var counter = 0;
        string Id(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{seed}-{++counter:D6}");

        Task Execute(string sql, object parameters) => connection.ExecuteAsync(sql, parameters, transaction);

        foreach (var (neighbourhood, size) in new[] { ("pottenberg", 140), ("nazareth", 70) })
        {
            foreach (var (band, people) in Population[neighbourhood])
            {
                await Execute("INSERT INTO neighbourhood_population (neighbourhood_id, age_band, population, source, entered_by, entered_at) VALUES (@n, @band, @people, 'CBS Kerncijfers wijken en buurten 2025', 'programmamanager', @at)",
                    new { n = neighbourhood, band, people, at = nowMs }).ConfigureAwait(false);
            }

            // Per quarter: a meeting (past ones with attendance) and a closed poll.
            var meetings = new List<(string Id, long Start)>();
            var polls = new List<string>();
            foreach (var quarter in quarters)
            {
                var start = ReportPeriods.Start(quarter).AddDays(40).AddHours(18);
                var meeting = Id("meeting");
                meetings.Add((meeting, start.ToUnixTimeMilliseconds()));
                await Execute("INSERT INTO meetings (id, neighbourhood_id, title, description, place, starts_at, ends_at, capacity, organiser, is_example, created_at) VALUES (@id, @n, @title, 'Praten over de buurt', @place, @start, @end, 60, 'programmamanager', 0, @start)",
                    new { id = meeting, n = neighbourhood, title = "Buurtavond " + quarter.Key, place = "Buurtcentrum", start = start.ToUnixTimeMilliseconds(), end = start.AddHours(2).ToUnixTimeMilliseconds() }).ConfigureAwait(false);
                var poll = Id("poll");
                polls.Add(poll);
                await Execute("INSERT INTO polls (id, agenda_item, question, allow_comment, opens_at, closes_at, status, is_example, created_by, created_at) VALUES (@id, 'Wijkagenda', 'Wat vind je van het plan?', 1, @opens, @closes, 'Closed', 0, 'programmamanager', @opens)",
                    new { id = poll, opens = ReportPeriods.Start(quarter).ToUnixTimeMilliseconds(), closes = ReportPeriods.End(quarter).ToUnixTimeMilliseconds() - 1 }).ConfigureAwait(false);
                await Execute("INSERT INTO poll_neighbourhoods (poll_id, neighbourhood_id) VALUES (@poll, @n)", new { poll, n = neighbourhood }).ConfigureAwait(false);
            }

            var upcoming = AmsterdamTime.FromLocal(AmsterdamTime.ToLocal(now).Date.AddDays(12).AddHours(19));
            await Execute("INSERT INTO meetings (id, neighbourhood_id, title, description, place, starts_at, ends_at, capacity, organiser, is_example, created_at) VALUES (@id, @n, 'Buurtavond: wat doen we met de speeltuin?', 'Samen plannen maken', 'Buurtcentrum', @start, @end, 60, 'programmamanager', 0, @now)",
                new { id = Id("meeting"), n = neighbourhood, start = upcoming.ToUnixTimeMilliseconds(), end = upcoming.AddHours(2).ToUnixTimeMilliseconds(), now = nowMs }).ConfigureAwait(false);

            for (var r = 0; r < size; r++)
            {
                residents++;
                var resident = Id("demo-resident");
                personal.Add(resident);
                var firstQuarter = random.Next(quarters.Count);
                var stay = 0.45 + (random.NextDouble() * 0.4);
                var firstAt = ReportPeriods.Start(quarters[firstQuarter]).AddDays(random.Next(1, 80)).ToUnixTimeMilliseconds();
                await Execute("INSERT INTO residents (id, channel_id, language, neighbourhood_id, created_at, last_seen_at) VALUES (@id, 'webchat', 'nl', @n, @at, @at)",
                    new { id = resident, n = neighbourhood, at = firstAt }).ConfigureAwait(false);

                // Young residents tell their age less often and take part less: the demo's under-represented group.
                var band = random.NextDouble() switch { < 0.04 => "15-24", < 0.38 => "25-44", < 0.68 => "45-64", _ => "65+" };
                if (random.NextDouble() < 0.7)
                {
                    await Execute("INSERT INTO resident_background (resident_id, age_band, years_band, household, offered_at, updated_at) VALUES (@id, @band, '5-10', 'alone', @at, @at)",
                        new { id = resident, band, at = firstAt }).ConfigureAwait(false);
                }

                for (var q = firstQuarter; q < quarters.Count; q++)
                {
                    if (q > firstQuarter && random.NextDouble() > stay)
                    {
                        continue;
                    }

                    var quarter = quarters[q];
                    var start = ReportPeriods.Start(quarter);
                    var end = Math.Min(ReportPeriods.End(quarter).ToUnixTimeMilliseconds(), nowMs) - 1;
                    long At() => Math.Min(start.AddDays(random.Next(0, 85)).AddMinutes(random.Next(0, 1440)).ToUnixTimeMilliseconds(), end);
                    var didSomething = false;

                    if (random.NextDouble() < 0.45)
                    {
                        didSomething = true;
                        var concern = Concerns[random.Next(Concerns.Length)];
                        var name = FirstNames[random.Next(FirstNames.Length)] + " " + LastNames[random.Next(LastNames.Length)];
                        var phone = string.Create(CultureInfo.InvariantCulture, $"06-{random.Next(10_000_000, 99_999_999)}");
                        var email = string.Create(CultureInfo.InvariantCulture, $"{name.Replace(' ', '.').ToLowerInvariant()}{random.Next(10, 99)}@voorbeeld.nl");
                        var original = $"{concern.Text}. Groet, {name}, bel me op {phone} of mail {email}";
                        personal.AddRange([name, phone, email, original]);
                        var idea = Id("idea");
                        var at = At();
                        var status = random.NextDouble() switch { < 0.4 => "Received", < 0.6 => "InDiscussion", < 0.8 => "Planned", < 0.93 => "Done", _ => "NotFeasible" };
                        await Execute("""
                            INSERT INTO ideas (id, source_key, resident_id, neighbourhood_id, language, original_text, redacted_text, sentiment_label, sentiment_score, key_phrases, analysis_source, status, status_explanation, contact_allowed, contact_detail, received_at, updated_at)
                            VALUES (@id, @id, @resident, @n, 'nl', @original, @redacted, 'Negative', -0.5, @phrases, 'Local', @status, NULL, 1, @phone, @at, @at)
                            """, new { id = idea, resident, n = neighbourhood, original, redacted = PersonalDataRedactor.Redact(original).Text, phrases = System.Text.Json.JsonSerializer.Serialize(concern.Phrases), status, phone, at }).ConfigureAwait(false);
                        await Execute("INSERT INTO idea_themes (idea_id, theme_id, score, confirmed, neighbourhood_id, received_at) VALUES (@idea, @theme, 0.9, 0, @n, @at)",
                            new { idea, theme = concern.Theme, n = neighbourhood, at }).ConfigureAwait(false);
                        if (status != "Received")
                        {
                            var explanation = status switch
                            {
                                "InDiscussion" => "We bespreken dit met de gemeente en de woningcorporatie. Vragen? Bel Trajekt op 043-3503600.",
                                "Planned" => "De gemeente pakt dit in de komende maanden op.",
                                "Done" => "Dit is gedaan. Dank voor het melden!",
                                _ => "Dit kan helaas niet: het valt buiten het budget van de buurt.",
                            };
                            await Execute("INSERT INTO idea_status_history (id, idea_id, status, explanation, changed_by, changed_at) VALUES (@id, @idea, @status, @explanation, 'professional', @at)",
                                new { id = Id("status"), idea, status, explanation, at = Math.Min(at + 86_400_000L, end) }).ConfigureAwait(false);
                        }
                    }

                    if (random.NextDouble() < 0.3)
                    {
                        didSomething = true;
                        var (meeting, meetingStart) = meetings[q];
                        await Execute("INSERT INTO rsvps (meeting_id, resident_id, neighbourhood_id, response, party_size, status, waiting_since, responded_at) VALUES (@meeting, @resident, @n, 'Yes', 1, 'Confirmed', NULL, @at)",
                            new { meeting, resident, n = neighbourhood, at = Math.Min(At(), meetingStart - 1) }).ConfigureAwait(false);
                        if (meetingStart < nowMs && random.NextDouble() < 0.7)
                        {
                            await Execute("INSERT INTO meeting_attendance (meeting_id, resident_id, source, marked_by, marked_at) VALUES (@meeting, @resident, 'Resident', @resident, @at)",
                                new { meeting, resident, at = meetingStart + 7_200_000L }).ConfigureAwait(false);
                            if (random.NextDouble() < 0.5)
                            {
                                await Execute("INSERT INTO evaluations (id, resident_id, subject_kind, subject_id, neighbourhood_id, score, comment, answered_at) VALUES (@id, @resident, 'Meeting', @meeting, @n, @score, NULL, @at)",
                                    new { id = Id("evaluation"), resident, meeting, n = neighbourhood, score = random.Next(3, 6), at = meetingStart + 86_400_000L }).ConfigureAwait(false);
                            }
                        }
                    }

                    if (random.NextDouble() < 0.35)
                    {
                        didSomething = true;
                        await Execute("INSERT INTO poll_responses (id, poll_id, resident_id, neighbourhood_id, score, comment, responded_at) VALUES (@id, @poll, @resident, @n, @score, NULL, @at)",
                            new { id = Id("answer"), poll = polls[q], resident, n = neighbourhood, score = random.Next(1, 6), at = At() }).ConfigureAwait(false);
                    }

                    if (!didSomething || random.NextDouble() < 0.5)
                    {
                        var at = At();
                        foreach (var goal in PulseGoals.All)
                        {
                            var (mean, rise) = GoalMeans[goal];
                            int? score = random.NextDouble() < 0.08 ? null : Math.Clamp((int)Math.Round(mean + (rise * q) + (Normal(random) * 0.9)), PulseScale.Min, PulseScale.Max);
                            await Execute("INSERT INTO pulse_responses (id, resident_id, neighbourhood_id, period, item_key, score, answered_at) VALUES (@id, @resident, @n, @period, @goal, @score, @at)",
                                new { id = Id("pulse"), resident, n = neighbourhood, period = quarter.Key, goal, score, at }).ConfigureAwait(false);
                        }
                    }
                }
            }
        }

        return new MonitoringDemoResult(residents, personal.Distinct(StringComparer.Ordinal).ToList());
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
