using System.Text.Json;
using System.Text.Json.Serialization;

namespace VeerkrachtBot.Core.Language;

/// <summary>One message of the labelled corpus.</summary>
public sealed record LabelledMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("themes")] IReadOnlyList<string> Themes,
    [property: JsonPropertyName("sentiment")] string Sentiment)
{
    /// <summary>Reads a JSON Lines corpus file.</summary>
    public static IReadOnlyList<LabelledMessage> ReadAll(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonSerializer.Deserialize<LabelledMessage>(l)!).ToList();
}
