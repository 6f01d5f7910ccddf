using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Audit;
using VeerkrachtBot.Core.Demo;
using VeerkrachtBot.Core.Digests;
using VeerkrachtBot.Core.Evaluations;
using VeerkrachtBot.Core.Ideas;
using VeerkrachtBot.Core.Identity;
using VeerkrachtBot.Core.Language;
using VeerkrachtBot.Core.Language.Azure;
using VeerkrachtBot.Core.Language.Understanding;
using VeerkrachtBot.Core.Meetings;
using VeerkrachtBot.Core.Neighbourhoods;
using VeerkrachtBot.Core.Notifications;
using VeerkrachtBot.Core.Polls;
using VeerkrachtBot.Core.Privacy;
using VeerkrachtBot.Core.Professionals;
using VeerkrachtBot.Core.Pulse;
using VeerkrachtBot.Core.Reports;
using VeerkrachtBot.Core.Residents;
using VeerkrachtBot.Core.Retention;
using VeerkrachtBot.Core.Storage;
using VeerkrachtBot.Core.Teams;

namespace VeerkrachtBot.Core;

/// <summary>Registers the Core services.</summary>
public static class CoreExtensions
{
    /// <summary>
    /// Adds the database (SQLite by default, SQL Server when configured), its migrations (applied at start-up),
    /// the stores and the domain services. Relative SQLite paths are resolved against <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddVeerkrachtCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Provider == DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString), "SQL Server needs Database:ConnectionString.")
            .Validate(o => o.Authentication == DatabaseAuthentication.ConnectionString || o.Provider == DatabaseProvider.SqlServer,
                "Database:Authentication=ManagedIdentity or DefaultAzureCredential is for SQL Server: set Database:Provider=SqlServer, or leave Database:Authentication out.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, SqlConnectionStringValidation>();
        services.AddOptions<AzureOptions>().Bind(configuration.GetSection(AzureOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.ManagedIdentityClientId) || Guid.TryParse(o.ManagedIdentityClientId.Trim(), out _),
                "Azure:ManagedIdentityClientId is the client id (a GUID) of a user-assigned managed identity; leave it empty for the system-assigned one.")
            .ValidateOnStart();
        services.AddSingleton<AzureCredentials>();
        services.AddOptions<NeighbourhoodOptions>().Bind(configuration.GetSection(NeighbourhoodOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IDatabase>(sp => CreateDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, contentRoot,
            sp.GetRequiredService<AzureCredentials>(), sp.GetService<ILoggerFactory>()?.CreateLogger<IDatabase>()));
        services.AddSingleton(sp => new NeighbourhoodCatalog(sp.GetRequiredService<IOptions<NeighbourhoodOptions>>().Value.Items));

        services.AddSingleton<IMigrationSource, CoreMigrations>();
        services.AddSingleton<IMigrationSource, UrgentIdeaMigrations>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IStateStore, StateStore>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<IResidentStore, SqlResidentStore>();
        services.AddSingleton<IIdeaStore, SqlIdeaStore>();
        services.AddSingleton<IMeetingStore, SqlMeetingStore>();
        services.AddSingleton<IPollStore, SqlPollStore>();
        services.AddSingleton<ITeamsStore, SqlTeamsStore>();
        services.AddSingleton<IAuditLog, SqlAuditLog>();
        services.AddSingleton<IMigrationSource, NotificationMigrations>();
        services.AddSingleton<SqlNotificationOutbox>();
        services.AddSingleton<INotificationOutbox>(sp => sp.GetRequiredService<SqlNotificationOutbox>());
        services.AddSingleton<IResidentDataPart>(sp => sp.GetRequiredService<SqlNotificationOutbox>());
        services.AddSingleton<ProactiveMessages>();
        services.AddSingleton<ConversationDirectory>();
        services.AddSingleton<IResidentDataStore, SqlResidentDataStore>();
        services.AddSingleton<IDigestQueries, SqlDigestQueries>();
        services.AddSingleton<IMigrationSource, DigestMigrations>();
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IIdeaFlagRule, SafetyFirstRule>();
        services.AddSingleton<DigestBuilder>();
        services.AddOptions<DigestScheduleOptions>().Bind(configuration.GetSection(DigestScheduleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DigestScheduler>();
        services.AddSingleton<PollResultsScheduler>();
        services.AddSingleton<DigestSubscriptions>();
        services.AddSingleton<DigestIdeaLists>();
        services.AddSingleton<PollResultsService>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IMigrationSource, RetentionMigrations>();
        services.AddSingleton<RetentionJob>();
        services.AddOptions<TeamsAccessOptions>().Bind(configuration.GetSection(TeamsAccessOptions.Section))
            .Validate(o => o.AreGuids(), "Teams:AllowedTenants and Teams:ProgrammeManagers hold Entra ids (GUIDs).")
            .ValidateOnStart();
        services.AddSingleton<IMigrationSource, ProfessionalMigrations>();
        services.AddSingleton(sp => new ProgrammeManagers(sp.GetRequiredService<IDatabase>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<TeamsAccessOptions>>().Value.ProgrammeManagers));
        services.AddSingleton<FormSubmissions>();
        services.AddSingleton<IdeaSearch>();
        services.AddSingleton<ThemeCorrections>();
        services.AddSingleton<RecentPolls>();
        services.AddSingleton<IMigrationSource, PulseMigrations>();
        services.AddSingleton<SqlPulseStore>();
        services.AddSingleton<IPulseStore>(sp => sp.GetRequiredService<SqlPulseStore>());
        services.AddSingleton<IResidentDataPart>(sp => sp.GetRequiredService<SqlPulseStore>());
        services.AddSingleton<SqlBackgroundStore>();
        services.AddSingleton<IBackgroundStore>(sp => sp.GetRequiredService<SqlBackgroundStore>());
        services.AddSingleton<IResidentDataPart>(sp => sp.GetRequiredService<SqlBackgroundStore>());
        services.AddSingleton<PulseService>();
        services.AddSingleton<IMigrationSource, EvaluationMigrations>();
        services.AddSingleton<SqlEvaluationStore>();
        services.AddSingleton<IEvaluationStore>(sp => sp.GetRequiredService<SqlEvaluationStore>());
        services.AddSingleton<IResidentDataPart>(sp => sp.GetRequiredService<SqlEvaluationStore>());
        services.AddSingleton<EvaluationService>();
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportBuilder>();

        services.AddOptions<ThemeOptions>().Bind(configuration.GetSection(ThemeOptions.Section));
        services.AddOptions<LanguageOptions>().Bind(configuration.GetSection(LanguageOptions.Section))
            .Validate(o => o.Provider is "Local" or "Azure", "Language:Provider is Local or Azure.")
            .Validate(o => o.Provider != "Azure" || o.AzureEndpoint is not null, "Azure language analysis needs Language:AzureEndpoint.")
            .Validate(o => o.Provider != "Azure" || o.Authentication != LanguageAuthentication.Key || !string.IsNullOrWhiteSpace(o.AzureKey),
                "Azure language analysis with Language:Authentication=Key needs Language:AzureKey (or set Language:Authentication=ManagedIdentity).")
            .Validate(o => o.AzureDeadlineMilliseconds is >= 100 and <= 14_000,
                "Language:AzureDeadlineMilliseconds is between 100 and 14000: channels give up on a turn after 15 seconds.")
            .Validate(o => o.AzureBreakSeconds is >= 0 and <= 3600, "Language:AzureBreakSeconds is between 0 (no breaker) and 3600.")
            .ValidateOnStart();
        services.AddSingleton(sp => new ThemeCatalog(sp.GetRequiredService<IOptions<ThemeOptions>>().Value.Items));
        services.AddSingleton<NeighbourhoodFinder>();
        services.AddSingleton<ThemeAnswers>();
        services.AddSingleton<TurnUnderstanding>();
        services.AddSingleton(_ => LanguageModel.LoadEmbedded());
        services.AddSingleton<LocalTextAnalyzer>();
        services.AddSingleton(sp => AzureSettings.CreateLanguageClient(sp.GetRequiredService<IOptions<LanguageOptions>>().Value, sp.GetRequiredService<AzureCredentials>()));
        services.AddSingleton<AzureTextAnalyzer>();
        services.AddSingleton<ITextAnalyzer>(sp => sp.GetRequiredService<IOptions<LanguageOptions>>().Value.Provider == "Azure"
            ? sp.GetRequiredService<AzureTextAnalyzer>()
            : sp.GetRequiredService<LocalTextAnalyzer>());

        services.AddSingleton<ResidentPseudonyms>();
        services.AddSingleton<ResidentService>();
        services.AddSingleton<IdeaService>();
        services.AddSingleton<RsvpService>();
        services.AddSingleton<PollService>();
        services.AddSingleton<ResidentDataService>();
        services.AddSingleton<MeetingService>();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.AddSingleton<DemoData>();
        services.AddHostedService<MigrationHostedService>();
        services.AddHostedService<DemoDataHostedService>();
        return services;
    }

    /// <summary>
    /// The database for the options: SQLite file (relative to <paramref name="contentRoot"/>) or SQL Server, signing in
    /// with the configured Entra ID credential when <see cref="DatabaseOptions.Authentication"/> asks for one.
    /// </summary>
    public static IDatabase CreateDatabase(DatabaseOptions options, string contentRoot, AzureCredentials? credentials = null, ILogger? logger = null) => options.Provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerDatabase(options.ConnectionString!, options.Authentication switch
        {
            DatabaseAuthentication.ManagedIdentity => (credentials ?? throw new ArgumentNullException(nameof(credentials))).Get(AzureCredentialKind.ManagedIdentity),
            DatabaseAuthentication.DefaultAzureCredential => (credentials ?? throw new ArgumentNullException(nameof(credentials))).Get(AzureCredentialKind.DefaultAzureCredential),
            _ => null,
        }, logger: logger),
        _ => new SqliteDatabase(string.IsNullOrWhiteSpace(options.ConnectionString)
            ? $"Data Source={Path.Combine(contentRoot, options.Path)}"
            : options.ConnectionString, logger: logger),
    };

    private sealed class MigrationHostedService(MigrationRunner runner) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => runner.ApplyAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
