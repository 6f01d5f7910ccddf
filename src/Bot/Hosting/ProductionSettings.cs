using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>
/// Settings that are fine on a developer's machine but unsafe or broken anywhere else (Production, Staging, ...).
/// Checked before the host starts, so a wrong deployment never answers a request or touches the database: the start
/// stops with one message that names each setting to fix. Development is not checked: it runs without
/// authentication, with the local Direct Line, and with several hosts on one SQLite file in the tests.
/// </summary>
public static class ProductionSettings
{
    /// <summary>App Service sets this on every instance; it can scale out at any time and its /home is a network share.</summary>
    public const string AppServiceInstanceVariable = "WEBSITE_INSTANCE_ID";

    /// <summary>How many instances run this bot, for hosts other than App Service (containers, VMs); optional.</summary>
    public const string InstancesKey = "Bot:Instances";

    /// <summary>Throws <see cref="UnsafeSettingsException"/> when the environment is not Development and a setting is unsafe.</summary>
    public static void EnsureSafe(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        var problems = Check(configuration).ToList();
        if (problems.Count > 0)
        {
            throw new UnsafeSettingsException(
                $"The bot does not start in the {environment.EnvironmentName} environment with these settings:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        }
    }

    private static IEnumerable<string> Check(IConfiguration configuration)
    {
        var appId = configuration["MicrosoftAppId"];
        var appType = configuration["MicrosoftAppType"];
        if (string.IsNullOrWhiteSpace(appId))
        {
            yield return "MicrosoftAppId is empty, so Bot Framework authentication is off and anyone could post to /api/messages. " +
                "Set MicrosoftAppId to the bot's identity (README: Deploy to Azure).";
        }
        else if (string.IsNullOrWhiteSpace(appType) || appType.Equals("MultiTenant", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(configuration["MicrosoftAppPassword"]))
            {
                yield return "MicrosoftAppPassword is missing: a MultiTenant bot needs its client secret.";
            }
        }
        else if (appType.Equals("SingleTenant", StringComparison.OrdinalIgnoreCase) || appType.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(configuration["MicrosoftAppTenantId"]))
            {
                yield return $"MicrosoftAppTenantId is missing: a {appType} bot needs the tenant of its identity.";
            }

            if (appType.Equals("SingleTenant", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(configuration["MicrosoftAppPassword"]))
            {
                yield return "MicrosoftAppPassword is missing: a SingleTenant bot needs its client secret.";
            }
        }
        else
        {
            yield return $"MicrosoftAppType '{appType}' is not MultiTenant, SingleTenant or UserAssignedMSI.";
        }

        var publicUrl = configuration[$"{BotOptions.Section}:{nameof(BotOptions.PublicUrl)}"];
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            yield return "Bot:PublicUrl is missing or not an https URL: links in cards (calendar files, data exports) and the page's " +
                "addresses are made from it (e.g. https://veerkracht.example.nl).";
        }

        if (configuration.GetValue("DirectLine:LocalEnabled", defaultValue: true) && url is { IsLoopback: false } && url.Scheme == Uri.UriSchemeHttps)
        {
            yield return $"DirectLine:LocalEnabled is true while the bot is public at {url.GetLeftPart(UriPartial.Authority)}: the local Direct Line " +
                "is for development (it runs without Bot Framework authentication). Set DirectLine:LocalEnabled=false and use Azure's Direct Line.";
        }

        if (configuration.GetValue($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", DatabaseProvider.Sqlite) == DatabaseProvider.Sqlite)
        {
            if (!string.IsNullOrWhiteSpace(configuration[AppServiceInstanceVariable]))
            {
                yield return "Database:Provider is Sqlite on Azure App Service: an instance can be added at any time and the file share under /home " +
                    "does not keep SQLite's locks. Set Database:Provider=SqlServer.";
            }
            else if (int.TryParse(configuration[InstancesKey], out var instances) && instances > 1)
            {
                yield return $"Database:Provider is Sqlite while {InstancesKey} is {configuration[InstancesKey]}: one SQLite file serves one machine. " +
                    "Set Database:Provider=SqlServer.";
            }
        }
    }
}

/// <summary>The host is configured in a way that is unsafe or broken outside Development; the message names each setting.</summary>
public sealed class UnsafeSettingsException(string message) : Exception(message);
