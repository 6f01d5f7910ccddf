using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Language.Azure;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core.Identity;

/// <summary>Turns the Azure settings into clients, and says in plain words what is wrong with them.</summary>
public static class AzureSettings
{
    /// <summary>
    /// What is wrong with the SQL Server connection string for the chosen authentication, or null. With a token from
    /// Azure the string must not sign in itself; and SqlClient 7 needs an extra package for
    /// <c>Authentication=Active Directory ...</c>, which the bot does not ship: <c>Database:Authentication</c> replaces it.
    /// </summary>
    public static string? SqlConnectionStringProblem(DatabaseOptions options)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            return $"Database:ConnectionString is not a valid SQL Server connection string: {ex.Message}";
        }

        if (builder.Authentication != SqlAuthenticationMethod.NotSpecified)
        {
            return options.Authentication == DatabaseAuthentication.ConnectionString
                ? $"Database:ConnectionString uses Authentication={builder.Authentication}, which this build of SqlClient cannot do. Remove it and set Database:Authentication=ManagedIdentity (or DefaultAzureCredential)."
                : $"Database:Authentication={options.Authentication} gets a token from Azure: remove Authentication= from Database:ConnectionString.";
        }

        if (options.Authentication != DatabaseAuthentication.ConnectionString && (!string.IsNullOrEmpty(builder.UserID) || !string.IsNullOrEmpty(builder.Password) || builder.IntegratedSecurity))
        {
            return $"Database:Authentication={options.Authentication} gets a token from Azure: remove User ID, Password and Integrated Security from Database:ConnectionString.";
        }

        return null;
    }

    /// <summary>
    /// The Language client for the options. A resident's turn waits at most <see cref="LanguageOptions.AzureDeadlineMilliseconds"/>
    /// for it, so one try may take no longer than that and retries are few.
    /// </summary>
    public static AzureLanguageClient CreateLanguageClient(LanguageOptions options, AzureCredentials credentials, global::Azure.Core.Pipeline.HttpPipelineTransport? transport = null)
    {
        var clientOptions = new AzureLanguageClientOptions();
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(Math.Min(options.AzureTimeoutSeconds * 1000.0, options.AzureDeadlineMilliseconds));
        var endpoint = options.AzureEndpoint ?? new Uri("https://localhost/");
        return options.Authentication switch
        {
            LanguageAuthentication.ManagedIdentity => new AzureLanguageClient(endpoint, credentials.Get(AzureCredentialKind.ManagedIdentity), clientOptions),
            LanguageAuthentication.DefaultAzureCredential => new AzureLanguageClient(endpoint, credentials.Get(AzureCredentialKind.DefaultAzureCredential), clientOptions),
            _ => new AzureLanguageClient(endpoint, new global::Azure.AzureKeyCredential(options.AzureKey ?? "-"), clientOptions),
        };
    }
}

/// <summary>Checks the SQL Server connection string against <see cref="DatabaseOptions.Authentication"/> at start.</summary>
internal sealed class SqlConnectionStringValidation : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.Provider == DatabaseProvider.SqlServer && !string.IsNullOrWhiteSpace(options.ConnectionString) && AzureSettings.SqlConnectionStringProblem(options) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
