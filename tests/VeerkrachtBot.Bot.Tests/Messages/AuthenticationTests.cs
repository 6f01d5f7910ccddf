using System.Net;
using VeerkrachtBot.Bot.Tests.Infrastructure;

namespace VeerkrachtBot.Bot.Tests.Messages;

/// <summary>A host with MicrosoftAppId set, as in Azure: Bot Framework authentication is on.</summary>
public sealed class AuthenticatedBotHost : BotHost
{
    public AuthenticatedBotHost()
    {
        With("MicrosoftAppId", "00000000-0000-0000-0000-000000000001");
        With("MicrosoftAppPassword", "not-a-real-password");
        With("MicrosoftAppTenantId", "00000000-0000-0000-0000-000000000002");
        With("MicrosoftAppType", "SingleTenant");
        With("DirectLine:LocalEnabled", "false");

        // Without a secret: a Direct Line secret with the local one off is Azure's, and the page's token endpoint would exchange it (AzureDirectLineTests).
        With("DirectLine:Secret", "");
    }
}

public sealed class AuthenticationTests(AuthenticatedBotHost host) : IClassFixture<AuthenticatedBotHost>
{
    [Fact]
    public async Task Message_WithoutToken_Is401WhenAppIdIsSet()
    {
        using var client = host.CreateHttpClient();

        var response = await client.PostAsync("api/messages", Activities.Message("http://127.0.0.1:9/", "c1", "hallo"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Message_WithForgedToken_Is401()
    {
        using var client = host.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = Activities.Bearer("eyJhbGciOiJub25lIn0.eyJhdWQiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEifQ.");

        var response = await client.PostAsync("api/messages", Activities.Message("http://127.0.0.1:9/", "c1", "hallo"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Bearer a.b")]
    [InlineData("Bearer a.b.c.d")]
    [InlineData("Bearer .....")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln")]
    public async Task MalformedAuthorization_Is401_AndLogsNoError(string authorization)
    {
        using var client = host.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = Activities.Json(Newtonsoft.Json.JsonConvert.SerializeObject(Activities.Message("https://smba.trafficmanager.net/emea/", "c1", "hallo"))) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var mark = host.Log.Mark();

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Log.ErrorsSince(mark));
    }

    [Fact]
    public async Task LocalDirectLine_IsNotServedInAzureMode()
    {
        using var client = host.CreateHttpClient();

        var response = await client.PostAsync("v3/directline/conversations", null);
        var token = await client.PostAsync("api/webchat/token", Activities.Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
    }
}
