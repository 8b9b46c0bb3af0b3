using System.Security.Cryptography;
using System.Text;
using EPI.Collab.Api.Infrastructure;
using Marten;

namespace EPI.Collab.Api.Features.Audit;

/// <summary>One link of the hash chain over the whole event log (every city); its id is the event's sequence.</summary>
public sealed record ChainLink(long Sequence, Guid EventId, string Hash, string PreviousHash, DateOnly Day);

/// <summary>The chain head: the last link, which a city can publish.</summary>
public sealed record ChainHead(long Sequence, string Hash);

/// <summary>One row of mt_events as the chain reads it: <see cref="Data"/> is <c>data::text</c>, PostgreSQL's canonical jsonb text.</summary>
public sealed record EventRow(long Sequence, Guid EventId, string StreamId, string TenantId, string Type, string Data, DateTimeOffset Timestamp);

public static class Chain
{
    public const int PageSize = 1000;
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// SHA-256 (lower-case hex) over the UTF-8 of: previous hash, event id, sequence, stream id, tenant id, event type
    /// name and the stored JSON, one per line. The JSON comes last, so no field can run into the next.
    /// </summary>
    public static string Link(string previousHash, EventRow e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{previousHash}\n{e.EventId:D}\n{e.Sequence}\n{e.StreamId}\n{e.TenantId}\n{e.Type}\n{e.Data}")));

    /// <summary>
    /// The events of mt_events after one sequence, up to another, in sequence order, read raw with SQL: the chain is
    /// reproducible from mt_events alone, whatever the current event classes look like.
    /// </summary>
    public static Task<IReadOnlyList<EventRow>> EventsAsync(IQuerySession session, long after, long upTo, int limit, CancellationToken ct) =>
        session.QueryAsync<EventRow>(
            $"""
             select jsonb_build_object('sequence', seq_id, 'eventId', id, 'streamId', stream_id::text, 'tenantId', tenant_id,
                 'type', type, 'data', data::text, 'timestamp', timestamp)
             from {Persistence.Schema}.mt_events where seq_id > ? and seq_id <= ? order by seq_id limit ?
             """, ct, after, upTo, limit);

    public static async Task<ChainLink?> LastAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<ChainLink>().OrderByDescending(l => l.Sequence).FirstOrDefaultAsync(ct);
}
