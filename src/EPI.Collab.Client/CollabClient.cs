using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EPI.Collab.Client;

/// <summary>
/// The public HTTP API, typed: one method per operation (Generated/Contract.g.cs) over an <see cref="HttpClient"/> whose
/// BaseAddress is the service. <see cref="Token"/> is sent as the bearer token. A non-2xx answer throws
/// <see cref="CollabApiException"/> with the status and the parsed problem. <see cref="SendAsync(HttpRequestMessage, CancellationToken)"/>
/// is the raw escape hatch (malformed bodies, headers the contract does not name).
/// </summary>
public sealed partial class CollabClient(HttpClient http, string? token = null)
{
    /// <summary>The service's JSON conventions: camelCase, enums as their exact UPPER_SNAKE names; absent optional members are left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull
    };

    public HttpClient Http { get; } = http;
    public Uri BaseAddress => Http.BaseAddress ?? throw new InvalidOperationException("The HttpClient has no BaseAddress.");
    public string? Token { get; } = token;

    /// <summary>
    /// How long a 503 (database unreachable, a circuit still open) is sent again, as its Retry-After says; zero (the
    /// default) never retries. The drills use it, like a client that respects Retry-After.
    /// </summary>
    public TimeSpan RetryUnavailableFor { get; init; } = TimeSpan.Zero;

    /// <summary>The same service and HttpClient, acting as someone else (null: anonymous).</summary>
    public CollabClient As(string? token) => new(Http, token) { RetryUnavailableFor = RetryUnavailableFor };

    /// <summary>A client with its own HttpClient for <paramref name="baseAddress"/>.</summary>
    public static CollabClient For(Uri baseAddress, string? token = null, TimeSpan? timeout = null) =>
        new(new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) }, token);

    /// <summary>The raw escape hatch: sends as is, adding the bearer token when the request has none. The caller disposes the answer.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct = default)
    {
        if (Token is not null && request.Headers.Authorization is null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return Http.SendAsync(request, ct);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, (string Name, string? Value)[]? query,
        (string Name, string? Value)[]? headers, CancellationToken ct)
    {
        using var response = await Send(method, path, body, query, headers, ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, (string Name, string? Value)[]? query,
        (string Name, string? Value)[]? headers, CancellationToken ct)
    {
        using var _ = await Send(method, path, body, query, headers, ct);
    }

    private async Task<byte[]> SendForBytesAsync(HttpMethod method, string path, object? body, (string Name, string? Value)[]? query,
        (string Name, string? Value)[]? headers, CancellationToken ct)
    {
        using var response = await Send(method, path, body, query, headers, ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    /// <summary>The answer of a 2xx; otherwise throws <see cref="CollabApiException"/>.</summary>
    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body, (string Name, string? Value)[]? query,
        (string Name, string? Value)[]? headers, CancellationToken ct)
    {
        var url = path + string.Concat((query ?? []).Where(q => q.Value is not null)
            .Select((q, i) => $"{(i == 0 ? '?' : '&')}{q.Name}={Uri.EscapeDataString(q.Value!)}"));
        for (var deadline = DateTime.UtcNow + RetryUnavailableFor; ;)
        {
            using var request = new HttpRequestMessage(method, url)
            {
                Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json)
            };
            foreach (var (name, value) in headers ?? [])
                if (value is not null) request.Headers.TryAddWithoutValidation(name, value);
            var response = await SendAsync(request, ct);
            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                    continue;
                }
                throw await CollabApiException.From(method, url, response, ct);
            }
        }
    }

    /// <summary>An enum value by the name the service uses (<c>MIGRANT_LED_ORGANISATION</c>, <c>ro</c>).</summary>
    public static string WireName<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, Json).Trim('"');

    /// <summary>A path segment, escaped.</summary>
    private static string Segment<T>(T value) =>
        Uri.EscapeDataString(Format(value) ?? throw new ArgumentNullException(nameof(value), "A path parameter cannot be null."));

    /// <summary>A path or query value as the service reads it: ids as Guid "D", dates ISO 8601, enums by their UPPER_SNAKE name.</summary>
    private static string? Format<T>(T value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        Enum => JsonSerializer.Serialize(value, value.GetType(), Json).Trim('"'),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()
    };
}

/// <summary>A non-2xx answer of the service: its status and its problem (RFC 9457 ProblemDetails with the service's <c>code</c>).</summary>
public sealed class CollabApiException(HttpStatusCode status, JsonElement? problem, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The answer's ProblemDetails as sent (null when the body was not JSON).</summary>
    public JsonElement? Problem { get; } = problem;

    /// <summary>The service's stable error code (<c>"round-closed"</c>, …), the key clients localize.</summary>
    public string? Code => Member("code");
    public string? Title => Member("title");
    public string? Detail => Member("detail");

    private string? Member(string name) =>
        Problem is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static async Task<CollabApiException> From(HttpMethod method, string url, HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement? problem = null;
        try { if (text.Length > 0) problem = JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { }
        return new CollabApiException(response.StatusCode, problem, $"{method} {url} → {(int)response.StatusCode}: {text}");
    }
}
