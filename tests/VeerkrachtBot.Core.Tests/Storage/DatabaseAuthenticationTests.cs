using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Identity;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Tests.Language;

namespace VeerkrachtBot.Core.Tests.Storage;

/// <summary>
/// Azure SQL with the App Service's managed identity: SqlClient 7 cannot do "Authentication=Active Directory ..." without
/// a package we do not ship, so the token comes from Azure.Identity through SqlConnection.AccessTokenCallback.
/// </summary>
public sealed class DatabaseAuthenticationTests
{
    private const string AzureSql = "Server=tcp:veerkracht.database.windows.net,1433;Database=veerkracht;Encrypt=True";

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddVeerkrachtCore(configuration, Path.GetTempPath());
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(DatabaseAuthentication.ManagedIdentity, AzureCredentialKind.ManagedIdentity)]
    [InlineData(DatabaseAuthentication.DefaultAzureCredential, AzureCredentialKind.DefaultAzureCredential)]
    public async Task ManagedIdentity_EveryConnectionGetsATokenForAzureSql(DatabaseAuthentication authentication, AzureCredentialKind expected)
    {
        var credential = new AzureLanguageClientTests.RecordingCredential("sql-token");
        var asked = new List<AzureCredentialKind>();
        var credentials = new AzureCredentials(kind =>
        {
            asked.Add(kind);
            return credential;
        });

        var database = (SqlServerDatabase)CoreExtensions.CreateDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = AzureSql, Authentication = authentication }, "/", credentials);
        using var first = database.CreateConnection();
        using var second = database.CreateConnection();
        var token = await first.AccessTokenCallback!(null!, CancellationToken.None);

        Assert.Equal("sql-token", token.AccessToken);
        Assert.Equal(["https://database.windows.net/.default"], credential.Scopes);
        Assert.Equal([expected], asked);
        // One callback for every connection: SqlClient pools per callback, the credential caches the token.
        Assert.Same(first.AccessTokenCallback, second.AccessTokenCallback);
    }

    [Fact]
    public void ConnectionStringAuthentication_SetsNoCallback()
    {
        var database = (SqlServerDatabase)CoreExtensions.CreateDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = AzureSql + ";User ID=bot;Password=secret" }, "/");

        using var connection = database.CreateConnection();

        Assert.Null(connection.AccessTokenCallback);
    }

    [Fact]
    public void ByConfiguration_TheManagedIdentityIsWiredIntoTheDatabase()
    {
        using var provider = Build(new()
        {
            ["Database:Provider"] = "SqlServer",
            ["Database:ConnectionString"] = AzureSql,
            ["Database:Authentication"] = "ManagedIdentity",
            ["Azure:ManagedIdentityClientId"] = "2a6d9d0e-0000-4000-8000-000000000001",
        });

        var database = Assert.IsType<SqlServerDatabase>(provider.GetRequiredService<IDatabase>());
        using var connection = database.CreateConnection();

        Assert.NotNull(connection.AccessTokenCallback);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(provider.GetRequiredService<AzureCredentials>().Get(AzureCredentialKind.ManagedIdentity));
    }

    [Theory]
    [InlineData("Sqlite", "ManagedIdentity", "", "Database:Authentication")]
    [InlineData("SqlServer", "ManagedIdentity", ";User ID=bot;Password=secret", "Database:ConnectionString")]
    [InlineData("SqlServer", "ConnectionString", ";Authentication=Active Directory Default", "Database:Authentication=ManagedIdentity")]
    [InlineData("SqlServer", "ManagedIdentity", ";Authentication=Active Directory Managed Identity", "remove Authentication=")]
    public void WrongSettings_AreAClearErrorAtStart_NamingTheSetting(string provider, string authentication, string extra, string named)
    {
        using var services = Build(new()
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = provider == "Sqlite" ? null : AzureSql + extra,
            ["Database:Authentication"] = authentication,
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManagedIdentityClientId_MustBeAClientId()
    {
        using var services = Build(new() { ["Azure:ManagedIdentityClientId"] = "my-identity" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureOptions>>().Value);
        Assert.Contains("Azure:ManagedIdentityClientId", error.Message, StringComparison.Ordinal);
    }
}
