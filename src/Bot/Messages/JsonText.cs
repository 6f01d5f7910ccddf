using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace VeerkrachtBot.Bot.Messages;

/// <summary>
/// Parses JSON without Newtonsoft's default date sniffing, which would turn a resident's text such as
/// "2024-05-01T10:00:00+02:00" into a date and write it back differently.
/// </summary>
public static class JsonText
{
    /// <summary>The JSON object, with every string kept as written.</summary>
    public static JObject ParseObject(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }
}
