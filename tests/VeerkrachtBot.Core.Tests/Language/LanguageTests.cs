using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Language;

namespace VeerkrachtBot.Core.Tests.Language;

public sealed class LanguageTests
{
    private static readonly Lazy<LocalTextAnalyzer> Analyzer = new(() => new LocalTextAnalyzer(LanguageModel.LoadEmbedded(), new ThemeCatalog([])));

    [Theory]
    [InlineData("schimmel in de badkamer en de verhuurder doet niks", "nl")]
    [InlineData("De bus komt nooit op tijd!!", "nl")]
    [InlineData("the street lights near the playground are broken again", "en")]
    [InlineData("Why is the community centre always closed?", "en")]
    [InlineData("je suis très content du parc et des arbres", "other")]
    [InlineData("الحديقة جميلة جدا", "other")]
    [InlineData("", "nl")]
    public void Detect_TellsDutchEnglishAndOther(string text, string expected) => Assert.Equal(expected, LanguageDetector.Detect(text));

    [Fact]
    public void Signals_NegationFlipsAndDampens()
    {
        var notBad = SentimentSignals.Compute("het park is niet slecht", "nl");
        var notGood = SentimentSignals.Compute("het park is niet goed", "nl");
        var veryGood = SentimentSignals.Compute("het park is echt heel goed 👍", "nl");
        var good = SentimentSignals.Compute("het park is goed", "nl");

        Assert.True(notBad[0] > notBad[1]);
        Assert.True(notGood[1] > notGood[0]);
        Assert.True(veryGood[0] > good[0]);
        Assert.Equal(1, veryGood[5]);
        Assert.Equal(1, notBad[2]);
    }

    [Fact]
    public void KeyPhrases_SkipStopWordsAndRepeatStemsOnce()
    {
        var phrases = KeyPhrases.Extract("De speeltuin is kapot. De speeltuinen in de wijk zijn allemaal kapot en vies!", "nl");

        Assert.NotEmpty(phrases);
        Assert.DoesNotContain(phrases, p => p is "de" or "is" or "in");
        Assert.Single(phrases, p => p.StartsWith("speeltuin", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyPhrases_LeaveOutTheRedactionsPlaceholders()
    {
        var phrases = KeyPhrases.Extract("Kapotte lantaarnpaal bij de speeltuin [adres]. Groet, [naam] [e-mail] [telefoon]", "nl");

        Assert.Contains(phrases, p => p.Contains("lantaarnpaal", StringComparison.Ordinal));
        Assert.DoesNotContain(phrases, p => p.Split(' ').Any(w => w is "naam" or "mail" or "telefoon" or "adres"));
    }

    [Fact]
    public void Analyze_GivesThemesBestFirst_SentimentAndNoPersonalData()
    {
        var analysis = Analyzer.Value.Analyze("De lantaarnpaal bij de speeltuin is al weken kapot en 's avonds hangen er jongeren. Bel me: 06-12345678");

        Assert.Equal("nl", analysis.Language);
        Assert.Equal(AnalysisSource.Local, analysis.Source);
        Assert.NotEmpty(analysis.Themes);
        Assert.Equal(analysis.Themes.OrderByDescending(t => t.Score).Select(t => t.ThemeId), analysis.Themes.Select(t => t.ThemeId));
        Assert.All(analysis.Themes, t => Assert.InRange(t.Score, 0, 1));
        Assert.InRange(analysis.Sentiment.Score, -1, 1);
        Assert.DoesNotContain("06-12345678", analysis.RedactedText, StringComparison.Ordinal);
        Assert.DoesNotContain(analysis.KeyPhrases, p => p.Contains("12345678", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_OddInput_DoesNotThrow()
    {
        foreach (var text in new[] { "", "   ", "🙂🙂🙂", new string('a', 200_000), "<script>alert(1)</script>", "\u0000\uFFFF", "1234567890", string.Concat(Enumerable.Repeat("niet ", 3000)) })
        {
            var analysis = Analyzer.Value.Analyze(text);
            Assert.NotNull(analysis.RedactedText);
        }
    }

    [Fact]
    public void EmbeddedModel_WasTrainedOnTheCurrentTrainingSplit()
    {
        var train = LabelledMessage.ReadAll(Path.Combine(RepositoryRoot(), "corpus", "train.jsonl"));

        Assert.Equal(LanguageModel.Hash(train), LanguageModel.LoadEmbedded().Info.CorpusHash);
    }

    [Fact]
    public void HeldOutSplit_IsDisjointFromTraining_AndLargeEnough()
    {
        var train = LabelledMessage.ReadAll(Path.Combine(RepositoryRoot(), "corpus", "train.jsonl"));
        var heldOut = LabelledMessage.ReadAll(Path.Combine(RepositoryRoot(), "corpus", "heldout.jsonl"));

        Assert.Empty(train.Select(m => m.Id).Intersect(heldOut.Select(m => m.Id)));
        Assert.Empty(train.Select(m => m.Text).Intersect(heldOut.Select(m => m.Text)));
        Assert.True(train.Count + heldOut.Count >= 2000);
        Assert.InRange(heldOut.Count / (double)(train.Count + heldOut.Count), 0.15, 0.25);
        Assert.All(ThemeCatalog.Defaults, theme => Assert.Contains(heldOut, m => m.Themes.Contains(theme.Id)));
    }

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "VeerkrachtBot.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException("repository root");
    }
}

public sealed class LanguageModelTrainingTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(0.1f)]
    public void Train_AppliesTheLearnedModelsTheWayMlNetTrainedThem(float naiveBayes)
    {
        // A sanity check of the hand-written prediction (Platt calibration, softmax, naive-Bayes scaling folded into
        // the weights) against the trainer: on its own training messages a linear model fits almost perfectly; a
        // wrong sign or formula would not.
        var sample = LabelledMessage.ReadAll(Path.Combine(LanguageTests.RepositoryRoot(), "corpus", "train.jsonl")).Take(300).ToList();
        var themes = ThemeCatalog.Defaults.Select(t => t.Id).ToList();

        var model = LanguageModel.Train(sample, themes, TrainingSettings.Default with { NaiveBayes = naiveBayes });

        var hits = 0;
        var total = 0;
        var sentimentHits = 0;
        foreach (var message in sample)
        {
            var (themeProbabilities, sentiment) = model.Predict(message.Text, LanguageDetector.Detect(message.Text));
            for (var t = 0; t < themes.Count; t++)
            {
                total++;
                hits += (themeProbabilities[t] >= 0.5f) == message.Themes.Contains(themes[t]) ? 1 : 0;
            }

            sentimentHits += LanguageModel.SentimentClasses[Array.IndexOf(sentiment, sentiment.Max())] == message.Sentiment ? 1 : 0;
            Assert.Equal(1f, sentiment.Sum(), 3);
        }

        Assert.True(hits > total * 0.95, $"{hits}/{total}");
        Assert.True(sentimentHits > sample.Count * 0.9, $"{sentimentHits}/{sample.Count}");
        Assert.Equal(LanguageModel.Hash(sample), model.Info.CorpusHash);
    }

    [Fact]
    public void SaveAndLoad_GiveTheSamePredictions()
    {
        var model = LanguageModel.LoadEmbedded();
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        var loaded = LanguageModel.Load(stream);

        var text = "Er wordt elke nacht hard gereden in onze straat, het is levensgevaarlijk voor de kinderen";
        Assert.Equal(model.Predict(text, "nl").Themes, loaded.Predict(text, "nl").Themes);
        Assert.Equal(model.Info, loaded.Info with { Themes = model.Info.Themes, Thresholds = model.Info.Thresholds });
    }
}
