using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VeerkrachtBot.Tools.Hostile;

/// <summary>What one run of the corpus did.</summary>
public sealed record HostileReport(
    int Requests,
    IReadOnlyDictionary<int, int> ByStatus,
    IReadOnlyList<string> Unexpected,
    IReadOnlyDictionary<string, long> RowsBefore,
    IReadOnlyDictionary<string, long> RowsAfterRefused,
    IReadOnlyDictionary<string, long> RowsAfter,
    TimeSpan Duration)
{
    public int Count(int statusClass) => ByStatus.Where(s => s.Key / 100 == statusClass).Sum(s => s.Value);

    /// <summary>Tables that gained or lost rows while only refused requests were sent: must be none.</summary>
    public IReadOnlyList<string> ChangedByRefused =>
        RowsBefore.Where(r => RowsAfterRefused.GetValueOrDefault(r.Key) != r.Value).Select(r => $"{r.Key} {r.Value} -> {RowsAfterRefused.GetValueOrDefault(r.Key)}").ToList();
}

/// <summary>
/// Sends the hostile corpus to a running bot: first every case it must refuse (the database's row counts are taken
/// before and after them), then the cases it must accept. Placeholders in paths, headers and bodies:
/// <c>{{serviceUrl}}</c> (a connector that accepts the bot's replies), <c>{{botUrl}}</c>, <c>{{botAuthority}}</c>,
/// <c>{{conversation:N}}</c> (the same id for every N within a run), <c>{{new}}</c> (a fresh id),
/// <c>{{dlConversation}}</c>, <c>{{dlToken}}</c>, <c>{{dlUser}}</c> (a web chat conversation opened for the run) and
/// <c>{{otherDlToken}}</c> (another one's token). Generated bodies: <c>{"$nest": N}</c> (arrays N deep),
/// <c>{"$members": N}</c> (N members), <c>{"$repeat": "x", "count": N}</c> (a string of N times "x").
/// </summary>
public sealed partial class HostileRun(HttpClient http, Uri botUrl, string serviceUrl)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];

    public async Task<HostileReport> RunAsync(IReadOnlyList<HostileCase> cases, Func<Task<IReadOnlyDictionary<string, long>>> countRows, Action<string>? log, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await OpenWebChatAsync("dl", cancellationToken);
        await OpenWebChatAsync("otherDl", cancellationToken);
        var statuses = new Dictionary<int, int>();
        var unexpected = new List<string>();

        var before = await countRows();
        foreach (var hostile in cases.Where(c => c.Refused))
        {
            await SendAsync(hostile, statuses, unexpected, log, cancellationToken);
        }

        var afterRefused = await countRows();
        foreach (var hostile in cases.Where(c => !c.Refused))
        {
            await SendAsync(hostile, statuses, unexpected, log, cancellationToken);
        }

        return new HostileReport(cases.Count, statuses, unexpected, before, afterRefused, await countRows(), watch.Elapsed);
    }

    /// <summary>A web chat conversation the way the page opens one, for the cases that use the local Direct Line.</summary>
    private async Task OpenWebChatAsync(string prefix, CancellationToken cancellationToken)
    {
        using var token = await http.PostAsJsonAsync(new Uri(botUrl, "api/webchat/token"), new { locale = "nl-NL" }, cancellationToken);
        token.EnsureSuccessStatusCode();
        var session = JsonNode.Parse(await token.Content.ReadAsStringAsync(cancellationToken))!;
        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(botUrl, "v3/directline/conversations"));
        start.Headers.Authorization = new("Bearer", session["token"]!.GetValue<string>());
        (await http.SendAsync(start, cancellationToken)).EnsureSuccessStatusCode();
        _values[prefix + "Token"] = session["token"]!.GetValue<string>();
        _values[prefix + "Conversation"] = session["conversationId"]!.GetValue<string>();
        _values[prefix + "User"] = session["userId"]!.GetValue<string>();
    }

    private async Task SendAsync(HostileCase hostile, Dictionary<int, int> statuses, List<string> unexpected, Action<string>? log, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), new Uri(botUrl, Expand(hostile.Path)));
        var body = hostile.Raw is not null ? Expand(hostile.Raw) : hostile.Body is not null ? Render(hostile.Body) : null;
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in hostile.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content?.Headers.Remove("Content-Type");
                request.Content?.Headers.TryAddWithoutValidation("Content-Type", Expand(value));
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, Expand(value));
            }
        }

        int status;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException ex)
        {
            // The bot closed the connection instead of answering: as bad as a 5xx.
            status = 599;
            log?.Invoke($"{hostile.Name}: no answer ({ex.Message})");
        }

        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        if (!hostile.Accepts(status))
        {
            unexpected.Add($"{hostile.Name}: expected {hostile.Expect}, got {status}");
        }
    }

    private string Expand(string text) => Placeholder().Replace(text, match =>
    {
        var name = match.Groups[1].Value;
        return name switch
        {
            "serviceUrl" => serviceUrl,
            "botUrl" => botUrl.AbsoluteUri,
            "botAuthority" => botUrl.Authority,
            "new" => Guid.NewGuid().ToString("N"),
            _ when name.StartsWith("conversation:", StringComparison.Ordinal) => $"hostile-{_runId}-{name["conversation:".Length..]}",
            _ => _values.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"Unknown placeholder {{{{{name}}}}}."),
        };
    });

    /// <summary>The body's JSON with placeholders filled in and generated parts (too deep or too large to write down) put in place.</summary>
    private string Render(JsonNode body)
    {
        var generated = new List<string>();
        var template = Fill(body.DeepClone(), generated)?.ToJsonString() ?? "null";
        for (var i = 0; i < generated.Count; i++)
        {
            template = template.Replace($"\"\\u0000generated-{i}\"", generated[i], StringComparison.Ordinal);
        }

        return template;
    }

    private JsonNode? Fill(JsonNode? node, List<string> generated)
    {
        switch (node)
        {
            case JsonObject obj when obj.ContainsKey("$nest") || obj.ContainsKey("$members") || obj.ContainsKey("$repeat"):
                generated.Add(Generate(obj));
                return JsonValue.Create($"\u0000generated-{generated.Count - 1}");
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    obj[name] = Fill(obj[name]?.DeepClone(), generated);
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Fill(array[i]?.DeepClone(), generated);
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(Expand(text));
            default:
                return node;
        }
    }

    private static string Generate(JsonObject spec)
    {
        if (spec["$nest"] is { } depth)
        {
            var n = depth.GetValue<int>();
            return new string('[', n) + new string(']', n);
        }

        if (spec["$members"] is { } members)
        {
            return "[" + string.Join(',', Enumerable.Range(0, members.GetValue<int>()).Select(i => $"{{\"id\":\"member-{i}\",\"name\":\"Lid {i}\"}}")) + "]";
        }

        var unit = spec["$repeat"]!.GetValue<string>();
        return System.Text.Json.JsonSerializer.Serialize(string.Concat(Enumerable.Repeat(unit, spec["count"]!.GetValue<int>())));
    }

    [GeneratedRegex(@"\{\{([A-Za-z]+(?::[0-9]+)?)\}\}")]
    private static partial Regex Placeholder();
}
