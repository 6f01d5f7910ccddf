using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Language.Azure;

namespace VeerkrachtBot.Core.Tests.Language;

public sealed class AnalyzerSelectionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddVeerkrachtCore(configuration, Path.GetTempPath());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Default_IsTheLocalAnalysis()
    {
        using var provider = Build([]);

        Assert.IsType<LocalTextAnalyzer>(provider.GetRequiredService<ITextAnalyzer>());
    }

    [Fact]
    public void Azure_IsChosenByConfiguration()
    {
        using var provider = Build(new() { ["Language:Provider"] = "Azure", ["Language:AzureEndpoint"] = "https://example.invalid/", ["Language:AzureKey"] = "k" });

        Assert.IsType<AzureTextAnalyzer>(provider.GetRequiredService<ITextAnalyzer>());
    }

    [Fact]
    public void Azure_WithManagedIdentity_NeedsNoKey_AndTheDeadlineIsChecked()
    {
        using var provider = Build(new() { ["Language:Provider"] = "Azure", ["Language:AzureEndpoint"] = "https://example.invalid/", ["Language:Authentication"] = "ManagedIdentity" });
        using var tooLong = Build(new() { ["Language:Provider"] = "Azure", ["Language:AzureEndpoint"] = "https://example.invalid/", ["Language:AzureKey"] = "k", ["Language:AzureDeadlineMilliseconds"] = "60000" });

        Assert.IsType<AzureTextAnalyzer>(provider.GetRequiredService<ITextAnalyzer>());
        var error = Assert.Throws<OptionsValidationException>(() => tooLong.GetRequiredService<IOptions<LanguageOptions>>().Value);
        Assert.Contains("Language:AzureDeadlineMilliseconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_WithManagedIdentity_SendsABearerTokenForTheCognitiveServicesScope()
    {
        await using var service = await LanguageServiceStandIn.StartAsync();
        var credential = new AzureLanguageClientTests.RecordingCredential(LanguageServiceStandIn.Token);
        var options = new LanguageOptions { Provider = "Azure", AzureEndpoint = service.HttpsEndpoint, Authentication = LanguageAuthentication.ManagedIdentity };
        var transport = new Azure.Core.Pipeline.HttpClientTransport(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == service.Certificate.Thumbprint,
        });

        var client = Identity.AzureSettings.CreateLanguageClient(options, new Identity.AzureCredentials(_ => credential), transport);
        var result = await client.KeyPhrasesAsync([new AzureDocument("1", "de speeltuin", "nl")]);

        Assert.Equal(["speeltuin"], result.Results["1"].KeyPhrases);
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], credential.Scopes.Distinct());
        Assert.Equal("Bearer " + LanguageServiceStandIn.Token, Assert.Single(service.Requests).Authorization);
    }

    [Fact]
    public void Azure_WithoutEndpointOrKey_IsAClearConfigurationError()
    {
        using var provider = Build(new() { ["Language:Provider"] = "Azure" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LanguageOptions>>().Value);
        Assert.Contains("AzureEndpoint", error.Message, StringComparison.Ordinal);
    }
}
