namespace VeerkrachtBot.Deployment.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "deploymentTemplates");

    public static string MainBicep => Path.Combine(Templates, "main.bicep");

    public static string CompiledTemplate => Path.Combine(Templates, "azuredeploy.json");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "VeerkrachtBot.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("VeerkrachtBot.sln not found above " + AppContext.BaseDirectory);
    }
}
