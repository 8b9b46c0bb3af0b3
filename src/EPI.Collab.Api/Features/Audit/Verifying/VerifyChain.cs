using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.Verifying;

/// <summary>Verified: the head and the number of links. Broken: the first sequence whose event no longer matches its link, and why.</summary>
public sealed record ChainVerification(bool Verified, ChainHead? Head, long Count, long? FirstBrokenSequence = null, Guid? EventId = null,
    string? Reason = null);

public static class VerifyChainEndpoint
{
    /// <summary>
    /// Recompute the chain from mt_events in sequence order, a page at a time, and compare it with the stored links,
    /// up to the stored head (events appended since are not linked yet).
    /// </summary>
    [WolverineGet("/api/audit/chain/verify", OperationId = "VerifyChain")]
    [Authorize(Policy = Policies.Auditor), Tags("Audit")]
    public static async Task<ChainVerification> Get(IQuerySession session, CancellationToken ct)
    {
        var (previous, after, count) = (Chain.Genesis, 0L, 0L);
        while (true)
        {
            var links = await session.Query<ChainLink>().Where(l => l.Sequence > after).OrderBy(l => l.Sequence).Take(Chain.PageSize).ToListAsync(ct);
            if (links.Count == 0) return new ChainVerification(true, count == 0 ? null : new ChainHead(after, previous), count);
            var rows = await Chain.EventsAsync(session.DocumentStore, after, links[^1].Sequence, int.MaxValue, ct);
            var (r, l) = (0, 0);
            while (l < links.Count)
            {
                var (link, row) = (links[l], r < rows.Count ? rows[r] : null);
                if (row is not null && row.Sequence < link.Sequence) return Broken(row.Sequence, row.EventId, "An event that is not in the chain was inserted.");
                if (row is null || row.Sequence > link.Sequence) return Broken(link.Sequence, link.EventId, "The linked event is missing from the log.");
                if (row.EventId != link.EventId) return Broken(link.Sequence, row.EventId, "The event at this sequence has a different id.");
                if (link.PreviousHash != previous) return Broken(link.Sequence, link.EventId, "The link does not follow the previous link.");
                if (Chain.Link(previous, row) != link.Hash) return Broken(link.Sequence, link.EventId, "The event's content no longer matches its link.");
                (previous, after, count, r, l) = (link.Hash, link.Sequence, count + 1, r + 1, l + 1);
            }
        }

        static ChainVerification Broken(long sequence, Guid eventId, string reason) => new(false, null, 0, sequence, eventId, reason);
    }
}
