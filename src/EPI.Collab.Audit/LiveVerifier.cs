using System.Text.Json;

namespace EPI.Collab.Audit;

/// <summary>Asks the service to verify its chain (GET /api/audit/chain/verify) and words the answer.</summary>
public static class LiveVerifier
{
    /// <returns>0 verified, 1 broken, 3 the service did not answer the question.</returns>
    public static async Task<int> VerifyAsync(HttpClient http, string token, TextWriter output, CancellationToken ct = default)
    {
        var (status, body) = await Api.GetJsonAsync(http, token, "/api/audit/chain/verify", ct);
        if (status != 200 || body is not { } result)
        {
            await output.WriteLineAsync($"could not verify: {Api.Problem(status, body)}");
            return 3;
        }
        if (result.GetProperty("verified").GetBoolean())
        {
            var head = result.GetProperty("head");
            await output.WriteLineAsync(head.ValueKind == JsonValueKind.Null
                ? "verified: the chain is empty"
                : $"verified: {result.GetProperty("count").GetInt64():N0} links, head at sequence {head.GetProperty("sequence").GetInt64()}: " +
                  head.GetProperty("hash").GetString());
            return 0;
        }
        await output.WriteLineAsync($"BROKEN at sequence {result.String("firstBrokenSequence")} (event {result.String("eventId")}): " +
                                    result.String("reason"));
        return 1;
    }
}
