namespace VeerkrachtBot.Bot.Professionals;

/// <summary>Registers the professionals' side: the Teams bot, its commands and the conversation capture.</summary>
public static class ProfessionalExtensions
{
    public static IServiceCollection AddProfessionals(this IServiceCollection services)
    {
        services.AddTransient<ProfessionalBot>();
        services.AddSingleton<TeamsConversations>();
        services.AddSingleton<HelpCommand>();
        services.AddSingleton<IdeasCommand>();
        services.AddSingleton<NewPollCommand>();
        services.AddSingleton<PollsCommand>();
        services.AddSingleton<NewMeetingCommand>();
        services.AddSingleton<MeetingsCommand>();
        services.AddSingleton<SubscriptionsCommand>();
        services.AddSingleton<ManagersCommand>();
        services.AddSingleton<DigestButtonsCommand>();
        services.AddSingleton<IProfessionalCommand>(sp => sp.GetRequiredService<HelpCommand>());
        services.AddSingleton<IProfessionalCommand>(sp => sp.GetRequiredService<IdeasCommand>());
        services.AddSingleton<IProfessionalCommand>(sp => sp.GetRequiredService<NewPollCommand>());
        services.AddSingleton<IProfessionalCommand>(sp => sp.GetRequiredService<PollsCommand>());
        services.AddSingleton<IProfessionalCommand>(sp => sp.GetRequiredService<NewMeetingCommand>());
        services.AddSingleton<IProfessionalCommand>(sp => sp.GetRequiredService<MeetingsCommand>());
        services.AddSingleton<IProfessionalCommand>(sp => sp.GetRequiredService<SubscriptionsCommand>());
        services.AddSingleton<IProfessionalCommand>(sp => sp.GetRequiredService<ManagersCommand>());
        services.AddSingleton<IProfessionalCommand>(sp => sp.GetRequiredService<DigestButtonsCommand>());
        services.AddSingleton<IProfessionalCommand, Pulse.PulseSettingsCommand>();
        services.AddSingleton<IProfessionalCommand, Pulse.PopulationCommand>();
        services.AddSingleton<IProfessionalCommand, Reports.ReportCardCommand>();
        return services;
    }
}
