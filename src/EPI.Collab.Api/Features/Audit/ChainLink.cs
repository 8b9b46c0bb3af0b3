using System.Buffers;
using System.Diagnostics;
using System.Globalization;
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
    /// name and the stored JSON, one per line. The JSON comes last, so no field can run into the next. The UTF-8 is
    /// written into one pooled buffer (the daemon links every event of a vote storm; a string of the whole text and its
    /// bytes per event were garbage for the collector).
    /// </summary>
    public static string Link(string previousHash, EventRow e)
    {
        var utf8 = Encoding.UTF8;
        var length = utf8.GetByteCount(previousHash) + 36 + 20 + utf8.GetByteCount(e.StreamId) + utf8.GetByteCount(e.TenantId)
            + utf8.GetByteCount(e.Type) + utf8.GetByteCount(e.Data) + 6;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            void Line(ReadOnlySpan<char> text, bool last = false)
            {
                written += utf8.GetBytes(text, buffer.AsSpan(written));
                if (!last) buffer[written++] = (byte)'\n';
            }
            Line(previousHash);
            Span<char> number = stackalloc char[36];
            Line(e.EventId.TryFormat(number, out var idLength, "D") ? number[..idLength] : throw new UnreachableException());
            Line(e.Sequence.TryFormat(number, out var sequenceLength, default, CultureInfo.InvariantCulture) ? number[..sequenceLength] : throw new UnreachableException());
            Line(e.StreamId);
            Line(e.TenantId);
            Line(e.Type);
            Line(e.Data, last: true);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The events of mt_events after one sequence, up to another, in sequence order, read raw with SQL: the chain is
    /// reproducible from mt_events alone, whatever the current event classes look like. Read column by column on a
    /// connection of its own.
    /// </summary>
    public static async Task<IReadOnlyList<EventRow>> EventsAsync(IDocumentStore store, long after, long upTo, int limit, CancellationToken ct) =>
        await EventLog.QueryAsync(store,
            $"""
             select seq_id, id, stream_id::text, tenant_id, type, data::text, timestamp
             from {Persistence.Schema}.mt_events where seq_id > @after and seq_id <= @upTo order by seq_id limit @limit
             """, ct, p =>
            {
                p.AddWithValue("after", after);
                p.AddWithValue("upTo", upTo);
                p.AddWithValue("limit", limit);
            }, r => new EventRow(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.GetFieldValue<DateTimeOffset>(6)));

    public static async Task<ChainLink?> LastAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<ChainLink>().OrderByDescending(l => l.Sequence).FirstOrDefaultAsync(ct);
}
