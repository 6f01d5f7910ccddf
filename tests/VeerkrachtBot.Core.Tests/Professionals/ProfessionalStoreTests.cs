using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Professionals;
using VeerkrachtBot.Core.Teams;
using VeerkrachtBot.Core.Tests.Storage;

namespace VeerkrachtBot.Core.Tests.Professionals;

/// <summary>The professionals' stores on every provider: forms, programme managers, idea pages, theme corrections, team removal.</summary>
public sealed class ProfessionalStoreTests
{
    private const string Manager = "11111111-2222-4333-8444-555555555555";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AForm_IsClaimedOnce_EvenBySubmitsAtTheSameTime_AndARefusedOneCanBeSentAgain(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var forms = new FormSubmissions(db.Database, domain.Clock);
        var others = Enumerable.Range(0, 4).Select(_ => new FormSubmissions(db.OpenAnother(), domain.Clock)).ToList();

        var claims = await Task.WhenAll(others.Select(f => Task.Run(() => f.ClaimAsync("form-1", "poll", "anne"))));
        Assert.Single(claims, c => c.Claim == FormClaim.Claimed);
        Assert.Equal((FormClaim.InProgress, (string?)null), await forms.FindAsync("form-1"));
        await forms.CompleteAsync("form-1", "poll-9");
        Assert.Equal((FormClaim.Done, "poll-9"), await forms.ClaimAsync("form-1", "poll", "anne"));

        await forms.ClaimAsync("form-2", "poll", "anne");
        await forms.ReleaseAsync("form-2");
        Assert.Null(await forms.FindAsync("form-2"));
        Assert.Equal(FormClaim.Claimed, (await forms.ClaimAsync("form-2", "poll", "anne")).Claim);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProgrammeManagers_AreMadeAndUnmadeWithAudit_TheConfiguredOnesStay(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var managers = new ProgrammeManagers(db.Database, domain.Clock, ["{" + Manager.ToUpperInvariant() + "}"]);
        var colleague = Guid.NewGuid().ToString();

        Assert.True(await managers.IsProgrammeManagerAsync(Manager));
        Assert.False(await managers.IsProgrammeManagerAsync(colleague));
        Assert.True(await managers.AddAsync(colleague.ToUpperInvariant(), "Piet", Manager));
        Assert.False(await managers.AddAsync(colleague, "Piet", Manager));
        Assert.True(await managers.IsProgrammeManagerAsync(colleague));
        await Assert.ThrowsAsync<RuleViolation>(() => managers.RemoveAsync(Manager, colleague));
        await Assert.ThrowsAsync<RuleViolation>(() => managers.AddAsync("not-a-guid", "x", Manager));
        Assert.True(await managers.RemoveAsync(colleague, Manager));
        Assert.False(await managers.RemoveAsync(colleague, Manager));

        Assert.Equal(["programme-manager.add", "programme-manager.remove"], (await domain.Audit.ForTargetAsync("programme-manager", colleague)).Select(a => a.Action).ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task IdeaPages_AreNewestFirst_Filtered_ContinueAfterTheLastShown_AndLeaveOutErasedIdeas(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            domain.Clock.Advance(TimeSpan.FromMinutes(1));
            var (idea, _) = await domain.Ideas.SubmitAsync(new IdeaService.Submission("s" + i, resident.Id, i % 2 == 0 ? "pottenberg" : "nazareth", "tekst " + i, false,
                Domain.Analysis("tekst " + i, (i < 4 ? "safety" : "sport", 0.9))));
            ids.Add(idea.Id);
        }

        await domain.Ideas.ChangeStatusAsync(ids[2], IdeaStatus.InDiscussion, null, "anne");
        var search = new IdeaSearch(db.Database);

        var first = await search.PageAsync(new IdeaFilter("pottenberg", "safety", null), null, 1);
        var second = await search.PageAsync(new IdeaFilter("pottenberg", "safety", null), first.Next, 1);
        var discussed = await search.PageAsync(new IdeaFilter(null, null, IdeaStatus.InDiscussion), null, 10);

        Assert.Equal([ids[2]], first.Ideas.Select(i => i.Id).ToArray());
        Assert.Equal([ids[0]], second.Ideas.Select(i => i.Id).ToArray());
        Assert.Null(second.Next);
        Assert.Equal([ids[2]], discussed.Ideas.Select(i => i.Id).ToArray());
        Assert.Equal(["safety"], first.Ideas[0].ThemeIds);

        await domain.Data.EraseAsync(resident.Id);
        Assert.Empty((await search.PageAsync(new IdeaFilter(null, null, null), null, 10)).Ideas);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ThemeCorrections_ReplaceTheThemes_KeepTheLatestAsAnExample_Audited_AndErasureTakesTheExampleOut(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var domain = new Domain(db.Database);
        var resident = await domain.ResidentAsync();
        var (idea, _) = await domain.Ideas.SubmitAsync(new IdeaService.Submission("s1", resident.Id, "pottenberg", "De bus rijdt te hard", false, Domain.Analysis("De bus rijdt te hard")));
        var corrections = new ThemeCorrections(db.Database, new ThemeCatalog([]), domain.Clock);

        await corrections.CorrectAsync(idea.Id, ["safety"], "anne");
        domain.Clock.Advance(TimeSpan.FromMinutes(1));
        await corrections.CorrectAsync(idea.Id, ["mobility", "safety"], "piet");
        await Assert.ThrowsAsync<RuleViolation>(() => corrections.CorrectAsync(idea.Id, ["no-such-theme"], "piet"));
        await Assert.ThrowsAsync<RuleViolation>(() => corrections.CorrectAsync(idea.Id, [], "piet"));
        await Assert.ThrowsAsync<RuleViolation>(() => corrections.CorrectAsync("missing", ["safety"], "piet"));

        var example = Assert.Single(await corrections.ExamplesAsync());
        Assert.Equal((idea.Id, "De bus rijdt te hard", "nl"), (example.IdeaId, example.RedactedText, example.Language));
        Assert.Equal(["mobility", "safety"], example.ThemeIds);
        Assert.Equal(["mobility", "safety"], (await domain.Ideas.GetAsync(idea.Id))!.Analysis.Themes.Select(t => t.ThemeId).Order().ToArray());
        Assert.Equal(2, (await domain.Audit.ForTargetAsync("idea", idea.Id)).Count(a => a.Action == "idea.themes"));

        await domain.Data.EraseAsync(resident.Id);
        Assert.Empty(await corrections.ExamplesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RemovingATeam_RemovesItsChannelsAndSubscriptions_OnlyThose(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new Domain(db.Database).TeamsStore;
        StoredConversation Channel(string id, string? team) => new(Ids.New(), "msteams", id, "https://smba.trafficmanager.net/emea/t/", "t", "28:bot", null, null, "channel", team);
        var a = await store.SaveConversationAsync(Channel("19:a@thread.tacv2", "19:team@thread.tacv2"), Domain.Start);
        await store.SaveConversationAsync(Channel("19:b@thread.tacv2", "19:team@thread.tacv2"), Domain.Start);
        var other = await store.SaveConversationAsync(Channel("19:c@thread.tacv2", "19:other@thread.tacv2"), Domain.Start);
        await store.SubscribeAsync(new TeamsSubscription(Ids.New(), a, "pottenberg", TeamsSubscription.AllThemes, "anne", Domain.Start),
            AuditEntry.Create(Domain.Start, "anne", "teams.subscribe", "conversation", a));
        await store.SubscribeAsync(new TeamsSubscription(Ids.New(), other, "pottenberg", "housing", "anne", Domain.Start));

        await store.RemoveTeamAsync("msteams", "19:team@thread.tacv2");

        Assert.Null(await store.FindConversationAsync("msteams", "19:a@thread.tacv2"));
        Assert.Null(await store.FindConversationAsync("msteams", "19:b@thread.tacv2"));
        Assert.Equal("19:other@thread.tacv2", (await store.FindConversationAsync("msteams", "19:c@thread.tacv2"))!.TeamId);
        Assert.Equal([("pottenberg", "housing")], await store.SubscriptionsOfAsync(other));
        Assert.Single(await new Domain(db.Database).Audit.ForTargetAsync("conversation", a));
    }
}
