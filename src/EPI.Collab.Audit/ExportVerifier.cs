using System.Text.Json;

namespace EPI.Collab.Audit;

/// <summary>
/// Valid, with the number of lines; or the first bad line's sequence (minus its line number when unreadable) and why.
/// <see cref="Chained"/>: the lines were also checked as one chain from the genesis (a full export); false for a partial one,
/// where only each line's own hash was recomputed.
/// </summary>
public sealed record VerifyResult(bool Valid, long Lines, long? FirstBadSequence = null, string? Reason = null, bool Chained = false);

/// <summary>
/// Checks an events.jsonl export offline. Every line's hash is recomputed from its own fields (data is the exact JSON text
/// in the line). A full export (events of more than one city) must also chain: each previousHash is the line before's
/// hash, the first one 64 zeros. A city's or a workshop's export is made of pieces of the global chain, so only each line's own
/// hash counts: whether lines are missing between them can be checked only against the full chain.
/// A redacted line (a secret ballot for a reader without a break-glass grant) has no content to hash: it only carries its
/// link, so a full export still chains across it.
/// </summary>
public static class ExportVerifier
{
    public static async Task<VerifyResult> VerifyAsync(TextReader reader, CancellationToken ct = default)
    {
        var (lines, previous, tenants) = (0L, ChainRecipe.Genesis, new HashSet<string>());
        (long Sequence, string Reason)? chainBreak = null, contentBad = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            lines++;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var sequence = e.GetProperty("sequence").GetInt64();
                var tenant = e.GetProperty("tenantId").GetString()!;
                tenants.Add(tenant);
                if (contentBad is not null) continue;
                var (previousHash, hash) = (e.GetProperty("previousHash").GetString(), e.GetProperty("hash").GetString());
                if (previousHash is null || hash is null)
                {
                    contentBad = (sequence, "The event has no chain link.");
                    continue;
                }
                if (previousHash != previous) chainBreak ??= (sequence, "The line does not follow the previous line's hash.");
                if (e.TryGetProperty("redacted", out var redacted) && redacted.ValueKind == JsonValueKind.True)
                {
                    previous = hash;
                    continue;
                }
                var recomputed = ChainRecipe.Link(previousHash, e.GetProperty("eventId").GetGuid(), sequence,
                    e.GetProperty("streamId").GetString()!, tenant, e.GetProperty("type").GetString()!, e.GetProperty("data").GetRawText());
                if (recomputed != hash) contentBad = (sequence, "The event's content does not match its hash.");
                previous = hash;
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                contentBad ??= (-lines, $"Line {lines} is not an export line: {ex.Message}");
            }
        }
        var full = tenants.Count > 1;
        var bad = new[] { full ? chainBreak : null, contentBad }.Where(b => b is not null).OrderBy(b => b!.Value.Sequence).FirstOrDefault();
        return bad is { } b1 ? new VerifyResult(false, lines, b1.Sequence, b1.Reason, full) : new VerifyResult(true, lines, Chained: full);
    }

    public static async Task<VerifyResult> VerifyFileAsync(string path, CancellationToken ct = default)
    {
        using var reader = new StreamReader(path);
        return await VerifyAsync(reader, ct);
    }
}
