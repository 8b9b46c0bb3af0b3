global using ServiceException = EPI.Collab.Client.CollabApiException;
using System.Net;
using EPI.Collab.Client;

namespace EPI.Collab.Load;

/// <summary>The service under load, seen through its public HTTP API only (like the phones and the projector): the typed client.</summary>
public sealed class Service : IDisposable
{
    public Uri BaseUrl { get; }
    public HttpClient Http { get; }

    public Service(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        // Thousands of phones at once: one pooled handler, no per-server connection cap. A storm over HTTP opens a
        // connection per phone; idle ones close after 5 s (not the default minute), so the next scenario does not start
        // with 10,000 idle sockets in each process: with S2's 5,000 WebSockets on top, the driver ran out of open files
        // (the runtime reported "Out of memory." and aborted).
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(30)
        };
        Http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };
        Api = new CollabClient(Http);
    }

    /// <summary>The public API, typed (anonymous: use <see cref="CollabClient.As"/> for a token).</summary>
    public CollabClient Api { get; }

    public async Task<string> LogIn(string username, string password) =>
        (await Api.LogInAsync(new LogIn(username, password))).AccessToken;

    /// <summary>The service's own process figures (admin only); null when the endpoint is not there.</summary>
    public async Task<ProcessFigures?> Process(string adminToken, bool collect = false)
    {
        try
        {
            var s = await Api.As(adminToken).GetProcessSnapshotAsync(collect);
            return new ProcessFigures(s.ProcessId, s.At, s.UptimeSeconds, s.CpuSeconds, s.ProcessorCount, s.WorkingSetBytes, s.PrivateBytes,
                s.GcHeapBytes, s.GcCommittedBytes, s.Gen0Collections, s.Gen1Collections, s.Gen2Collections, s.Threads);
        }
        catch (ServiceException e) when (e.Status == HttpStatusCode.NotFound) { return null; }
    }

    public void Dispose() => Http.Dispose();
}

public sealed record ProcessFigures(int ProcessId, DateTimeOffset At, double UptimeSeconds, double CpuSeconds, int ProcessorCount,
    long WorkingSetBytes, long PrivateBytes, long GcHeapBytes, long GcCommittedBytes, int Gen0Collections, int Gen1Collections,
    int Gen2Collections, int Threads)
{
    /// <summary>VmRSS of the service process from /proc (a second opinion when the service runs on this machine).</summary>
    public long? ProcRssBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{ProcessId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
