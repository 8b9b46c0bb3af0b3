using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EPI.Collab.Api.Features.Demo;

/// <summary>
/// Plays the demo stories once the server listens (they go through the HTTP API), when <c>Seed:Demo</c> is true
/// (ops/run.sh sets it; tests and production leave it false). A city that already has a review is skipped.
/// </summary>
public sealed class DemoSeeding(IDocumentStore store, TokenIssuer tokens, IServer server, IHostApplicationLifetime lifetime,
    ILogger<DemoSeeding> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(started.SetResult)) await started.Task.WaitAsync(stoppingToken);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The demo seed needs the server's address.");
        using var api = new HttpClient { BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1")) };
        try
        {
            var seeded = await DemoSeed.RunAsync(api, tokens, store, stoppingToken);
            logger.LogInformation("Demo seed: {Cities}", seeded.Count > 0 ? string.Join(", ", seeded) : "every city already has a review");
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Demo data is a convenience: the service stays up without it, and the log says why it is missing.
            logger.LogError(e, "The demo seed failed; the service runs without (all of) the demo stories");
        }
    }
}

public static class Configuration
{
    /// <summary>Registers the demo seed after the city seed when <c>Seed:Demo</c> is true.</summary>
    public static IServiceCollection AddDemoSeed(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("Seed:Demo", false)) services.AddHostedService<DemoSeeding>();
        return services;
    }
}
