using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Ideas;

public sealed class IdeaStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_StoresEverythingAndReadsItBack(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();

        var (idea, created) = await domain.SubmitAsync(resident, "webchat:act-1");
        var stored = await domain.IdeaStore.GetAsync(idea.Id);

        Assert.True(created);
        Assert.NotNull(stored);
        Assert.Equal(resident.Id, stored.ResidentId);
        Assert.Equal("pottenberg", stored.NeighbourhoodId);
        Assert.Equal("De lantaarnpaal bij de speeltuin is al weken kapot", stored.OriginalText);
        Assert.Equal(["public-space", "safety"], stored.Analysis.Themes.Select(t => t.ThemeId));
        Assert.Equal(0.91, stored.Analysis.Themes[0].Score, 6);
        Assert.False(stored.Analysis.Themes[0].Confirmed);
        Assert.Equal(new Sentiment(SentimentLabel.Negative, -0.6), stored.Analysis.Sentiment);
        Assert.Equal(["lantaarnpaal", "speeltuin"], stored.Analysis.KeyPhrases);
        Assert.Equal(AnalysisSource.Local, stored.Analysis.Source);
        Assert.Equal(IdeaStatus.Received, stored.Status);
        Assert.Equal(Domain.Start, stored.ReceivedAt);
        Assert.Single(await domain.IdeaStore.HistoryAsync(idea.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_WithoutConsent_KeepsOnlyTheRedactedText(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();

        var (idea, _) = await domain.SubmitAsync(resident, "webchat:act-1", keepOriginal: false);

        var stored = await domain.IdeaStore.GetAsync(idea.Id);
        Assert.Null(stored!.OriginalText);
        Assert.False(string.IsNullOrEmpty(stored.Analysis.RedactedText));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_SameActivityDeliveredTwice_StoresOneIdea(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            new Domain(db.OpenAnother()).SubmitAsync(resident, "msteams:retried-activity"))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Idea.Id).Distinct());
        Assert.Single(await domain.IdeaStore.ListByResidentAsync(resident.Id, 10));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConfirmThemes_ReplacesThemesAsConfirmed(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var (idea, _) = await domain.SubmitAsync(await domain.ResidentAsync(), "s1");

        await domain.Ideas.ConfirmThemesAsync(idea.Id, [new ThemeScore("youth-education", 1, false), new ThemeScore("public-space", 0.91, false)]);

        var themes = (await domain.IdeaStore.GetAsync(idea.Id))!.Analysis.Themes;
        Assert.Equal(["youth-education", "public-space"], themes.Select(t => t.ThemeId));
        Assert.All(themes, t => Assert.True(t.Confirmed));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StatusChanges_KeepHistoryAndAudit(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var (idea, _) = await domain.SubmitAsync(await domain.ResidentAsync(), "s1");

        domain.Clock.Advance(TimeSpan.FromDays(1));
        await domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.InDiscussion, "We bespreken dit in het wijkoverleg.", "anne@servatius.nl");
        domain.Clock.Advance(TimeSpan.FromDays(1));
        await domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.NotFeasible, "De gemeente vervangt de lamp al in maart.", "piet@maastricht.nl");

        var stored = await domain.IdeaStore.GetAsync(idea.Id);
        var history = await domain.IdeaStore.HistoryAsync(idea.Id);
        var audit = await domain.Audit.ForTargetAsync("idea", idea.Id);
        Assert.Equal(IdeaStatus.NotFeasible, stored!.Status);
        Assert.Equal("De gemeente vervangt de lamp al in maart.", stored.StatusExplanation);
        Assert.Equal([IdeaStatus.Received, IdeaStatus.InDiscussion, IdeaStatus.NotFeasible], history.Select(h => h.Status));
        Assert.Equal("piet@maastricht.nl", history[^1].ChangedBy);
        Assert.Equal(["anne@servatius.nl", "piet@maastricht.nl"], audit.Select(a => a.Actor));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StatusChange_ThatSkipsOrReverses_IsRefusedAndChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var (idea, _) = await domain.SubmitAsync(await domain.ResidentAsync(), "s1");

        var skip = await Assert.ThrowsAsync<RuleViolation>(() => domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.Done, "Klaar", "piet"));
        var noExplanation = await Assert.ThrowsAsync<RuleViolation>(() => domain.Ideas.ChangeStatusAsync(idea.Id, IdeaStatus.NotFeasible, " ", "piet"));
        var missing = await Assert.ThrowsAsync<RuleViolation>(() => domain.Ideas.ChangeStatusAsync("nope", IdeaStatus.InDiscussion, null, "piet"));

        Assert.Equal(RuleCode.InvalidStatusChange, skip.Code);
        Assert.Equal(RuleCode.InvalidInput, noExplanation.Code);
        Assert.Equal(RuleCode.NotFound, missing.Code);
        Assert.Single(await domain.IdeaStore.HistoryAsync(idea.Id));
        Assert.Empty(await domain.Audit.ForTargetAsync("idea", idea.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_IsStoredOnlyWhenAllowed(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var (idea, _) = await domain.SubmitAsync(await domain.ResidentAsync(), "s1");

        await domain.Ideas.SetContactAsync(idea.Id, allowed: false, "06 12345678");
        var refused = await domain.IdeaStore.GetAsync(idea.Id);
        await domain.Ideas.SetContactAsync(idea.Id, allowed: true, "  bewoner@example.nl ");
        var allowed = await domain.IdeaStore.GetAsync(idea.Id);

        Assert.Null(refused!.ContactDetail);
        Assert.Equal("bewoner@example.nl", allowed!.ContactDetail);
        Assert.True(allowed.ContactAllowed);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Neighbourhood_SetLater_ReachesTheDigestIndex(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var (idea, _) = await domain.SubmitAsync(await domain.ResidentAsync(), "s1", neighbourhood: null);

        await domain.IdeaStore.SetNeighbourhoodAsync(idea.Id, "nazareth", domain.Clock.GetUtcNow());

        var perTheme = await domain.Digests.IdeasPerThemeAsync("nazareth", Domain.Start.AddDays(-1), Domain.Start.AddDays(1));
        Assert.Equal(2, perTheme.Count);
    }

    [Fact]
    public void StatusRules_AllowOnlyForwardMovesAndNotFeasibleFromOpenSteps()
    {
        Assert.True(IdeaStatusRules.CanMove(IdeaStatus.Received, IdeaStatus.InDiscussion));
        Assert.True(IdeaStatusRules.CanMove(IdeaStatus.Planned, IdeaStatus.Done));
        Assert.True(IdeaStatusRules.CanMove(IdeaStatus.Planned, IdeaStatus.NotFeasible));
        Assert.False(IdeaStatusRules.CanMove(IdeaStatus.Done, IdeaStatus.NotFeasible));
        Assert.False(IdeaStatusRules.CanMove(IdeaStatus.InDiscussion, IdeaStatus.Received));
        Assert.False(IdeaStatusRules.CanMove(IdeaStatus.Received, IdeaStatus.Received));
    }
}
