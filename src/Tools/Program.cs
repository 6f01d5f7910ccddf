using System.CommandLine;
using VeerkrachtBot.Tools.Commands;

var root = new RootCommand("VeerkrachtBot tools: benchmarks and maintenance commands.")
{
    StorageBenchmark.Command(),
    StoreIdeaCommand.Command(),
};
return await root.Parse(args).InvokeAsync();
