using System.Net.Http.Headers;
using System.Text.Json;

namespace EPI.Collab.Audit;

/// <summary>An authenticated GET of a JSON answer from the service: the status and the parsed body (null when not JSON).</summary>
public static class Api
{
    public static async Task<(int Status, JsonElement? Body)> GetJsonAsync(HttpClient http, string token, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return ((int)response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
        }
        catch (JsonException)
        {
            return ((int)response.StatusCode, null);
        }
    }

    public static string? String(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;

    /// <summary>A ProblemDetails answer in one line: status, title, detail and code.</summary>
    public static string Problem(int status, JsonElement? body) =>
        $"HTTP {status}" + (body is { } b ? $": {b.String("title")} {b.String("detail")}".TrimEnd() + (b.String("code") is { } c ? $" ({c})" : "") : "");
}
