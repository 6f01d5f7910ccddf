using System.Net;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Hosting;

/// <summary>
/// The real host (Program on Kestrel) started in the Production environment: a safe deployment's settings start,
/// and each unsafe or missing setting alone stops the start with a message that names it.
/// </summary>
public sealed class ProductionSettingsTests
{
    /// <summary>What the Azure template sets (managed identity, Azure's Direct Line), on this test's SQLite file.</summary>
    private static BotHost SafeProductionHost() => new BotHost()
        .With("environment", "Production")
        .With("MicrosoftAppType", "UserAssignedMSI")
        .With("MicrosoftAppId", "00000000-0000-0000-0000-000000000001")
        .With("MicrosoftAppTenantId", "00000000-0000-0000-0000-000000000002")
        .With("Bot:PublicUrl", "https://veerkracht.example.nl")
        .With("DirectLine:LocalEnabled", "false");

    [Fact]
    public async Task SafeSettings_Start()
    {
        await using var host = SafeProductionHost();
        await host.InitializeAsync();
        using var client = host.CreateHttpClient();

        var ready = await client.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task AuthenticationOff_StopsTheStart()
    {
        var message = await StartFailsAsync(host => host.With("MicrosoftAppId", ""));

        Assert.Contains("MicrosoftAppId is empty, so Bot Framework authentication is off", message);
    }

    [Fact]
    public async Task LocalDirectLine_WithPublicHttpsUrl_StopsTheStart()
    {
        var message = await StartFailsAsync(host => host.With("DirectLine:LocalEnabled", "true"));

        Assert.Contains("DirectLine:LocalEnabled is true while the bot is public at https://veerkracht.example.nl", message);
    }

    [Fact]
    public async Task Sqlite_OnAppService_StopsTheStart()
    {
        var message = await StartFailsAsync(host => host.With(ProductionSettings.AppServiceInstanceVariable, "4f1d0c2e9b7a"));

        Assert.Contains("Database:Provider is Sqlite on Azure App Service", message);
    }

    [Fact]
    public async Task Sqlite_WithSeveralInstances_StopsTheStart()
    {
        var message = await StartFailsAsync(host => host.With("Bot:Instances", "2"));

        Assert.Contains("Database:Provider is Sqlite while Bot:Instances is 2", message);
    }

    [Fact]
    public async Task MissingPublicUrl_StopsTheStart()
    {
        var message = await StartFailsAsync(host => host.With("Bot:PublicUrl", null));

        Assert.Contains("Bot:PublicUrl is missing or not an https URL", message);
    }

    [Fact]
    public async Task MissingTenant_StopsTheStart()
    {
        var message = await StartFailsAsync(host => host.With("MicrosoftAppTenantId", ""));

        Assert.Contains("MicrosoftAppTenantId is missing: a UserAssignedMSI bot needs the tenant of its identity.", message);
    }

    [Fact]
    public async Task MissingSecret_OfSingleTenantBot_StopsTheStart()
    {
        var message = await StartFailsAsync(host => host.With("MicrosoftAppType", "SingleTenant"));

        Assert.Contains("MicrosoftAppPassword is missing: a SingleTenant bot needs its client secret.", message);
    }

    [Fact]
    public async Task EveryProblem_IsNamed_InOneMessage()
    {
        var message = await StartFailsAsync(host => host.With("MicrosoftAppId", "").With("Bot:PublicUrl", "http://veerkracht.example.nl").With("Bot:Instances", "3"));

        Assert.StartsWith("The bot does not start in the Production environment with these settings:", message);
        Assert.Contains("MicrosoftAppId", message);
        Assert.Contains("Bot:PublicUrl", message);
        Assert.Contains("Bot:Instances is 3", message);
    }

    [Fact]
    public async Task Development_IsNotChecked()
    {
        await using var host = new BotHost().With("Bot:Instances", "2");
        await host.InitializeAsync();
        using var client = host.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("readyz")).StatusCode);
    }

    /// <summary>Starts a safe production host with one change and returns the message the start stopped with.</summary>
    private static async Task<string> StartFailsAsync(Action<BotHost> change)
    {
        await using var host = SafeProductionHost();
        change(host);

        var thrown = await Record.ExceptionAsync(host.InitializeAsync);

        Assert.NotNull(thrown);
        var unsafeSettings = Flatten(thrown).OfType<UnsafeSettingsException>().FirstOrDefault();
        Assert.True(unsafeSettings is not null, "Expected UnsafeSettingsException, got " + thrown);

        // Stopped before the migrations ran: the database file was not even created.
        Assert.False(File.Exists(host.DatabasePath));
        return unsafeSettings.Message;
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
