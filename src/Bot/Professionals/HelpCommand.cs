using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Professionals;

/// <summary>"help": what the bot does and what can be typed, with buttons for the common commands; also the welcome on install.</summary>
public sealed class HelpCommand : IProfessionalCommand
{
    public const string HelpAction = "pro.help";

    public IReadOnlyCollection<CommandKind> Kinds { get; } = [CommandKind.Help];

    public IReadOnlyCollection<string> Actions { get; } = [HelpAction];

    public bool ProgrammeManagersOnly => false;

    public Task OnCommandAsync(ProfessionalTurn turn, ProfessionalCommand command, CancellationToken cancellationToken) => ShowAsync(turn, null, cancellationToken);

    public Task OnActionAsync(ProfessionalTurn turn, string action, CancellationToken cancellationToken) => ShowAsync(turn, null, cancellationToken);

    public async Task ShowAsync(ProfessionalTurn turn, string? lead, CancellationToken cancellationToken) =>
        await turn.SendAsync(HelpCard(turn.Texts, lead, await turn.IsProgrammeManagerAsync(cancellationToken)), cancellationToken);

    public async Task WelcomeAsync(ProfessionalTurn turn, CancellationToken cancellationToken) =>
        await turn.SendAsync(WelcomeCard(turn.Texts, await turn.IsProgrammeManagerAsync(cancellationToken)), cancellationToken);

    /// <summary>The greeting on install: what the bot does, what it will never show, and the commands.</summary>
    public static JObject WelcomeCard(ProfessionalTexts texts, bool programmeManager)
    {
        var card = new TeamsCard(texts.WelcomeTitle + "\n" + texts.WelcomeWhat + "\n" + texts.WelcomeNever)
            .Heading(texts.WelcomeTitle)
            .Text(texts.WelcomeWhat)
            .Text(texts.WelcomeNever, spacing: "Medium");
        return Commands(card, texts, programmeManager).Build();
    }

    public static JObject HelpCard(ProfessionalTexts texts, string? lead, bool programmeManager)
    {
        var card = new TeamsCard((lead is null ? "" : lead + "\n") + texts.HelpTitle + "\n" + string.Join('\n', texts.HelpCommands.Select(c => c.Command + ": " + c.Meaning)));
        if (lead is not null)
        {
            card.Text(lead);
        }

        card.Heading(texts.HelpTitle);
        return Commands(card, texts, programmeManager).Build();
    }

    private static TeamsCard Commands(TeamsCard card, ProfessionalTexts texts, bool programmeManager)
    {
        foreach (var (command, meaning) in texts.HelpCommands)
        {
            card.Fact(command, meaning);
        }

        if (programmeManager)
        {
            card.Text(texts.HelpManagerCommands, subtle: true, spacing: "Small");
        }

        return card
            .Action(texts.IdeasTitle.Split(',')[0], TeamsCard.Data(IdeasCommand.ListAction))
            .Action(texts.NewPollTitle, TeamsCard.Data(NewPollCommand.FormAction))
            .Action(texts.PollsTitle, TeamsCard.Data(PollsCommand.ListAction))
            .Action(texts.NewMeetingTitle, TeamsCard.Data(NewMeetingCommand.FormAction))
            .Action(texts.MeetingsTitle, TeamsCard.Data(MeetingsCommand.ListAction))
            .Action(texts.SubscribeTitle, TeamsCard.Data(SubscriptionsCommand.ShowAction));
    }
}
