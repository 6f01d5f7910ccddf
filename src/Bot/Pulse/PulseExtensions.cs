using VeerkrachtBot.Bot.Conversations;
using VeerkrachtBot.Bot.Proactive;

namespace VeerkrachtBot.Bot.Pulse;

/// <summary>Registers the neighbourhood pulse and the residents' evaluations: their flows, the menu offer, the evaluation questions after meetings.</summary>
public static class PulseExtensions
{
    public static IServiceCollection AddPulse(this IServiceCollection services)
    {
        services.AddSingleton<PulseFlow>();
        services.AddSingleton<EvaluationFlow>();
        services.AddSingleton<IResidentFlow>(sp => sp.GetRequiredService<PulseFlow>());
        services.AddSingleton<IResidentFlow>(sp => sp.GetRequiredService<EvaluationFlow>());
        services.AddSingleton<IMenuOffer>(sp => sp.GetRequiredService<PulseFlow>());
        services.AddSingleton<IProactiveRenderer, EvaluationRenderer>();
        services.AddHostedService<EvaluationInvitationWorker>();
        return services;
    }
}
