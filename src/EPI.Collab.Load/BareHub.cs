using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EPI.Collab.Load;

/// <summary>A hub that does nothing: every client joins, the driver broadcasts to all.</summary>
public sealed class EmptyHub : Hub;

/// <summary>
/// Baseline (b): a minimal SignalR hub hosted by the driver (Kestrel on loopback) broadcasting the same payload as a
/// tally to the same number of clients at the same rate. Latency = sent → received on each client.
/// </summary>
public static class BareHub
{
    public static async Task<ScenarioResult> Run(int clients, double perSecond, double seconds, JsonElement? payload, int parallel,
        Baselines baselines, TextWriter log, CancellationToken ct = default)
    {
        var r = new ScenarioResult("baseline-bare-hub", $"Baseline (b): bare SignalR hub broadcasting to {clients} clients");
        r.Parameters["clients"] = clients;
        r.Parameters["broadcasts_per_s"] = perSecond;
        r.Parameters["seconds"] = seconds;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR();
        await using var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<EmptyHub>("/hub");
        await app.StartAsync(ct);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var latency = r.Latency("bare hub: sent → received");
        var connections = new HubConnection[clients];
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, token) =>
        {
            var hub = new HubConnectionBuilder().WithUrl($"{url}/hub", o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            }).Build();
            // Read as the phones read a tally (TallyGlance), so both sides pay the same per message.
            hub.On<TallyGlance>("WorkshopMessage", m => latency.Add((DateTimeOffset.UtcNow - m.At).TotalMilliseconds));
            try { await hub.StartAsync(token); } catch (Exception) { Interlocked.Increment(ref failed); }
            connections[i] = hub;
        });
        r.Errors = failed;

        var message = payload is { } p ? JsonNode.Parse(p.GetRawText())!.AsObject() : new JsonObject { ["type"] = "round.tallied" };
        var context = app.Services.GetRequiredService<IHubContext<EmptyHub>>();
        var count = (int)(perSecond * seconds);
        var started = DateTime.UtcNow;
        for (var n = 0; n < count; n++)
        {
            var due = started + TimeSpan.FromSeconds(n / perSecond) - DateTime.UtcNow;
            if (due > TimeSpan.Zero) await Task.Delay(due, ct);
            message["position"] = n + 1;
            message["at"] = DateTimeOffset.UtcNow;
            await context.Clients.All.SendAsync("WorkshopMessage", JsonSerializer.SerializeToElement(message), ct);
        }
        var expected = (long)count * (clients - failed);
        await Phones.Until(() => latency.Count >= expected, TimeSpan.FromSeconds(30));
        r.Figure("messages_expected", expected);
        r.Figure("messages_received", latency.Count);
        r.Figure("payload_bytes", message.ToJsonString().Length);
        baselines.BareHub = latency.Summary;
        log.WriteLine($"bare hub: p50 {latency.Summary.P50} ms p99 {latency.Summary.P99} ms over {latency.Summary.Count} messages");
        foreach (var chunk in connections.Where(c => c is not null).Chunk(200)) await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
        await app.StopAsync(ct);
        return r;
    }
}
