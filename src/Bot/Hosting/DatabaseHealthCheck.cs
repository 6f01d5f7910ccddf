using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VeerkrachtBot.Core.Storage;

namespace VeerkrachtBot.Bot.Hosting;

/// <summary>Ready when the database answers and its migrations have run.</summary>
public sealed class DatabaseHealthCheck(IDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var applied = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");
            return applied > 0 ? HealthCheckResult.Healthy($"{applied} migrations applied") : HealthCheckResult.Unhealthy("No migrations applied yet");
        }
        catch (System.Data.Common.DbException ex)
        {
            return HealthCheckResult.Unhealthy("The database does not answer", ex);
        }
    }
}
