using System.Text.Json;
using Bogus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Tests.Digests;

/// <summary>
/// Four weeks of a neighbourhood's life written through the real stores: residents with Bogus names, e-mail addresses
/// and phone numbers (in their messages and as contact details), concerns raised by known groups of residents (some
/// growing, one too small to show), hundreds of other ideas from the language corpus, RSVPs, polls and status changes.
/// Every personal value is kept, so a test can search a card for each of them.
/// </summary>
public sealed class DigestSeed : IAsyncDisposable
{
    /// <summary>The digest's week: Monday 16 November 2026 (Amsterdam).</summary>
    public static readonly DigestPeriod Week = DigestPeriod.Containing(new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero), DigestPeriodKind.Week);

    public static readonly string[] Concerns = ["lights", "speeding", "bins", "drugs", "benches"];

    private static readonly Dictionary<string, string[]> Variants = new()
    {
        ["lights"] =
        [
            "De lantaarnpalen rond de speeltuin aan de Kastanjelaan doen het niet, het is er 's avonds aardedonker.",
            "Straatverlichting bij de speeltuin Kastanjelaan is kapot, kinderen spelen in het donker.",
            "The street lights around the Kastanjelaan playground are broken, it is pitch dark.",
            "Lampen bij de speeltuin weer stuk! Wanneer wordt de verlichting gerepareerd?",
            "Al weken kapotte lantaarnpalen rond de speeltuin, echt onveilig in het donker.",
        ],
        ["speeding"] =
        [
            "Auto's rijden veel te hard door de Akersteenweg bij de basisschool, er moet een drempel komen.",
            "Hardrijders bij de school op de Akersteenweg, gisteren bijna een kind aangereden.",
            "Cars speed past the primary school on Akersteenweg every morning, we need speed bumps.",
            "Kan er een flitspaal of verkeersdrempel komen bij de school? Er wordt te hard gereden.",
        ],
        ["bins"] =
        [
            "De afvalbakken bij het winkelcentrum puilen uit, overal zwerfvuil.",
            "Vuilnisbakken bij het winkelcentrum zijn elke dag vol, kan er vaker geleegd worden?",
            "The bins at the shopping centre are always overflowing, rubbish everywhere.",
        ],
        ["drugs"] =
        [
            "In de tunnel onder de spoorlijn wordt 's avonds gedeald, ik durf er niet meer door.",
            "Drugsdealers bij het tunneltje, elke avond. Ik voel me niet veilig.",
            "There is drug dealing in the underpass every night, I feel unsafe walking there.",
        ],
        ["benches"] =
        [
            "Kunnen er meer bankjes komen langs de route naar de markt? Ouderen moeten nu staan uitrusten.",
            "Graag een paar extra bankjes op weg naar de markt voor oudere mensen.",
        ],
    };

    private readonly string _folder;

    private DigestSeed(string folder, IDatabase database, string connectionString)
    {
        _folder = folder;
        Database = database;
        ConnectionString = connectionString;
    }

    public IDatabase Database { get; }

    public string ConnectionString { get; }

    /// <summary>Names, e-mail addresses, phone numbers and pseudonyms of every seeded resident.</summary>
    public List<string> PersonalValues { get; } = [];

    /// <summary>Original texts that differ from what was kept after redaction.</summary>
    public List<string> OriginalTexts { get; } = [];

    /// <summary>The ideas of each known concern per week offset (-1 = the week before the digest's week, 0 = its week).</summary>
    public Dictionary<(string Concern, int Week), List<string>> ConcernIdeas { get; } = [];

    public string SmallPollId { get; private set; } = "";

    public string PollId { get; private set; } = "";

    public static async Task<DigestSeed> CreateAsync(int fillerPerWeek = 60)
    {
        var folder = Path.Combine(Path.GetTempPath(), "veerkracht-digest-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "digest.db")}";
        var database = new SqliteDatabase(connectionString);
        await new MigrationRunner(database, [new CoreMigrations(), new VeerkrachtBot.Core.Notifications.NotificationMigrations(), new UrgentIdeaMigrations(), new DigestMigrations()], NullLogger<MigrationRunner>.Instance).ApplyAsync();
        var seed = new DigestSeed(folder, database, connectionString);
        await seed.FillAsync(fillerPerWeek);
        return seed;
    }

    public string TextOf(string ideaId) => new SqlIdeaStore(Database).GetAsync(ideaId).GetAwaiter().GetResult()!.Analysis.RedactedText;

    public DigestBuilder Builder(DigestOptions? options = null) =>
        new(Database, new NeighbourhoodCatalog([]), Options.Create(options ?? new DigestOptions()), new FixedClock(Week.End.AddHours(8)));

    private async Task FillAsync(int fillerPerWeek)
    {
        Randomizer.Seed = new Random(2026);
        var faker = new Faker("nl");
        var analyzer = new LocalTextAnalyzer(LanguageModel.LoadEmbedded(), new ThemeCatalog([]));
        var residents = new SqlResidentStore(Database);
        var ideas = new SqlIdeaStore(Database);
        var meetings = new SqlMeetingStore(Database);
        var polls = new SqlPollStore(Database);
        var fillers = Fillers().ToList();
        var random = new Random(2026);

        // 160 residents: half known before the four weeks, the others first seen during them.
        var people = new List<(string Id, string Name, string Email, string Phone)>();
        for (var i = 0; i < 160; i++)
        {
            var id = "r_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));
            var created = i < 80 ? Week.Start.AddDays(-60 + i % 30) : Week.Start.AddDays(-21 + (i - 80) % 28);
            await residents.TouchAsync(id, "webchat", created);
            var person = (id, faker.Name.FullName(), faker.Internet.Email(), "06-" + faker.Random.Number(10_000_000, 99_999_999));
            people.Add(person);
            PersonalValues.AddRange([person.id, person.Item2, person.Item3, person.Item4]);
        }

        var ideaNumber = 0;
        async Task<string> AddIdeaAsync((string Id, string Name, string Email, string Phone) person, string text, DateTimeOffset at, string neighbourhood = "pottenberg", bool withContact = false)
        {
            // Some residents sign with their name or leave a number in the text: the redaction must take it out.
            var original = (ideaNumber % 4) switch
            {
                0 => $"{text} Mijn naam is {person.Name}.",
                1 => $"{text} Bel me op {person.Phone}.",
                2 => $"{text} Mail: {person.Email}",
                _ => text,
            };
            var analysis = analyzer.Analyze(original);
            if (analysis.RedactedText != original)
            {
                OriginalTexts.Add(original);
            }

            var idea = new Idea(Ids.New(), person.Id, neighbourhood, original, analysis, IdeaStatus.Received, null, false, null, at, at);
            await ideas.AddAsync(idea, $"seed:{ideaNumber++}");
            if (withContact)
            {
                await ideas.SetContactAsync(idea.Id, true, person.Email, at);
            }

            return idea.Id;
        }

        // Known concerns: the week before (-1) and the digest's week (0), by distinct residents.
        var plan = new (string Concern, int Week, int Residents)[]
        {
            ("lights", -1, 4), ("lights", 0, 9),
            ("speeding", -1, 6), ("speeding", 0, 5),
            ("bins", 0, 5),
            ("drugs", 0, 3),
            ("benches", 0, 2),
        };
        var next = 0;
        foreach (var (concern, week, count) in plan)
        {
            var list = ConcernIdeas[(concern, week)] = [];
            for (var r = 0; r < count; r++)
            {
                var person = people[next++ % people.Count];
                var at = Week.Start.AddDays(7 * week + 0.5 + r * 0.6);
                list.Add(await AddIdeaAsync(person, Variants[concern][r % Variants[concern].Length], at, withContact: r % 2 == 0));
            }
        }

        // One lone safety message: flagged on its own, not a cluster.
        await AddIdeaAsync(people[150], "Er is vannacht ingebroken in de berging van onze flat en nu ben ik bang om alleen thuis te zijn.", Week.Start.AddDays(3));

        // Hundreds of other ideas over four weeks (two before the digest's week, one after), from the corpus, in batches.
        var others = new List<(Idea, string)>();
        for (var week = -2; week <= 1; week++)
        {
            for (var i = 0; i < fillerPerWeek; i++)
            {
                var person = people[random.Next(people.Count)];
                var at = Week.Start.AddDays(7 * week).AddMinutes(random.Next(7 * 24 * 60));
                var text = fillers[random.Next(fillers.Count)];
                var analysis = analyzer.Analyze(text);
                others.Add((new Idea(Ids.New(), person.Id, i % 7 == 0 ? "nazareth" : "pottenberg", text, analysis, IdeaStatus.Received, null, false, null, at, at), $"filler:{week}:{i}"));
            }
        }

        await ideas.AddManyAsync(others);

        // Status changes in the week: two with an explanation for the resident.
        var changed = ConcernIdeas[("speeding", -1)];
        await ideas.ChangeStatusAsync(changed[0], new IdeaStatusChange(IdeaStatus.InDiscussion, "We bespreken drempels met de gemeente.", "prof-1", Week.Start.AddDays(2)),
            AuditEntry.Create(Week.Start.AddDays(2), "prof-1", "idea.status", "idea", changed[0], "InDiscussion"));
        await ideas.ChangeStatusAsync(changed[1], new IdeaStatusChange(IdeaStatus.NotFeasible, "Een flitspaal is hier niet toegestaan.", "prof-1", Week.Start.AddDays(4)),
            AuditEntry.Create(Week.Start.AddDays(4), "prof-1", "idea.status", "idea", changed[1], "NotFeasible"));

        // Meetings: a full one with a waiting list in the week, a small one next week.
        var evening = new Meeting(Ids.New(), "pottenberg", "Buurtavond", "Over de speeltuin", "Buurthuis", Week.Start.AddDays(2).AddHours(18), Week.Start.AddDays(2).AddHours(20), 10, "Trajekt", false);
        var walk = new Meeting(Ids.New(), "pottenberg", "Meemakers-wandeling", "Door de wijk", "Kerkplein", Week.End.AddDays(3).AddHours(10), Week.End.AddDays(3).AddHours(12), 20, "Radar", false);
        await meetings.AddAsync(evening);
        await meetings.AddAsync(walk);
        for (var i = 0; i < 14; i++)
        {
            await meetings.RespondAsync(evening.Id, people[i].Id, i == 13 ? RsvpResponse.Maybe : RsvpResponse.Yes, 1, Week.Start.AddDays(1).AddMinutes(i));
        }

        for (var i = 20; i < 22; i++)
        {
            await meetings.RespondAsync(walk.Id, people[i].Id, RsvpResponse.Yes, 2, Week.Start.AddDays(5).AddMinutes(i));
        }

        // Polls: one with enough answers, one with two.
        var poll = new Poll(Ids.New(), "Speeltuin Kastanjelaan", "Hoe tevreden ben je over de speeltuin?", true, ["pottenberg", "nazareth"], Week.Start.AddDays(-3), Week.End.AddDays(10), PollStatus.Open, false, "manager");
        var small = new Poll(Ids.New(), "Markt", "Wil je een weekmarkt?", true, ["pottenberg"], Week.Start.AddDays(1), Week.End.AddDays(10), PollStatus.Open, false, "manager");
        await polls.AddAsync(poll);
        await polls.AddAsync(small);
        PollId = poll.Id;
        SmallPollId = small.Id;
        for (var i = 40; i < 64; i++)
        {
            var comment = i % 3 == 0 ? $"Te weinig schaduw in de speeltuin. Groet, {people[i].Name}, {people[i].Phone}" : null;
            await polls.RespondAsync(new PollResponse(poll.Id, people[i].Id, i % 5 == 0 ? "nazareth" : "pottenberg", 1 + (i * 7 % 5),
                comment is null ? null : VeerkrachtBot.Core.Privacy.PersonalDataRedactor.Redact(comment).Text, Week.Start.AddDays(1 + (i % 5))));
        }

        for (var i = 70; i < 72; i++)
        {
            await polls.RespondAsync(new PollResponse(small.Id, people[i].Id, "pottenberg", 4, "Ja graag", Week.Start.AddDays(2)));
        }
    }

    /// <summary>Corpus messages about other themes than the known concerns, so they do not join those clusters.</summary>
    private static IEnumerable<string> Fillers()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "VeerkrachtBot.sln")))
        {
            folder = folder.Parent;
        }

        var excluded = new HashSet<string>(["public-space", "mobility", "safety"], StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder!.FullName, "corpus", "train.jsonl")))
        {
            var message = JsonSerializer.Deserialize<LabelledMessage>(line)!;
            if (message.Themes.Count > 0 && !message.Themes.Any(excluded.Contains) && message.Text.Length is > 30 and < 400)
            {
                yield return message.Text;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
