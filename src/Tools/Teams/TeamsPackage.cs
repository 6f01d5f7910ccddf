using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VeerkrachtBot.Tools.Teams;

/// <summary>
/// Builds the Teams app package from <c>deploymentTemplates/teams/</c>: the manifest with the bot's app id filled in
/// (the Azure deployment's <c>identityClientId</c> output) as the app id and the bot id, the bot's host name in place of
/// the example domain, and the two icons, zipped at the root as Teams wants them.
/// </summary>
public static class TeamsPackage
{
    /// <summary>The app id the committed manifest holds until a package fills in the real one.</summary>
    public const string PlaceholderId = "00000000-0000-0000-0000-000000000000";

    /// <summary>The host name the committed manifest holds until a package fills in the bot's own.</summary>
    public const string PlaceholderDomain = "veerkracht.example.org";

    public static readonly string[] Icons = ["color.png", "outline.png"];

    /// <summary>The manifest with the app id, domain and version filled in.</summary>
    public static JsonObject Manifest(string folder, Guid appId, string? domain, string? version)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!.AsObject();
        var id = appId.ToString("D");
        manifest["id"] = id;
        foreach (var bot in manifest["bots"]!.AsArray())
        {
            bot!["botId"] = id;
        }

        if (version is not null)
        {
            manifest["version"] = version;
        }

        if (domain is not null)
        {
            var developer = manifest["developer"]!.AsObject();
            foreach (var key in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
            {
                developer[key] = developer[key]!.GetValue<string>().Replace(PlaceholderDomain, domain, StringComparison.Ordinal);
            }

            manifest["validDomains"] = new JsonArray(domain);
        }

        return manifest;
    }

    /// <summary>Writes the zip: manifest.json, color.png and outline.png at its root.</summary>
    public static void Write(string folder, Guid appId, string? domain, string? version, string zipPath)
    {
        if (appId == Guid.Empty)
        {
            throw new ArgumentException("The app id is the bot's Microsoft App ID (the deployment's identityClientId), not the placeholder.", nameof(appId));
        }

        if (domain is not null && (domain.Contains('/', StringComparison.Ordinal) || domain.Contains(':', StringComparison.Ordinal) || Uri.CheckHostName(domain) != UriHostNameType.Dns))
        {
            throw new ArgumentException($"'{domain}' is not a host name (e.g. app-veerkracht-prd.azurewebsites.net, without https://).", nameof(domain));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        var entry = zip.CreateEntry("manifest.json");
        using (var stream = entry.Open())
        {
            JsonSerializer.Serialize(stream, Manifest(folder, appId, domain, version), new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        foreach (var icon in Icons)
        {
            zip.CreateEntryFromFile(Path.Combine(folder, icon), icon);
        }
    }
}
