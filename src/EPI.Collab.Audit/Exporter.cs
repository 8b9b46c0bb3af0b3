using System.Net.Http.Headers;

namespace EPI.Collab.Audit;

/// <summary>Downloads the service's events.jsonl export to a file, line by line, reporting progress.</summary>
public static class Exporter
{
    public const int ProgressEvery = 10_000;

    /// <summary>
    /// The whole chain, one city's events, or (with a city) one workshop's events. With a break-glass <paramref name="grant"/>
    /// (an auditor's, for that city or workshop) secret ballots come in full instead of as redacted lines.
    /// </summary>
    public static async Task<long> ExportAsync(HttpClient http, string token, string? cityId, string outPath, Action<long> progress,
        CancellationToken ct = default, Guid? workshopId = null, Guid? grant = null)
    {
        var url = workshopId is { } w ? $"/api/cities/{Uri.EscapeDataString(cityId!)}/audit/export/events.jsonl?workshopId={w}"
            : "/api/audit/export/events.jsonl" + (cityId is null ? "" : $"?cityId={Uri.EscapeDataString(cityId)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (grant is { } g) request.Headers.Add("X-Audit-Grant", g.ToString());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        await using var writer = new StreamWriter(outPath, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        var lines = 0L;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            await writer.WriteLineAsync(line);
            if (++lines % ProgressEvery == 0) progress(lines);
        }
        return lines;
    }
}
