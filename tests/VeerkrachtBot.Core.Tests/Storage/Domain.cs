using Microsoft.Extensions.Time.Testing;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Core.Tests.Storage;

/// <summary>Every store and service of Core on one test database, with a fake clock.</summary>
public sealed class Domain(IDatabase database)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);
    public IDatabase Database { get; } = database;
    public NeighbourhoodCatalog Neighbourhoods { get; } = new([]);
    public SqlResidentStore ResidentStore => new(Database);
    public SqlIdeaStore IdeaStore => new(Database);
    public SqlMeetingStore MeetingStore => new(Database);
    public SqlPollStore PollStore => new(Database);
    public SqlTeamsStore TeamsStore => new(Database);
    public SqlAuditLog Audit => new(Database);
    public SqlDigestQueries Digests => new(Database);
    public ResidentService Residents => new(ResidentStore, new ResidentPseudonyms(new SecretStore(Database, Clock)), Neighbourhoods, Clock);
    public IdeaService Ideas => new(IdeaStore, Neighbourhoods, Clock);
    public RsvpService Rsvps => new(MeetingStore, ResidentStore, Clock);
    public PollService Polls => new(PollStore, Audit, Neighbourhoods, Clock);
    public SqlNotificationOutbox Outbox => new(Database, Clock);
    public ResidentDataService Data => new(new SqlResidentDataStore(Database, ResidentStore, IdeaStore, MeetingStore, PollStore, [Outbox]), Clock);

    /// <summary>A resident who lives in <paramref name="neighbourhood"/> (residents answer for meetings of their own neighbourhood).</summary>
    public async Task<Resident> ResidentAsync(string userId = "user-1", string channel = "webchat", string neighbourhood = "pottenberg")
    {
        var resident = await Residents.IdentifyAsync(channel, userId);
        await ResidentStore.SetNeighbourhoodAsync(resident.Id, neighbourhood);
        return resident with { NeighbourhoodId = neighbourhood };
    }

    public static IdeaAnalysis Analysis(string text = "De lantaarnpaal bij de speeltuin is al weken kapot", params (string Theme, double Score)[] themes) => new(
        "nl",
        text,
        (themes.Length == 0 ? [("public-space", 0.91), ("safety", 0.64)] : themes).Select(t => new ThemeScore(t.Theme, t.Score, false)).ToList(),
        new Sentiment(SentimentLabel.Negative, -0.6),
        ["lantaarnpaal", "speeltuin"],
        AnalysisSource.Local);

    public Task<(Idea Idea, bool Created)> SubmitAsync(Resident resident, string sourceKey, string? neighbourhood = "pottenberg", IdeaAnalysis? analysis = null, bool keepOriginal = true) =>
        Ideas.SubmitAsync(new IdeaService.Submission(sourceKey, resident.Id, neighbourhood, analysis?.RedactedText ?? "De lantaarnpaal bij de speeltuin is al weken kapot", keepOriginal, analysis ?? Analysis()));

    public async Task<Meeting> MeetingAsync(int capacity = 20, string neighbourhood = "pottenberg", TimeSpan? startsIn = null)
    {
        var starts = Clock.GetUtcNow() + (startsIn ?? TimeSpan.FromDays(7));
        var meeting = new Meeting(Ids.New(), neighbourhood, "Buurtavond", "We praten over de speeltuin.", "Buurthuis", starts, starts.AddHours(2), capacity, "Trajekt", false);
        await MeetingStore.AddAsync(meeting);
        return meeting;
    }
}
