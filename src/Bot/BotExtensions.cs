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
using VeerkrachtBot.Bot.State;
using VeerkrachtBot.Bot.WebChat;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot;

/// <summary>Registers and maps everything of the bot host.</summary>
public static class BotExtensions
{
    public static IServiceCollection AddVeerkrachtBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section).ValidateDataAnnotations()
            .Validate(
                o => !o.LocalEnabled || string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]),
                "The local Direct Line runs only with Bot Framework authentication off (empty MicrosoftAppId); set DirectLine:LocalEnabled=false when the bot runs in Azure.")
            .ValidateOnStart();

        // Authentication is on exactly when MicrosoftAppId is set: ConfigurationBotFrameworkAuthentication reads
        // MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId from configuration.
        services.AddHttpClient();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            configuration,
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
        services.AddSingleton<IStorage, DatabaseStorage>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        services.AddSingleton<VeerkrachtAdapter>();
        services.AddTransient<IBot, ResidentBot>();
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

        services.AddSingleton<IMigrationSource, DirectLineMigrations>();
        services.AddSingleton<IMigrationSource, BotMigrations>();
        services.AddOptions<ChartOptions>().BindConfiguration(ChartOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IMigrationSource, ChartMigrations>();
        services.AddSingleton<ChartStore>();
        services.AddSingleton<ChartLinks>();
        services.AddSingleton<DigestCards>();
        services.AddSingleton<WaitingListNotices>();
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<TranscriptSignals>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<LocalServiceUrl>();
        services.AddSingleton<DirectLineService>();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(WebChatApi.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.TokensPerMinutePerClient,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapVeerkrachtBot(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseRateLimiter();

        app.MapMessagesApi();
        app.MapCalendarApi();
        app.MapExportApi();
        app.MapChartApi();
        if (app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.LocalEnabled)
        {
            app.MapDirectLineApi();
            app.MapLocalConnectorApi();
            app.MapWebChatApi();
        }

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
