using System.CommandLine;

namespace VeerkrachtBot.Tools.Teams;

/// <summary><c>teams-package</c>: zips the Teams app package with the bot's app id filled in.</summary>
internal static class TeamsPackageCommand
{
    public static Command Command()
    {
        var appId = new Option<string>("--app-id") { Description = "the bot's Microsoft App ID (the deployment's identityClientId output)", Required = true };
        var output = new Option<string>("--out") { Description = "the zip to write", DefaultValueFactory = _ => "veerkracht-teams.zip" };
        var domain = new Option<string?>("--domain") { Description = "the bot's host name, e.g. app-veerkracht-prd.azurewebsites.net (for validDomains and the developer links)" };
        var version = new Option<string?>("--version") { Description = "the app version (raise it for every upload of a changed package), e.g. 1.0.1" };
        var folder = new Option<string>("--from") { Description = "the folder with manifest.json and the icons", DefaultValueFactory = _ => "deploymentTemplates/teams" };
        var command = new Command("teams-package", "Zip the Teams app package (manifest and icons) with the app id filled in.") { appId, output, domain, version, folder };
        command.SetAction(result =>
        {
            if (!Guid.TryParse(result.GetValue(appId), out var id) || id == Guid.Empty)
            {
                Console.Error.WriteLine("--app-id is the bot's Microsoft App ID, a GUID (the identityClientId output of the Azure deployment).");
                return 1;
            }

            try
            {
                var path = result.GetValue(output)!;
                File.Delete(path);
                TeamsPackage.Write(result.GetValue(folder)!, id, result.GetValue(domain), result.GetValue(version), path);
                Console.WriteLine($"wrote {path}: upload it in the Teams admin center (Teams apps > Manage apps > Upload new app)");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }
}
