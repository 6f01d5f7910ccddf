using VeerkrachtBot.Core.Evaluations;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Pulse;

/// <summary>The pulse and evaluation stores and services on a test database migrated with their modules, beside the rest of Core.</summary>
public sealed class PulseFixture(Domain domain)
{
    public Domain Domain { get; } = domain;
    public SqlPulseStore Store => new(Domain.Database);
    public SqlBackgroundStore Background => new(Domain.Database);
    public SqlEvaluationStore Evaluations => new(Domain.Database);
    public PulseService Pulse => new(Store, Background, Domain.Neighbourhoods, Domain.Clock);
    public EvaluationService Evaluation => new(Evaluations, Domain.MeetingStore, Domain.PollStore, Domain.IdeaStore, Domain.Clock);
    public ResidentDataService Data => new(new SqlResidentDataStore(Domain.Database, Domain.ResidentStore, Domain.IdeaStore, Domain.MeetingStore, Domain.PollStore,
        [Domain.Outbox, Store, Background, Evaluations]), Domain.Clock);

    public static async Task<(TestDatabase Db, PulseFixture Fixture)> CreateAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await db.Runner(null, new PulseMigrations(), new EvaluationMigrations()).ApplyAsync();
        return (db, new PulseFixture(new Domain(db.Database)));
    }
}
