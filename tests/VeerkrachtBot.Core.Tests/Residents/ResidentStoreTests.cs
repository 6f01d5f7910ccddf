using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Residents;

public sealed class ResidentStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Identify_SameUserTwice_IsOneResidentUnderAPseudonym(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);

        var first = await domain.ResidentAsync("29:1a-teams-user");
        domain.Clock.Advance(TimeSpan.FromHours(1));
        var again = await domain.ResidentAsync("29:1a-teams-user");
        var otherChannel = await domain.ResidentAsync("29:1a-teams-user", channel: "msteams");

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, otherChannel.Id);
        Assert.DoesNotContain("29:1a", first.Id, StringComparison.Ordinal);
        Assert.Matches("^r_[0-9a-f]{64}$", first.Id);
        Assert.Equal(Domain.Start, again.CreatedAt);
        Assert.Equal(Domain.Start.AddHours(1), again.LastSeenAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LanguageAndNeighbourhood_AreRemembered(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();

        await domain.Residents.ChooseLanguageAsync(resident.Id, ResidentLanguage.English);
        await domain.Residents.ChooseNeighbourhoodAsync(resident.Id, "Nazareth");

        var stored = await domain.ResidentStore.FindAsync(resident.Id);
        Assert.Equal(ResidentLanguage.English, stored!.Language);
        Assert.Equal("nazareth", stored.NeighbourhoodId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UnknownNeighbourhood_IsRefused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();

        var error = await Assert.ThrowsAsync<RuleViolation>(() => domain.Residents.ChooseNeighbourhoodAsync(resident.Id, "Wyck"));

        Assert.Equal(RuleCode.UnknownNeighbourhood, error.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Consents_AreTimeStampedAndCanBeWithdrawnAndGivenAgain(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();

        await domain.Residents.GiveConsentAsync(resident.Id, ConsentKind.Contact);
        await domain.Residents.GiveConsentAsync(resident.Id, ConsentKind.Contact);
        domain.Clock.Advance(TimeSpan.FromMinutes(5));
        await domain.Residents.WithdrawConsentAsync(resident.Id, ConsentKind.Contact);
        var afterWithdrawal = await domain.Residents.HasConsentAsync(resident.Id, ConsentKind.Contact);
        domain.Clock.Advance(TimeSpan.FromMinutes(5));
        await domain.Residents.GiveConsentAsync(resident.Id, ConsentKind.Contact);

        var history = await domain.ResidentStore.ConsentsAsync(resident.Id);
        Assert.False(afterWithdrawal);
        Assert.True(await domain.Residents.HasConsentAsync(resident.Id, ConsentKind.Contact));
        Assert.Equal(2, history.Count);
        Assert.Equal(Domain.Start.AddMinutes(5), history[0].WithdrawnAt);
        Assert.Equal(Domain.Start.AddMinutes(10), history[1].GivenAt);
        Assert.False(await domain.Residents.HasConsentAsync(resident.Id, ConsentKind.KeepOriginalText));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WithdrawingAConsentThatIsNotInForce_IsRefused_AndChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();
        await domain.Residents.GiveConsentAsync(resident.Id, ConsentKind.Contact);
        await domain.Residents.WithdrawConsentAsync(resident.Id, ConsentKind.Contact);

        var never = await Assert.ThrowsAsync<RuleViolation>(() => domain.Residents.WithdrawConsentAsync(resident.Id, ConsentKind.KeepOriginalText));
        var again = await Assert.ThrowsAsync<RuleViolation>(() => domain.Residents.WithdrawConsentAsync(resident.Id, ConsentKind.Contact));

        Assert.Equal(RuleCode.ConsentNotGiven, never.Code);
        Assert.Equal(RuleCode.ConsentNotGiven, again.Code);
        Assert.Single(await domain.ResidentStore.ConsentsAsync(resident.Id));
    }
}
