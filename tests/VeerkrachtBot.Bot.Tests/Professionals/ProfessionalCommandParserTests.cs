using VeerkrachtBot.Bot.Professionals;

namespace VeerkrachtBot.Bot.Tests.Professionals;

public sealed class ProfessionalCommandParserTests
{
    [Theory]
    [InlineData("help", CommandKind.Help)]
    [InlineData("Hulp", CommandKind.Help)]
    [InlineData("ideeën", CommandKind.Ideas)]
    [InlineData("ideeen", CommandKind.Ideas)]
    [InlineData("IDEAS", CommandKind.Ideas)]
    [InlineData("ideen", CommandKind.Ideas)]
    [InlineData("idee 0193abc", CommandKind.Idea)]
    [InlineData("idea 0193abc", CommandKind.Idea)]
    [InlineData("status 0193abc", CommandKind.Status)]
    [InlineData("thema's aanpassen 0193abc", CommandKind.Themes)]
    [InlineData("themas aanpasen 0193abc", CommandKind.Themes)]
    [InlineData("peiling nieuw", CommandKind.PollNew)]
    [InlineData("Nieuwe peiling", CommandKind.PollNew)]
    [InlineData("new poll", CommandKind.PollNew)]
    [InlineData("peilign nieuw", CommandKind.PollNew)]
    [InlineData("peiling niuew", CommandKind.PollNew)]
    [InlineData("peilingen", CommandKind.Polls)]
    [InlineData("polls", CommandKind.Polls)]
    [InlineData("peiling resultaten", CommandKind.PollResults)]
    [InlineData("poll results", CommandKind.PollResults)]
    [InlineData("peiling sluiten", CommandKind.PollClose)]
    [InlineData("bijeenkomst nieuw", CommandKind.MeetingNew)]
    [InlineData("new meeting", CommandKind.MeetingNew)]
    [InlineData("bijeenkomsten", CommandKind.Meetings)]
    [InlineData("bijeenkomsen", CommandKind.Meetings)]
    [InlineData("meetings", CommandKind.Meetings)]
    [InlineData("abonneren pottenberg", CommandKind.Subscribe)]
    [InlineData("abboneren", CommandKind.Subscribe)]
    [InlineData("opzeggen", CommandKind.Unsubscribe)]
    [InlineData("unsubscribe", CommandKind.Unsubscribe)]
    [InlineData("beheerders", CommandKind.Managers)]
    [InlineData("beheerder toevoegen", CommandKind.ManagerAdd)]
    [InlineData("remove manager", CommandKind.ManagerRemove)]
    [InlineData("add manager", CommandKind.ManagerAdd)]
    [InlineData("manager remove", CommandKind.ManagerRemove)]
    [InlineData("", CommandKind.None)]
    [InlineData("hallo daar", CommandKind.None)]
    [InlineData("de lamp is kapot", CommandKind.None)]
    [InlineData("id", CommandKind.None)]
    public void Parse_ReadsDutchAndEnglishWithSmallTypos(string text, CommandKind expected) =>
        Assert.Equal(expected, ProfessionalCommandParser.Parse(text).Kind);

    [Fact]
    public void Parse_GivesTheWordsAfterTheCommand_LowerCaseWithoutAccents()
    {
        var command = ProfessionalCommandParser.Parse("Ideeën  Pottenberg, Openbare-Ruimte NIEUW");

        Assert.Equal(CommandKind.Ideas, command.Kind);
        Assert.Equal(["pottenberg", "openbare-ruimte", "nieuw"], command.Arguments);
    }

    [Theory]
    [InlineData("peiling", "peiling", 0)]
    [InlineData("peiling", "peilign", 1)]
    [InlineData("peiling", "peilin", 1)]
    [InlineData("peiling", "pijling", 2)]
    [InlineData("ideeen", "ideas", 3)]
    public void Distance_CountsEditsAndSwaps(string a, string b, int expected) =>
        Assert.Equal(expected, ProfessionalCommandParser.Distance(a, b));
}
