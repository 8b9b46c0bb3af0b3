using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EPI.Collab.Audit;

/// <summary>One line of the recount report; <see cref="Result"/> is MATCH, MISMATCH or NOT COUNTED (with the reason).</summary>
public sealed record RecountRow(string RoundId, string Method, string Algorithm, string Recorded, string Recomputed, string Result,
    IReadOnlyList<string> Differences);

/// <summary>Calls the recount endpoints for a round or every round of a workshop and writes the report as a Markdown table.</summary>
public static class Recounter
{
    public const string Match = "MATCH", Mismatch = "MISMATCH";

    /// <returns>The rows, or the service's refusal in one line.</returns>
    public static async Task<(IReadOnlyList<RecountRow>? Rows, string? Error)> RecountAsync(HttpClient http, string token, string cityId,
        Guid? roundId, Guid? workshopId, CancellationToken ct = default)
    {
        var city = $"/api/cities/{Uri.EscapeDataString(cityId)}/audit";
        if (roundId is { } r)
        {
            var (status, body) = await Api.GetJsonAsync(http, token, $"{city}/rounds/{r}/recount", ct);
            return status == 200 && body is { } recount ? ([Row(r.ToString(), recount)], null)
                : status == 422 && body?.String("code") is { } code ? ([NotCounted(r.ToString(), "", "", code)], null)
                : (null, Api.Problem(status, body));
        }
        var (wStatus, wBody) = await Api.GetJsonAsync(http, token, $"{city}/workshops/{workshopId}/recount", ct);
        if (wStatus != 200 || wBody is not { } workshop) return (null, Api.Problem(wStatus, wBody));
        return ([.. workshop.GetProperty("rounds").EnumerateArray().Select(round =>
            round.GetProperty("recount") is { ValueKind: JsonValueKind.Object } recount
                ? Row(round.GetProperty("roundId").GetString()!, recount)
                : NotCounted(round.GetProperty("roundId").GetString()!, round.String("method") ?? "", round.String("algorithmVersion") ?? "",
                    round.String("notCounted") ?? ""))], null);
    }

    private static RecountRow Row(string roundId, JsonElement recount)
    {
        var (recounted, recorded) = (recount.GetProperty("recounted"), recount.GetProperty("recorded"));
        return new RecountRow(roundId, recounted.String("method") ?? "", recounted.String("algorithmVersion") ?? "", Summary(recorded),
            Summary(recounted), recount.GetProperty("matches").GetBoolean() ? Match : Mismatch,
            [.. recount.GetProperty("differences").EnumerateArray().Select(d => d.GetString()!)]);
    }

    private static RecountRow NotCounted(string roundId, string method, string algorithm, string reason) =>
        new(roundId, method, algorithm, "", "", $"NOT COUNTED ({reason})", []);

    /// <summary>"3 ballots: 2, 1, 0": the total, then each option's score in rank order.</summary>
    private static string Summary(JsonElement results) =>
        $"{results.GetProperty("ballots").GetProperty("total").GetInt32()} ballots: " +
        string.Join(", ", results.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("score").GetDecimal().ToString(CultureInfo.InvariantCulture)));

    public static string Report(string subject, IReadOnlyList<RecountRow> rows, DateTimeOffset at)
    {
        var report = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Recount report\n\n{subject}, {at:yyyy-MM-ddTHH:mm:ssZ}\n\n")
            .Append("| round | method | algorithm | recorded | recomputed | result |\n|---|---|---|---|---|---|\n");
        foreach (var r in rows) report.Append(CultureInfo.InvariantCulture, $"| {r.RoundId} | {r.Method} | {r.Algorithm} | {r.Recorded} | {r.Recomputed} | {r.Result} |\n");
        var mismatches = rows.Where(r => r.Result == Mismatch).ToList();
        report.Append(mismatches.Count == 0
            ? $"\nAll {rows.Count(r => r.Result == Match)} recounted rounds MATCH the recorded results.\n"
            : $"\n**MISMATCH in {mismatches.Count} of {rows.Count} rounds**: the recorded results differ from the events.\n\n");
        foreach (var r in mismatches)
        foreach (var d in r.Differences) report.Append(CultureInfo.InvariantCulture, $"- round {r.RoundId}: {d}\n");
        return report.ToString();
    }
}
