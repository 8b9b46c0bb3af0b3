using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace EPI.Collab.Chaos;

/// <summary>
/// The local reverse proxy in front of the nodes (YARP): round robin, WebSockets passed through, and an active health
/// check of <c>/health/ready</c> every second that takes a dead node out of rotation.
/// </summary>
public sealed class Proxy : IAsyncDisposable
{
    private WebApplication? _app;
    public int Port { get; } = Layout.FreePort();
    public Uri Url => new($"http://127.0.0.1:{Port}");

    public async Task Start(params Uri[] nodes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        RouteConfig[] routes = [new() { RouteId = "all", ClusterId = "nodes", Match = new RouteMatch { Path = "{**rest}" } }];
        ClusterConfig[] clusters =
        [
            new()
            {
                ClusterId = "nodes", LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                Destinations = nodes.Select((n, i) => (i, n)).ToDictionary(x => $"node{x.i}", x => new DestinationConfig { Address = x.n.ToString() }),
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true, Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(1),
                        Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures, Path = "/health/ready"
                    }
                },
                Metadata = new Dictionary<string, string> { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1" }
            }
        ];
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        _app = builder.Build();
        _app.MapReverseProxy();
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
