using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Bot.Adapter;
using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Digests;
using VeerkrachtBot.Bot.DirectLine;
using VeerkrachtBot.Bot.Hosting;
using VeerkrachtBot.Bot.Ideas;
using VeerkrachtBot.Bot.Meetings;
using VeerkrachtBot.Bot.Messages;
using VeerkrachtBot.Bot.Polls;
using VeerkrachtBot.Bot.Privacy;
using VeerkrachtBot.Bot.Proactive;
using VeerkrachtBot.Bot.Professionals;
using VeerkrachtBot.Bot.Pulse;
using VeerkrachtBot.Bot.Reports;
using VeerkrachtBot.Bot.Routing;
using VeerkrachtBot.Bot.State;
using VeerkrachtBot.Bot.WebChat;
using VeerkrachtBot.Core.Retention;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot;

/// <summary>Registers and maps everything of the bot host.</summary>
public static class BotExtensions
{
    public static IServiceCollection AddVeerkrachtBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateDataAnnotations()
            .Validate(
                o => o.AllowedServiceUrls.TrueForAll(u => string.IsNullOrWhiteSpace(u) || ServiceUrlPrefix.Parse(u) is not null),
                "Bot:AllowedServiceUrls must hold absolute http(s) URLs without user info, query or fragment.")
            .ValidateOnStart();
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.Section)
            .Validate(o => o.AreOrigins(), "Embedding:AllowedOrigins holds origins only, like https://www.maastricht.nl (https, no path, no wildcard).")
            .ValidateOnStart();
        services.AddOptions<AzureDirectLineOptions>().BindConfiguration(DirectLineOptions.Section)
            .Validate(o => o.IsValidDomain(), "DirectLine:AzureDomain must be an https address, like https://directline.botframework.com/v3/directline.")
            .Validate(o => o.AzureTimeoutSeconds is >= 1 and <= 60, "DirectLine:AzureTimeoutSeconds is between 1 and 60.")
            .ValidateOnStart();
        services.AddSingleton<AzureDirectLine>();
        services.AddHttpClient(AzureDirectLine.ClientName);
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section).ValidateDataAnnotations()
            .Validate(
                o => !o.LocalEnabled || string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]),
                "The local Direct Line runs only with Bot Framework authentication off (empty MicrosoftAppId); set DirectLine:LocalEnabled=false when the bot runs in Azure.")
            .Validate(o => DirectLineOptions.IsSafeServiceUrl(o.ServiceUrl), DirectLineOptions.ServiceUrlRule)
            .ValidateOnStart();

        // Authentication is on exactly when MicrosoftAppId is set: ConfigurationBotFrameworkAuthentication reads
        // MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId from configuration.
        // Its HTTP clients (the connector clients that send the bot's replies) carry the local connector's key,
        // only on calls to the bot's own local service URL.
        services.AddHttpClient();
        services.AddVeerkrachtTelemetry(configuration);
        services.AddSingleton<LocalConnectorKey>();
        services.AddTransient<LocalConnectorKeyHandler>();
        // No automatic redirects: a redirect would carry the local connector's key (a header of our own) to wherever it points.
        services.AddHttpClient(ConnectorClients.Name)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<LocalConnectorKeyHandler>();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            configuration,
            httpClientFactory: new ConnectorClients(sp.GetRequiredService<IHttpClientFactory>()),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
        services.AddSingleton<IStorage, DatabaseStorage>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<ResidentAdmissionReplies>();
        services.AddSingleton<IAdmissionReplies, AudienceAdmissionReplies>();
        services.AddSingleton<TurnAdmission>();
        services.AddSingleton<TeamsTenantGate>();
        services.AddSingleton(sp =>
        {
            var adapter = ActivatorUtilities.CreateInstance<VeerkrachtAdapter>(sp);

            adapter.Use(sp.GetRequiredService<TurnTelemetry>());

            // Then the tenant gate: a refused Teams user gets one sentence and nothing is stored, not even admission state.
            adapter.Use(sp.GetRequiredService<TeamsTenantGate>());
            adapter.Use(sp.GetRequiredService<TurnAdmission>());
            adapter.Use(sp.GetRequiredService<ProactiveReach>());
            return adapter;
        });
        services.AddTransient<IBot, AudienceRouter>();
        services.AddTransient<ResidentBot>();
        services.AddProfessionals();
        services.AddSingleton<OpenMessagingPolicy>();
        services.AddSingleton<ClientRateLimits>();
        services.AddSingleton<TurnLimits>();
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<IdeaFlow>();
        services.AddSingleton<MeetingFlow>();
        services.AddSingleton<PollFlow>();
        services.AddSingleton<MyDataFlow>();
        services.AddSingleton<IResidentFlow>(sp => sp.GetRequiredService<IdeaFlow>());
        services.AddSingleton<IResidentFlow>(sp => sp.GetRequiredService<MeetingFlow>());
        services.AddSingleton<IResidentFlow>(sp => sp.GetRequiredService<PollFlow>());
        services.AddSingleton<IResidentFlow>(sp => sp.GetRequiredService<MyDataFlow>());
        services.AddPulse();

        services.AddSingleton<IMigrationSource, DirectLineMigrations>();
        services.AddSingleton<IMigrationSource, BotMigrations>();
        services.AddOptions<ChartOptions>().BindConfiguration(ChartOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IMigrationSource, ChartMigrations>();
        services.AddSingleton<ChartStore>();
        services.AddSingleton<ChartLinks>();
        services.AddSingleton<DigestCards>();
        services.AddSingleton<NeighbourhoodPages>();
        services.AddSingleton<IProactiveRenderer, DigestRenderer>();
        services.AddSingleton<IProactiveRenderer, PollResultsRenderer>();
        services.AddHostedService<DigestScheduleWorker>();
        services.AddProactiveSending();
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<IRetentionPart, TranscriptRetention>();
        services.AddHostedService<RetentionWorker>();
        services.AddSingleton<TranscriptSignals>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<LocalServiceUrl>();
        services.AddSingleton<DirectLineService>();
        services.AddHostedService<KeysAtStart>();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    RetryAfter.Set(context.HttpContext.Response, wait);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(WebChatApi.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.TokensPerMinutePerClient,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        // A body that does not bind is the client's mistake: a 400, also in Development (where the default throws and logs an error).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        return services;
    }

    /// <summary>The Bot Framework's HTTP clients, whatever name it asks for: the named client with the local connector's key handler.</summary>
    private sealed class ConnectorClients(IHttpClientFactory factory) : IHttpClientFactory
    {
        public const string Name = "bot-connector";

        public HttpClient CreateClient(string name) => factory.CreateClient(Name);
    }

    public static WebApplication MapVeerkrachtBot(this WebApplication app)
    {
        // Before anything reads the options or touches the database: a wrong deployment stops here, with its settings named.
        ProductionSettings.EnsureSafe(app.Configuration, app.Environment);
        app.UseSecurityHeaders();
        app.UseTransientFailures();
        app.UseTurnLimits();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseRateLimiter();

        app.MapMessagesApi();
        app.MapCalendarApi();
        app.MapExportApi();
        app.MapChartApi();
        app.MapNeighbourhoodPages();
        if (app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.LocalEnabled)
        {
            app.MapDirectLineApi();
            app.MapLocalConnectorApi();
            app.MapWebChatApi();
        }
        else if (AzureDirectLine.IsConfigured(app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value))
        {
            app.MapAzureWebChatApi();
        }

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
