using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Language.Azure;

namespace VeerkrachtBot.Core.Tests.Language;

/// <summary>
/// The Azure analysis of one resident's message against the loopback stand-in: one deadline for the whole analysis
/// (calls in parallel), the local analysis when the service is slow, throttled with a long Retry-After, refuses the
/// document or the key; no name leaks through key phrases; and the idea is stored every time.
/// </summary>
public sealed class AzureTextAnalyzerTests : IAsyncLifetime
{
    private static readonly LocalTextAnalyzer Local = new(LanguageModel.LoadEmbedded(), new ThemeCatalog([]));
    private readonly FakeTimeProvider _clock = new();
    private LanguageServiceStandIn _service = null!;

    public async Task InitializeAsync() => _service = await LanguageServiceStandIn.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private AzureTextAnalyzer Analyzer(string key = LanguageServiceStandIn.Key, int breakSeconds = 30) => new(
        new AzureLanguageClient(_service.Endpoint, new AzureKeyCredential(key), AzureLanguageClientTests.Options()),
        Local,
        Options.Create(new LanguageOptions { AzureDeadlineMilliseconds = 3000, AzureBreakSeconds = breakSeconds }),
        NullLogger<AzureTextAnalyzer>.Instance,
        _clock);

    [Fact]
    public async Task WhenTheServiceWorks_ItIsUsed_AllFourCallsAtOnce_NoneLogged()
    {
        _service.Hold();
        var analyzing = Analyzer().AnalyzeAsync("Bel mij op 06-12345678, de speeltuin is geweldig!");

        // All four calls are out before any is answered: they run in parallel, not one after the other.
        await _service.ReceivedAsync(4);
        _service.Release();
        var analysis = await analyzing;

        Assert.Equal(AnalysisSource.Azure, analysis.Source);
        Assert.Equal(SentimentLabel.Positive, analysis.Sentiment.Label);
        Assert.DoesNotContain("06-12345678", analysis.RedactedText, StringComparison.Ordinal);
        Assert.Equal(4, _service.Requests.Count);
        Assert.All(_service.Requests, r => Assert.True(r.Parameters.GetProperty("loggingOptOut").GetBoolean(), r.Kind));
    }

    /// <summary>
    /// Review finding 12: a message in another language was sent as Dutch. The synchronous API has no automatic
    /// detection and takes English when no language is given, so the service's own detection goes first.
    /// </summary>
    [Fact]
    public async Task AMessageInAnotherLanguage_IsAnalysedInTheLanguageTheServiceDetects_NotAsDutch()
    {
        var analysis = await Analyzer().AnalyzeAsync("Lampa na placu zabaw jest zepsuta od tygodni, proszę naprawić światło");

        Assert.Equal(AnalysisSource.Azure, analysis.Source);
        Assert.Equal(LanguageDetector.Other, analysis.Language);
        var requests = _service.Requests.ToList();
        Assert.Equal("LanguageDetection", requests[0].Kind);
        Assert.Equal(4, requests.Count);
        Assert.All(requests.Skip(1), r => Assert.Equal("pl", r.Body.GetProperty("analysisInput").GetProperty("documents")[0].GetProperty("language").GetString()));
    }

    [Fact]
    public async Task AMessageWhoseLanguageNobodyRecognises_GetsTheLocalAnalysis_NothingIsSentAsDutch()
    {
        var analysis = await Analyzer().AnalyzeAsync("qqq zzkx vrrp ttt");

        Assert.Equal(AnalysisSource.Local, analysis.Source);
        Assert.Equal("LanguageDetection", Assert.Single(_service.Requests).Kind);
    }

    [Theory]
    [InlineData("Bel mij op, de speeltuin is geweldig!", "nl")]
    [InlineData("Please fix the lamp in the playground, it is broken", "en")]
    public async Task DutchAndEnglish_ByTheirOwnWords_AreSentWithTheirLanguage_AllFourCallsAtOnce(string text, string language)
    {
        _service.Hold();
        var analyzing = Analyzer().AnalyzeAsync(text);
        await _service.ReceivedAsync(4);
        _service.Release();
        await analyzing;

        Assert.All(_service.Requests.Where(r => r.Kind != "LanguageDetection"),
            r => Assert.Equal(language, r.Body.GetProperty("analysisInput").GetProperty("documents")[0].GetProperty("language").GetString()));
    }

    [Fact]
    public async Task KeyPhrases_ThatOverlapPersonalData_AreDropped()
    {
        // The local rules do not see "Jan de Vries" as a name here; the service tags it Person.
        var analysis = await Analyzer().AnalyzeAsync("Jan de Vries heeft de speeltuin in de buurt opgeknapt");

        Assert.Equal(AnalysisSource.Azure, analysis.Source);
        Assert.Equal(["speeltuin"], analysis.KeyPhrases);
        Assert.DoesNotContain("Jan", analysis.RedactedText, StringComparison.Ordinal);
    }

    [Fact]
    public void SafeKeyPhrases_UsesTheEntityOffsets()
    {
        // "Vries" alone is no entity text, but it sits inside the Person entity's span.
        var phrases = AzureTextAnalyzer.SafeKeyPhrases("Ik heb Jan de Vries gezien bij de speeltuin", ["Vries", "speeltuin"], [new AzurePiiEntity("Jan de Vries", "Person", 7, 12)]);

        Assert.Equal(["speeltuin"], phrases);
    }

    [Fact]
    public async Task SlowService_TheDeadlineGivesTheLocalAnalysis()
    {
        _service.Hold();
        var analyzing = Analyzer().AnalyzeAsync("De lantaarnpaal bij de speeltuin is kapot");
        await _service.ReceivedAsync(4);

        _clock.Advance(TimeSpan.FromSeconds(3));
        var analysis = await analyzing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AnalysisSource.Local, analysis.Source);
        Assert.NotEmpty(analysis.Themes);
    }

    [Fact]
    public async Task ThrottledWithALongRetryAfter_TheDeadlineGivesTheLocalAnalysis()
    {
        for (var i = 0; i < 4; i++)
        {
            _service.Script.Enqueue(LanguageServiceStandIn.Status(429, retryAfter: "60"));
        }

        var analyzing = Analyzer().AnalyzeAsync("De lantaarnpaal bij de speeltuin is kapot");
        await _service.ReceivedAsync(4);

        _clock.Advance(TimeSpan.FromSeconds(3));
        var analysis = await analyzing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AnalysisSource.Local, analysis.Source);
        Assert.Equal(4, _service.Requests.Count);
    }

    [Fact]
    public async Task TextOverTheServiceLimit_GetsTheLocalAnalysis_AndIsNotSent()
    {
        var text = string.Concat(Enumerable.Repeat("De speeltuin is kapot. ", 230)) + "😀";

        var analysis = await Analyzer().AnalyzeAsync(text);

        Assert.Equal(AnalysisSource.Local, analysis.Source);
        Assert.Empty(_service.Requests);
    }

    [Theory]
    [InlineData("401")]
    [InlineData("document-error")]
    [InlineData("500")]
    [InlineData("malformed")]
    public async Task WhenTheServiceRefuses_TheIdeaIsStillStored_WithLocalAnalysis(string failure)
    {
        for (var i = 0; i < 16; i++)
        {
            _service.Script.Enqueue(failure switch
            {
                "document-error" => context => context.Response.WriteAsync("""{"kind":"x","results":{"documents":[],"errors":[{"id":"1","error":{"code":"InvalidArgument","message":"Invalid document in request.","innererror":{"code":"UnsupportedLanguageCode","message":"Invalid language code."}}}],"modelVersion":"2023-09-01"}}"""),
                "malformed" => context => context.Response.WriteAsync("<html>gateway</html>"),
                "500" => LanguageServiceStandIn.Status(500),
                _ => null,
            });
        }

        var analysis = await Analyzer(key: failure == "401" ? "wrong" : LanguageServiceStandIn.Key).AnalyzeAsync("De lantaarnpaal bij de speeltuin is kapot, bel me op 06-12345678");

        Assert.Equal(AnalysisSource.Local, analysis.Source);
        await using var db = await Storage.TestDatabase.CreateAsync("sqlite");
        var domain = new Storage.Domain(db.Database);
        var resident = await domain.ResidentAsync();
        var (idea, created) = await domain.Ideas.SubmitAsync(new IdeaService.Submission($"azure-{failure}", resident.Id, "pottenberg", "tekst", false, analysis));
        Assert.True(created);
        var stored = await domain.IdeaStore.GetAsync(idea.Id);
        Assert.Equal(AnalysisSource.Local, stored!.Analysis.Source);
        Assert.DoesNotContain("06-12345678", stored.Analysis.RedactedText, StringComparison.Ordinal);
        Assert.NotEmpty(stored.Analysis.Themes);
    }

    /// <summary>
    /// Issue 14's faults under load: with the service down every turn waited out its deadline (3.8 turns/s with the
    /// service answering after 5 s). After five messages in a row found it failing, the breaker skips it: the next
    /// message gets the local analysis without a request; after the break one message tries again, and a working
    /// service is used again from then on.
    /// </summary>
    [Fact]
    public async Task AServiceThatKeepsFailing_IsSkippedDuringTheBreak_ThenTriedAgain()
    {
        _service.Outage = LanguageServiceStandIn.Status(500);
        var analyzer = Analyzer();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(AnalysisSource.Local, (await analyzer.AnalyzeAsync("De lantaarnpaal bij de speeltuin is kapot")).Source);
        }

        var asked = _service.Requests.Count;
        var skipped = await analyzer.AnalyzeAsync("De lantaarnpaal bij de speeltuin is kapot");
        Assert.Equal(AnalysisSource.Local, skipped.Source);
        Assert.NotEmpty(skipped.Themes);
        Assert.Equal(asked, _service.Requests.Count);

        _service.Outage = null;
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(AnalysisSource.Azure, (await analyzer.AnalyzeAsync("De speeltuin is geweldig!")).Source);
        Assert.Equal(AnalysisSource.Azure, (await analyzer.AnalyzeAsync("De speeltuin is geweldig!")).Source);
        Assert.Equal(asked + 8, _service.Requests.Count);
    }

    /// <summary>An error about one message (its language, here) is not the service failing: no break follows.</summary>
    [Fact]
    public async Task DocumentErrors_DoNotOpenTheBreaker()
    {
        _service.Outage = context => context.Response.WriteAsync("""{"kind":"x","results":{"documents":[],"errors":[{"id":"1","error":{"code":"InvalidArgument","message":"Invalid document in request.","innererror":{"code":"UnsupportedLanguageCode","message":"Invalid language code."}}}],"modelVersion":"2023-09-01"}}""");
        var analyzer = Analyzer();
        for (var i = 0; i < 6; i++)
        {
            await analyzer.AnalyzeAsync("De lantaarnpaal bij de speeltuin is kapot");
        }

        Assert.Equal(24, _service.Requests.Count);
    }

    [Fact]
    public async Task WithoutABreak_EveryMessageAsksTheService()
    {
        _service.Outage = LanguageServiceStandIn.Status(401);
        var analyzer = Analyzer(breakSeconds: 0);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(AnalysisSource.Local, (await analyzer.AnalyzeAsync("De lantaarnpaal bij de speeltuin is kapot")).Source);
        }

        Assert.Equal(24, _service.Requests.Count);
    }
}
