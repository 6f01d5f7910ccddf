using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VeerkrachtBot.Tools.Load;

/// <summary>
/// <c>echo-bot</c>: the floor any turn of ours pays, for <c>load</c> to measure beside the bot in the same run. The same
/// CloudAdapter, authentication setup and Kestrel host as the bot, answering every message with one reply to the
/// activity's service URL; nothing else (no state, no database). Not one of the product's endpoints: it runs only
/// as a process <c>load</c> starts. With <c>--shared-contracts</c> it also shares the connector clients' serializer
/// contracts across turns as the bot's adapter does, the floor without the SDK's per-turn reflection.
/// </summary>
internal static class EchoBotCommand
{
    public static Command Command()
    {
        var urls = new Option<string>("--urls") { Description = "where to listen, e.g. http://127.0.0.1:5099", Required = true };
        var sharedContracts = new Option<bool>("--shared-contracts") { Description = "share the connector clients' contract resolvers across turns, as the bot's adapter does" };
        var command = new Command("echo-bot", "A minimal Bot Framework echo bot on the bot's adapter and host (started by 'load').") { urls, sharedContracts };
        command.Hidden = true;
        command.SetAction(async (result, cancellationToken) =>
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls(result.GetValue(urls)!);
            // As the bot's appsettings quiet its adapter: no log line per turn.
            builder.Logging.AddFilter((_, _, level) => level >= LogLevel.Warning);
            builder.Services.AddHttpClient();
            builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
                builder.Configuration,
                httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
                logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
            var shared = result.GetValue(sharedContracts);
            builder.Services.AddSingleton(sp =>
            {
                var adapter = new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>());
                return shared ? (CloudAdapter)adapter.Use(new Bot.Adapter.SharedConnectorContracts()) : adapter;
            });
            builder.Services.AddSingleton<IBot, EchoBot>();

            var app = builder.Build();
            app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, CloudAdapter adapter, IBot bot) =>
                adapter.ProcessAsync(request, response, bot));
            app.MapGet("/healthz", () => "ok");
            await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.RunAsync(app, cancellationToken);
            return 0;
        });
        return command;
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text("Echo: " + turnContext.Activity.Text), cancellationToken);
    }
}
