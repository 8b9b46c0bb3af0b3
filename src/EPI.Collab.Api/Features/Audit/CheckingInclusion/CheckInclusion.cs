using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.CheckingInclusion;

public sealed record ChainInclusion(long Sequence, string Hash, bool Included);

public static class CheckInclusionEndpoint
{
    public static ProblemDetails Validate([Range(1, 1_000_000_000_000)] long? sequence, [StringLength(64, MinimumLength = 64)] string? hash) => new Validation()
        .Require(sequence is > 0, "sequence", "Required, 1 or more.")
        .Require(hash is { Length: 64 }, "hash", "Required: 64 hexadecimal characters.")
        .ToProblem();

    /// <summary>Whether the chain holds a link at this sequence with this hash. Anonymous, so a voter can check a receipt without saying who they are.</summary>
    [WolverineGet("/api/audit/chain/inclusion", OperationId = "CheckChainInclusion")]
    [AllowAnonymous, Tags("Audit")]
    public static async Task<ChainInclusion> Get(long? sequence, string? hash, IQuerySession session, CancellationToken ct)
    {
        var link = await session.LoadAsync<ChainLink>(sequence!.Value, ct);
        return new ChainInclusion(sequence.Value, hash!, link is not null && string.Equals(link.Hash, hash, StringComparison.OrdinalIgnoreCase));
    }
}
