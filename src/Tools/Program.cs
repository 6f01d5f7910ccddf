using System.CommandLine;
using VeerkrachtBot.Tools.Commands;
using VeerkrachtBot.Tools.Hostile;
using VeerkrachtBot.Tools.Load;
using VeerkrachtBot.Tools.Teams;

namespace VeerkrachtBot.Tools;

/// <summary>
/// The <c>veerkracht</c> command line. A named class rather than top-level statements: Tools references the bot (for
/// the card previews), whose public <c>Program</c> the tests start, and two global <c>Program</c> types would clash there.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("VeerkrachtBot tools: benchmarks and maintenance commands.")
        {
            StorageBenchmark.Command(),
            DigestBenchmark.Command(),
            StoreIdeaCommand.Command(),
            DeriveLexiconsCommand.Command(),
            AgreementCommand.Command(),
            HostileCommand.Command(),
            ClusterEvaluation.Command(),
            TeamsPackageCommand.Command(),
            CardsCommand.Command(),
            ExportCorrectionsCommand.Command(),
            LoadCommand.Command(),
            EchoBotCommand.Command(),
            ReportCommand.Command(),
        };
        foreach (var command in LanguageCommands.Commands().Concat(DigestPreview.Commands()).Concat(UnderstandingCommands.Commands()))
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync();
    }
}
