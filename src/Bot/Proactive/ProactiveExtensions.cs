using VeerkrachtBot.Core.Privacy;

namespace VeerkrachtBot.Bot.Proactive;

/// <summary>Registers the one way the bot starts messages: resident references, renderers, sender, outbox worker.</summary>
public static class ProactiveExtensions
{
    public static IServiceCollection AddProactiveSending(this IServiceCollection services)
    {
        services.AddOptions<ProactiveOptions>().BindConfiguration(ProactiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ResidentConversations>();
        services.AddSingleton<IResidentDataPart>(sp => sp.GetRequiredService<ResidentConversations>());
        services.AddSingleton<ProactiveReach>();
        services.AddSingleton<IProactiveRenderer, IdeaStatusRenderer>();
        services.AddSingleton<IProactiveRenderer, PromotionRenderer>();
        services.AddSingleton<IProactiveRenderer, AnnouncementRenderer>();
        services.AddSingleton<IProactiveRenderer, TextRenderer>();
        services.AddSingleton<ProactiveSender>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<ProactiveWorker>();
        return services;
    }
}
