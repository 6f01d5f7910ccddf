using Dapper;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Pulse;

public sealed class PulseStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migration_SeedsOneStatementPerGoal_InDutchAndEnglish_AndAQuarter(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;

        var items = await f.Store.ItemsAsync();

        Assert.Equal(PulseGoals.All, items.Select(i => i.Key));
        Assert.All(items, i => Assert.True(i.Active && i.TextNl.Length > 10 && i.TextEn.Length > 10));
        Assert.Equal("Ik heb invloed op wat er in mijn buurt gebeurt.", items[0].TextNl);
        Assert.Equal("Mensen in mijn buurt helpen elkaar.", items[^1].TextNl);
        Assert.Equal(PulsePeriodLength.Quarter, (await f.Store.SettingsAsync()).PeriodLength);
        Assert.Equal("2026-Q4", (await f.Pulse.CurrentPeriodAsync()).Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Answer_IsCountedOncePerResidentPeriodAndStatement_AnsweringAgainReplacesIt(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var resident = (await f.Domain.ResidentAsync()).Id;
        var other = (await f.Domain.ResidentAsync("other")).Id;

        var first = await f.Pulse.AnswerAsync(resident, "pottenberg", PulseGoals.Agency, 2);
        var again = await f.Pulse.AnswerAsync(resident, "pottenberg", PulseGoals.Agency, 4);
        var dontKnow = await f.Pulse.AnswerAsync(resident, "pottenberg", PulseGoals.Health, null);
        await f.Pulse.AnswerAsync(other, "pottenberg", PulseGoals.Agency, 5);
        f.Domain.Clock.Advance(TimeSpan.FromDays(40));
        var nextPeriod = await f.Pulse.AnswerAsync(resident, "pottenberg", PulseGoals.Agency, 3);

        Assert.False(first);
        Assert.True(again);
        Assert.False(dontKnow);
        Assert.False(nextPeriod);
        var q4 = await f.Store.AnswersAsync(resident, "2026-Q4");
        Assert.Equal([(PulseGoals.Agency, (int?)4), (PulseGoals.Health, null)], q4.Select(a => (a.ItemKey, a.Score)));
        Assert.All(q4, a => Assert.Equal("pottenberg", a.NeighbourhoodId));
        Assert.Equal(3, (await f.Store.AnswersAsync(resident, "2027-Q1")).Single().Score);
        Assert.Equal(4, await db.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pulse_responses")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Answer_OutOfRange_OrToAnInactiveOrUnknownStatement_IsRefused_AndNothingIsStored(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var resident = (await f.Domain.ResidentAsync()).Id;
        var item = (await f.Store.ItemsAsync()).Single(i => i.Key == PulseGoals.Nuisance);
        await f.Pulse.UpdateItemAsync(item.Key, item.TextNl, item.TextEn, active: false, item.Order, "manager");

        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.AnswerAsync(resident, "pottenberg", PulseGoals.Agency, 6))).Code);
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.AnswerAsync(resident, "pottenberg", PulseGoals.Agency, 0))).Code);
        Assert.Equal(RuleCode.NotFound, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.AnswerAsync(resident, "pottenberg", PulseGoals.Nuisance, 3))).Code);
        Assert.Equal(RuleCode.NotFound, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.AnswerAsync(resident, "pottenberg", "weather", 3))).Code);
        Assert.Empty(await f.Store.AnswersAsync(resident, "2026-Q4"));
        // The database refuses a score outside the scale too, whatever writes it.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => f.Store.AnswerAsync(new PulseAnswer(resident, null, "2026-Q4", PulseGoals.Agency, 9, f.Domain.Clock.GetUtcNow())));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Offer_IsMadeAtMostOncePerPeriod_WhateverTheResidentDoesWithIt(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var resident = (await f.Domain.ResidentAsync()).Id;

        var before = await f.Pulse.MayOfferAsync(resident, "pottenberg");
        var recorded = await f.Pulse.RecordOfferAsync(resident);
        var twice = await f.Pulse.RecordOfferAsync(resident);
        var afterIgnored = await f.Pulse.MayOfferAsync(resident, "pottenberg");
        f.Domain.Clock.Advance(TimeSpan.FromDays(40));
        var nextPeriod = await f.Pulse.MayOfferAsync(resident, "pottenberg");

        Assert.True(before);
        Assert.True(recorded);
        Assert.False(twice);
        Assert.False(afterIgnored);
        Assert.True(nextPeriod);
        Assert.Equal(PulseOfferOutcome.Ignored, (await f.Store.GetOfferAsync(resident, "2026-Q4"))!.Outcome);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AfterANo_TheOfferSkipsThatPeriodAndTheNext_AndComesBackAfter(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var resident = (await f.Domain.ResidentAsync()).Id;
        await f.Pulse.RecordOfferAsync(resident);
        await f.Pulse.DecideAsync(resident, accepted: false);

        var sameQuarter = await f.Pulse.MayOfferAsync(resident, "pottenberg");
        f.Domain.Clock.Advance(TimeSpan.FromDays(40)); // 2027-Q1
        var nextQuarter = await f.Pulse.MayOfferAsync(resident, "pottenberg");
        f.Domain.Clock.Advance(TimeSpan.FromDays(91)); // 2027-Q2
        var quarterAfter = await f.Pulse.MayOfferAsync(resident, "pottenberg");

        Assert.False(sameQuarter);
        Assert.False(nextQuarter);
        Assert.True(quarterAfter);
        Assert.Equal(PulseOfferOutcome.Declined, (await f.Store.GetOfferAsync(resident, "2026-Q4"))!.Outcome);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NoOffer_ToAResidentWhoAnsweredThisPeriod_OrHasNoNeighbourhood_OrWhenNothingIsAsked(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var answered = (await f.Domain.ResidentAsync()).Id;
        var nowhere = (await f.Domain.Residents.IdentifyAsync("webchat", "nowhere")).Id;
        var fresh = (await f.Domain.ResidentAsync("fresh")).Id;
        await f.Pulse.AnswerAsync(answered, "pottenberg", PulseGoals.Community, 5);

        Assert.False(await f.Pulse.MayOfferAsync(answered, "pottenberg"));
        Assert.False(await f.Pulse.MayOfferAsync(nowhere, null));
        Assert.True(await f.Pulse.MayOfferAsync(fresh, "pottenberg"));
        foreach (var item in await f.Store.ItemsAsync())
        {
            await f.Pulse.UpdateItemAsync(item.Key, item.TextNl, item.TextEn, active: false, item.Order, "manager");
        }

        Assert.False(await f.Pulse.MayOfferAsync(fresh, "pottenberg"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProgrammeManagersChanges_ToStatementsAndPeriod_AreAuditedWithTheChange(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;

        await f.Pulse.UpdateItemAsync(PulseGoals.Health, "  Ik voel me gezond.  ", "I feel healthy.", active: true, order: 9, "pm@maastricht.nl");
        await f.Pulse.SetPeriodLengthAsync(PulsePeriodLength.Month, "pm@maastricht.nl");

        var items = await f.Store.ItemsAsync();
        Assert.Equal(PulseGoals.Health, items[^1].Key);
        Assert.Equal("Ik voel me gezond.", items[^1].TextNl);
        Assert.Equal("2026-11", (await f.Pulse.CurrentPeriodAsync()).Key);
        var itemAudit = Assert.Single(await f.Domain.Audit.ForTargetAsync("pulse_item", PulseGoals.Health));
        Assert.Equal(("pm@maastricht.nl", "pulse.item.update"), (itemAudit.Actor, itemAudit.Action));
        Assert.Contains("Ik voel me gezond.", itemAudit.Details, StringComparison.Ordinal);
        Assert.Equal("Month", Assert.Single(await f.Domain.Audit.ForTargetAsync("pulse_settings", "pulse")).Details);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadChanges_AreRefused_AndNeitherStoredNorAudited(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;

        Assert.Equal(RuleCode.NotFound, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.UpdateItemAsync("weather", "Het weer is mooi.", "Nice weather.", true, 1, "pm"))).Code);
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.UpdateItemAsync(PulseGoals.Agency, " ", "English", true, 1, "pm"))).Code);
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.UpdateItemAsync(PulseGoals.Agency, new string('a', 301), "English", true, 1, "pm"))).Code);
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.SetPeriodLengthAsync((PulsePeriodLength)42, "pm"))).Code);

        Assert.Equal("Ik heb invloed op wat er in mijn buurt gebeurt.", (await f.Store.ItemsAsync())[0].TextNl);
        Assert.Empty(await f.Domain.Audit.ForTargetAsync("pulse_item", "weather"));
        Assert.Empty(await f.Domain.Audit.ForTargetAsync("pulse_item", PulseGoals.Agency));
        Assert.Empty(await f.Domain.Audit.ForTargetAsync("pulse_settings", "pulse"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Background_EachAnswerIsOptional_ChangeableAndRemovable_AndOfferedOnce(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;
        var resident = (await f.Domain.ResidentAsync()).Id;

        var mayBefore = await f.Pulse.MayOfferBackgroundAsync(resident);
        await f.Pulse.RecordBackgroundOfferAsync(resident);
        await f.Pulse.SetBackgroundAsync(resident, BackgroundQuestion.AgeBand, "25-44");
        await f.Pulse.SetBackgroundAsync(resident, BackgroundQuestion.Household, "single-parent");
        await f.Pulse.SetBackgroundAsync(resident, BackgroundQuestion.AgeBand, "45-64");
        var given = await f.Pulse.BackgroundAsync(resident);
        var removed = await f.Pulse.RemoveBackgroundAsync(resident);
        var removedAgain = await f.Pulse.RemoveBackgroundAsync(resident);

        Assert.True(mayBefore);
        Assert.Equal(("45-64", (string?)null, "single-parent"), (given!.AgeBand, given.YearsBand, given.Household));
        Assert.True(removed);
        Assert.False(removedAgain);
        var after = await f.Pulse.BackgroundAsync(resident);
        Assert.False(after!.HasAnswers);
        Assert.NotNull(after.OfferedAt);
        Assert.False(await f.Pulse.MayOfferBackgroundAsync(resident));
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.SetBackgroundAsync(resident, BackgroundQuestion.AgeBand, "30"))).Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Population_PerNeighbourhoodAndAgeBand_IsReplacedByANewEntry_AndAudited(string provider)
    {
        var (db, f) = await PulseFixture.CreateAsync(provider);
        await using var _ = db;

        await f.Pulse.SavePopulationAsync("pottenberg", new Dictionary<string, int> { ["0-14"] = 610, ["15-24"] = 390, ["25-44"] = 880, ["45-64"] = 940, ["65+"] = 720 }, "CBS 2024", "pm");
        await f.Pulse.SavePopulationAsync("pottenberg", new Dictionary<string, int> { ["65+"] = 745 }, "CBS 2025", "pm2");
        await f.Pulse.SavePopulationAsync("nazareth", new Dictionary<string, int> { ["25-44"] = 500 }, "CBS 2025", "pm");

        var pottenberg = await f.Pulse.PopulationAsync("pottenberg");
        Assert.Equal(BackgroundBands.AgeBands.Order(StringComparer.Ordinal), pottenberg.Select(p => p.AgeBand));
        Assert.Equal((745, "CBS 2025", "pm2"), pottenberg.Where(p => p.AgeBand == "65+").Select(p => (p.Population, p.Source, p.EnteredBy)).Single());
        Assert.Equal(6, (await f.Pulse.PopulationAsync()).Count);
        Assert.Equal(2, (await f.Domain.Audit.ForTargetAsync("neighbourhood", "pottenberg")).Count(a => a.Action == "pulse.population.update"));
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.SavePopulationAsync("pottenberg", new Dictionary<string, int> { ["18-24"] = 5 }, "CBS", "pm"))).Code);
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.SavePopulationAsync("pottenberg", new Dictionary<string, int> { ["65+"] = -1 }, "CBS", "pm"))).Code);
        Assert.Equal(RuleCode.InvalidInput, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.SavePopulationAsync("pottenberg", new Dictionary<string, int> { ["65+"] = 1 }, " ", "pm"))).Code);
        Assert.Equal(RuleCode.UnknownNeighbourhood, (await Assert.ThrowsAsync<RuleViolation>(() => f.Pulse.SavePopulationAsync("elsewhere", new Dictionary<string, int> { ["65+"] = 1 }, "CBS", "pm"))).Code);
        Assert.Equal(745, (await f.Pulse.PopulationAsync("pottenberg")).Single(p => p.AgeBand == "65+").Population);
    }
}
