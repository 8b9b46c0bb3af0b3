using Npgsql;
using Polly;
using Polly.Retry;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Polly in the places it belongs: waiting for PostgreSQL at start-up, and the standard resilience
/// handler on every outbound HttpClient. Message handlers use Wolverine error policies instead.
/// </summary>
public static class Resilience
{
    public static IServiceCollection AddResilience(this IServiceCollection services)
    {
        // Registered before Marten and Wolverine, so it runs first: their start-up needs the database.
        services.AddHostedService<DatabaseStartupWait>();
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return services;
    }

    internal static ResiliencePipeline DatabaseWaitPipeline(ILogger logger, TimeSpan patience) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>().Handle<TimeoutException>()
                .Handle<System.Net.Sockets.SocketException>(),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(3),
            MaxRetryAttempts = int.MaxValue,
            OnRetry = a =>
            {
                logger.LogWarning("PostgreSQL is not reachable yet (attempt {Attempt}): {Reason}", a.AttemptNumber + 1,
                    a.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            }
        })
        .AddTimeout(patience)
        .Build();

    private sealed class DatabaseStartupWait(IConfiguration configuration, ILogger<DatabaseStartupWait> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var connectionString = Persistence.ConnectionString(configuration);
            var patience = TimeSpan.FromSeconds(configuration.GetValue("Database:StartupWaitSeconds", 60));
            await DatabaseWaitPipeline(logger, patience).ExecuteAsync(async ct =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
            }, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
