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
    public void Azure_WithoutEndpointOrKey_IsAClearConfigurationError()
    {
        using var provider = Build(new() { ["Language:Provider"] = "Azure" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LanguageOptions>>().Value);
        Assert.Contains("AzureEndpoint", error.Message, StringComparison.Ordinal);
    }
}
