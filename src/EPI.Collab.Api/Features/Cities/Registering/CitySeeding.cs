using Marten;

namespace EPI.Collab.Api.Features.Cities.Registering;

/// <summary>Registers the seven EPI cities at start-up (idempotent). Turn off with <c>Seed:Cities=false</c>.</summary>
public sealed class CitySeeding(IDocumentStore store, IConfiguration configuration, TimeProvider clock, ILogger<CitySeeding> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Seed:Cities", true)) return;
        var registered = await RegisterCity.SeedAsync(store, clock.GetUtcNow(), cancellationToken);
        if (registered > 0) logger.LogInformation("Registered {Count} EPI cities", registered);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
