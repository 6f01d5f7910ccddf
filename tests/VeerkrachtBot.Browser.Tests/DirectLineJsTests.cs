using System.Net.Http.Json;
using System.Text.Json;

namespace VeerkrachtBot.Browser.Tests;

/// <summary>
/// The official Direct Line client (botframework-directlinejs, as bundled in Web Chat) against the local
/// endpoint, in the browser, over both transports.
/// </summary>
public sealed class DirectLineJsTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Converse = """
        async ({ token, domain, webSocket }) => {
          const directLine = window.WebChat.createDirectLine({ token, domain, webSocket });
          return await new Promise((resolve, reject) => {
            const seen = [];
            const timer = setTimeout(() => reject(new Error('no reply; saw ' + JSON.stringify(seen))), 20000);
            directLine.activity$.subscribe(activity => {
              seen.push({ role: activity.from.role, text: activity.text || '', replyToId: activity.replyToId || null,
                          card: JSON.stringify(activity.attachments || []) });
              if (activity.from.role === 'bot' && activity.replyToId) {
                clearTimeout(timer);
                directLine.end();
                resolve(JSON.stringify(seen));
              }
            });
            let posted = false;
            directLine.connectionStatus$.subscribe(status => {
              if (status === 2 && !posted) {
                posted = true;
                directLine.postActivity({ type: 'message', from: { id: 'resident' }, text: 'help' }).subscribe({ error: reject });
              }
            });
          });
        }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DirectLineJs_HoldsAConversation(bool webSocket)
    {
        using var http = host.CreateHttpClient();
        var session = await (await http.PostAsJsonAsync("api/webchat/token", new { locale = "nl-NL" })).Content.ReadFromJsonAsync<JsonElement>();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/healthz");
        await page.AddScriptTagAsync(new() { Url = "/lib/webchat.js" });

        var json = await page.EvaluateAsync<string>(Converse, new
        {
            token = session.GetProperty("token").GetString(),
            domain = session.GetProperty("directLineDomain").GetString(),
            webSocket,
        });

        var seen = JsonSerializer.Deserialize<JsonElement[]>(json)!;
        Assert.Contains(seen, a => a.GetProperty("role").GetString() == "bot" && a.GetProperty("card").GetString()!.Contains("Hoi! Ik ben VeerkrachtBot", StringComparison.Ordinal));
        Assert.Contains(seen, a => a.GetProperty("role").GetString() == "user" && a.GetProperty("text").GetString() == "help");
        Assert.Contains("Je kunt altijd deze woorden typen", seen[^1].GetProperty("card").GetString(), StringComparison.Ordinal);
    }
}
