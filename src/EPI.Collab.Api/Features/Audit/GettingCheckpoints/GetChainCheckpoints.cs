using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.GettingCheckpoints;

/// <summary>The chain head at the end of one UTC day that has events: what a city publishes to pin the log.</summary>
public sealed record ChainCheckpoint(DateOnly Date, long Sequence, string Hash);

public static class GetChainCheckpointsEndpoint
{
    /// <summary>Daily checkpoints, oldest first, computed from the stored links (the last link of each day).</summary>
    [WolverineGet("/api/audit/chain/checkpoints", OperationId = "GetChainCheckpoints")]
    [Authorize(Policy = Policies.Auditor), Tags("Audit")]
    public static async Task<IReadOnlyList<ChainCheckpoint>> Get(IQuerySession session, CancellationToken ct) =>
        (await session.QueryAsync<ChainLink>(
            $"""
             select data from {Persistence.Schema}.mt_doc_chainlink
             where id in (select max(id) from {Persistence.Schema}.mt_doc_chainlink group by data->>'day') order by id
             """, ct))
        .Select(l => new ChainCheckpoint(l.Day, l.Sequence, l.Hash)).ToList();
}
