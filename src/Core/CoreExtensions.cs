using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Core;

/// <summary>Registers the Core services.</summary>
public static class CoreExtensions
{
    /// <summary>
    /// Adds the database, its migrations (applied at start-up) and the stores. Relative database paths are
    /// resolved against <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddVeerkrachtCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? $"Data Source={Path.Combine(contentRoot, options.Path)}"
                : options.ConnectionString;
            return new SqliteDatabase(connectionString);
        });
        services.AddSingleton<IMigrationSource, CoreMigrations>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IStateStore, SqliteStateStore>();
        services.AddSingleton<SqliteSecretStore>();
        services.AddHostedService<MigrationHostedService>();
        return services;
    }

    private sealed class MigrationHostedService(MigrationRunner runner) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => runner.ApplyAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
