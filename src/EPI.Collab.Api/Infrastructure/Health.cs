using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: PostgreSQL answers and every table
/// the event store needs exists (the schema was applied). Both are anonymous, as load balancers call them.
/// </summary>
public static class Health
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<SchemaReadyCheck>("database", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    private sealed class SchemaReadyCheck(IDocumentStore store, IConfiguration configuration) : IHealthCheck
    {
        private string[]? _tables;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            _tables ??= store.Storage.AllObjects()
                .Where(o => o is Weasel.Postgresql.Tables.Table)
                .Select(o => o.Identifier.QualifiedName).ToArray();
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(Persistence.ConnectionString(configuration)) { Timeout = 3 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand(
                    "select count(*) from unnest(@tables) t where to_regclass(t) is null", connection);
                command.Parameters.AddWithValue("tables", _tables);
                command.CommandTimeout = 3;
                var missing = (long)(await command.ExecuteScalarAsync(ct))!;
                return missing == 0
                    ? HealthCheckResult.Healthy($"{_tables.Length} tables present")
                    : HealthCheckResult.Unhealthy($"{missing} of {_tables.Length} tables are missing: the schema is not applied");
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is not reachable", e);
            }
        }
    }
}
