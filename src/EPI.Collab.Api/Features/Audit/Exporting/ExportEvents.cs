using System.Buffers;
using System.Security.Claims;
using System.Text.Json;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.Exporting;

/// <summary>One row of mt_events as exported: <see cref="Data"/> is <c>data::text</c>, the text the chain hashed.</summary>
public sealed record ExportedEvent(long Sequence, Guid EventId, string StreamId, long StreamVersion, string TenantId, string Type,
    DateTimeOffset Timestamp, string Data);

public static class ExportEventsEndpoint
{
    /// <summary>
    /// Every linked event (of one city, or of all) as JSON Lines with its chain link, streamed a page at a time up to the
    /// chain head. A city's lines keep their global previous hash, so each line's hash can be checked on its own.
    /// Single ballots and objections of secret rounds, and ballots of groups under five in their round, are redacted lines
    /// (sequence, city and chain link only), unless an auditor of one city (<c>cityId</c>) presents a city-wide
    /// break-glass grant in <c>X-Audit-Grant</c>; that read is logged with the grant.
    /// </summary>
    [WolverineGet("/api/audit/export/events.jsonl", OperationId = "ExportAuditEvents")]
    [Authorize(Policy = Policies.Auditor), Tags("Audit")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "application/x-ndjson")]
    public static async Task<IResult> Get(string? cityId, ClaimsPrincipal user, HttpContext http, IQuerySession session, IDocumentStore store,
        CancellationToken ct)
    {
        if (!(cityId is null ? user.FindFirst(EpiClaims.City) is null : CityAccess.Allows(user, cityId, CityAccessLevel.Read))) return Results.Forbid();
        var granted = await PerBallotAccess.GrantedAsync(store, cityId, http, null, ct);
        return Results.Stream(body => WriteAsync(body, session, (after, upTo) => PageAsync(session, cityId, after, upTo, ct), ct,
                granted ? null : new ExportRedaction(store)), "application/x-ndjson", "events.jsonl");
    }

    /// <summary>
    /// Writes the pages <paramref name="page"/> reads (after one sequence, up to the chain head) as lines with their links;
    /// with a <paramref name="redaction"/>, the lines it names carry only their sequence, city and link.
    /// </summary>
    public static async Task WriteAsync(Stream body, IQuerySession session, Func<long, long, Task<IReadOnlyList<ExportedEvent>>> page,
        CancellationToken ct, ExportRedaction? redaction)
    {
        var head = (await Chain.LastAsync(session, ct))?.Sequence ?? 0;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        await using var json = new Utf8JsonWriter(buffer);
        for (var after = 0L; after < head;)
        {
            var rows = await page(after, head);
            if (rows.Count == 0) break;
            var sequences = rows.Select(r => r.Sequence).ToArray();
            var links = (await session.Query<ChainLink>().Where(l => sequences.Contains(l.Sequence)).ToListAsync(ct))
                .ToDictionary(l => l.Sequence);
            var redacted = redaction is null ? new HashSet<long>() : await redaction.RedactedAsync(rows, ct);
            foreach (var row in rows)
            {
                if (redacted.Contains(row.Sequence)) WriteRedacted(json, row, links.GetValueOrDefault(row.Sequence));
                else Write(json, row, links.GetValueOrDefault(row.Sequence));
                json.Flush();
                json.Reset();
                buffer.Write("\n"u8);
            }
            await body.WriteAsync(buffer.WrittenMemory, ct);
            await body.FlushAsync(ct);
            buffer.ResetWrittenCount();
            after = rows[^1].Sequence;
        }
    }

    private static void Write(Utf8JsonWriter json, ExportedEvent e, ChainLink? link)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", e.Sequence);
        json.WriteString("eventId", e.EventId);
        json.WriteString("streamId", e.StreamId);
        json.WriteNumber("streamVersion", e.StreamVersion);
        json.WriteString("tenantId", e.TenantId);
        json.WriteString("type", e.Type);
        json.WriteString("timestamp", e.Timestamp);
        json.WritePropertyName("data");
        json.WriteRawValue(e.Data); // verbatim, so a reader can hash the exact text PostgreSQL printed
        json.WriteString("previousHash", link?.PreviousHash);
        json.WriteString("hash", link?.Hash);
        json.WriteEndObject();
    }

    private static void WriteRedacted(Utf8JsonWriter json, ExportedEvent e, ChainLink? link)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", e.Sequence);
        json.WriteString("tenantId", e.TenantId);
        json.WriteBoolean("redacted", true);
        json.WriteString("previousHash", link?.PreviousHash);
        json.WriteString("hash", link?.Hash);
        json.WriteEndObject();
    }

    public const string Columns = """
        select jsonb_build_object('sequence', seq_id, 'eventId', id, 'streamId', stream_id::text, 'streamVersion', version,
            'tenantId', tenant_id, 'type', type, 'timestamp', timestamp, 'data', data::text)
        """;

    private static Task<IReadOnlyList<ExportedEvent>> PageAsync(IQuerySession session, string? cityId, long after, long upTo,
        CancellationToken ct) => cityId is null
        ? session.QueryAsync<ExportedEvent>(
            $"{Columns} from {Persistence.Schema}.mt_events where seq_id > ? and seq_id <= ? order by seq_id limit ?",
            ct, after, upTo, Chain.PageSize)
        : session.QueryAsync<ExportedEvent>(
            $"{Columns} from {Persistence.Schema}.mt_events where tenant_id = ? and seq_id > ? and seq_id <= ? order by seq_id limit ?",
            ct, cityId, after, upTo, Chain.PageSize);
}
