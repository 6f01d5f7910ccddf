using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VeerkrachtBot.Deployment.Tests;

/// <summary>
/// The compiled ARM template, walked the way Azure Resource Manager reads it: the main template's resources and, for
/// every module, the resources of its nested template.
/// </summary>
internal sealed class ArmTemplate
{
    private ArmTemplate(JsonObject root)
    {
        Root = root;
        Resources = [.. ResourcesOf(root, module: "main")];
        Parameters = [.. ParametersOf(root, module: "main")];
    }

    public static ArmTemplate Committed { get; } = Load(Repository.CompiledTemplate);

    public JsonObject Root { get; }

    /// <summary>Every resource the deployment declares, nested ones included, with the module it is in.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    /// <summary>Every parameter of the main template and of every module's template.</summary>
    public IReadOnlyList<ArmParameter> Parameters { get; }

    public static ArmTemplate Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException(path + " is empty."));

    /// <summary>The one resource of this type that the deployment creates (an <c>existing</c> reference does not count).</summary>
    public ArmResource Single(string type)
    {
        var matches = Resources.Where(resource => resource.Type == type && !resource.IsExisting).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    public IEnumerable<ArmResource> All(string type) => Resources.Where(resource => resource.Type == type && !resource.IsExisting);

    /// <summary>The module (nested deployment) of the main template with this symbolic name.</summary>
    public ArmResource Module(string name) =>
        Resources.Single(resource => resource.Module == "main" && resource.Symbol == name && resource.Type == "Microsoft.Resources/deployments");

    public ArmParameter MainParameter(string name) => Parameters.Single(parameter => parameter.Module == "main" && parameter.Name == name);

    /// <summary>The template a resource is declared in: the main template or a module's nested template.</summary>
    public JsonObject TemplateOf(ArmResource resource) =>
        resource.Module == "main" ? Root : Module(resource.Module).Properties["template"]!.AsObject();

    /// <summary>
    /// An ARM expression of a resource with its template's <c>variables('name')</c> replaced by their literal values, so
    /// a test can look for a role definition id or a setting without depending on variable names.
    /// </summary>
    public string Expand(ArmResource resource, string expression)
    {
        var variables = TemplateOf(resource)["variables"] as JsonObject;
        return Regex.Replace(expression, @"variables\('([^']+)'\)", match =>
            variables?[match.Groups[1].Value] is JsonValue value ? "'" + value + "'" : match.Value);
    }

    /// <summary>The resources in the same template that an expression reads with <c>reference('symbol')</c>.</summary>
    public IEnumerable<ArmResource> Referenced(ArmResource resource, string expression) =>
        Regex.Matches(expression, @"reference\('([^']+)'")
            .Select(match => Resources.Single(other => other.Module == resource.Module && other.Symbol == match.Groups[1].Value));

    private static IEnumerable<ArmResource> ResourcesOf(JsonObject template, string module)
    {
        foreach (var (symbol, node) in Entries(template["resources"]))
        {
            var resource = new ArmResource(module, symbol, node);
            yield return resource;
            if (resource.Type == "Microsoft.Resources/deployments" && node["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested, symbol))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<ArmParameter> ParametersOf(JsonObject template, string module)
    {
        if (template["parameters"] is JsonObject parameters)
        {
            foreach (var (name, definition) in parameters)
            {
                yield return new ArmParameter(module, name, definition!.AsObject(), TypeOf(template, definition.AsObject()));
            }
        }
        foreach (var (symbol, node) in Entries(template["resources"]))
        {
            if (node["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in ParametersOf(nested, symbol))
                {
                    yield return inner;
                }
            }
        }
    }

    // A parameter of a user-defined type points at the template's definitions ("$ref": "#/definitions/name").
    private static string TypeOf(JsonObject template, JsonObject definition)
    {
        if ((string?)definition["type"] is { } type)
        {
            return type;
        }
        var reference = (string?)definition["$ref"] ?? throw new InvalidDataException("A parameter has neither type nor $ref.");
        var name = reference.Split('/')[^1];
        return TypeOf(template, template["definitions"]?[name]?.AsObject() ?? throw new InvalidDataException("No definition " + reference));
    }

    // Language version 2.0 templates keep resources in an object keyed by symbolic name; 1.0 templates in an array.
    private static IEnumerable<(string Symbol, JsonObject Node)> Entries(JsonNode? resources) => resources switch
    {
        JsonObject byName => byName.Select(entry => (entry.Key, entry.Value!.AsObject())),
        JsonArray list => list.Select((node, index) => (index.ToString(CultureInfo.InvariantCulture), node!.AsObject())),
        _ => [],
    };
}

internal sealed record ArmResource(string Module, string Symbol, JsonObject Node)
{
    public string Type => (string)Node["type"]!;

    public bool IsExisting => Node["existing"]?.GetValue<bool>() == true;

    public JsonObject Properties => Node["properties"] as JsonObject ?? throw new InvalidDataException($"{Type} ({Symbol}) has no properties object.");

    /// <summary>The value a module receives for one of its parameters (a literal or an ARM expression).</summary>
    public JsonNode? ModuleParameter(string name) => Properties["parameters"]?[name]?["value"];
}

internal sealed record ArmParameter(string Module, string Name, JsonObject Definition, string Type)
{
    public bool IsSecure => Type.StartsWith("secure", StringComparison.OrdinalIgnoreCase);

    public JsonNode? DefaultValue => Definition["defaultValue"];
}
