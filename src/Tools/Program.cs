using System.CommandLine;
using VeerkrachtBot.Tools.Commands;

var root = new RootCommand("VeerkrachtBot tools: benchmarks and maintenance commands.")
{
    StorageBenchmark.Command(),
    DigestBenchmark.Command(),
    StoreIdeaCommand.Command(),
    DeriveLexiconsCommand.Command(),
    AgreementCommand.Command(),
    ClusterEvaluation.Command(),
};
foreach (var command in LanguageCommands.Commands().Concat(DigestPreview.Commands()))
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
