using System.CommandLine;
using VeerkrachtBot.Tools.Commands;
using VeerkrachtBot.Tools.Hostile;

var root = new RootCommand("VeerkrachtBot tools: benchmarks and maintenance commands.")
{
    StorageBenchmark.Command(),
    StoreIdeaCommand.Command(),
    DeriveLexiconsCommand.Command(),
    AgreementCommand.Command(),
    HostileCommand.Command(),
};
foreach (var command in LanguageCommands.Commands().Concat(UnderstandingCommands.Commands()))
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
