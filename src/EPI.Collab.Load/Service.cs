using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EPI.Collab.Load;

/// <summary>The service under load, seen through its public HTTP API only (like the phones and the projector).</summary>
public sealed class Service : IDisposable
{
    public Uri BaseUrl { get; }
    public HttpClient Http { get; }

    public Service(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        // Thousands of phones at once: one pooled handler, no per-server connection cap.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(30)
        };
        Http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };
    }

    public async Task<JsonNode> Send(HttpMethod method, string path, object? body = null, string? token = null,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
        using var response = await SendRaw(method, path, body, token, headers, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new ServiceException(response.StatusCode, $"{method} {path} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public Task<HttpResponseMessage> SendRaw(HttpMethod method, string path, object? body = null, string? token = null,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(k, v);
        return Http.SendAsync(request, ct);
    }

    public async Task<string> LogIn(string username, string password) =>
        (string)(await Send(HttpMethod.Post, "/api/auth/login", new { username, password }))["accessToken"]!;

    /// <summary>The service's own process figures (admin only); null when the endpoint is not there.</summary>
    public async Task<ProcessFigures?> Process(string adminToken, bool collect = false)
    {
        try
        {
            var node = await Send(HttpMethod.Get, $"/api/ops/process?collect={(collect ? "true" : "false")}", token: adminToken);
            return node.Deserialize<ProcessFigures>(JsonOptions);
        }
        catch (ServiceException e) when (e.Status == HttpStatusCode.NotFound) { return null; }
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public void Dispose() => Http.Dispose();
}

public sealed class ServiceException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
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
