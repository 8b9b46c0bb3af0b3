using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.IssuingReceipts;

/// <summary>
/// Proof that a ballot (at its latest version) is in the chain; it names no one. The voter checks it anonymously with
/// <c>GET /api/audit/chain/inclusion?sequence=&amp;hash=</c>, now or against a later published checkpoint.
/// </summary>
public sealed record BallotReceiptProof(Guid BallotId, int Version, long Sequence, string EventHash, ChainHead ChainHeadAtIssue);

/// <summary>The caller's ballot stream (its last event) and the chain as it is now.</summary>
public sealed record ReceiptContext(BallotContext Ballot, Guid? BallotId, JasperFx.Events.IEvent? Last, ChainLink? Link, ChainLink? Head);

public static class GetBallotReceiptEndpoint
{
    public static async Task<ReceiptContext> LoadAsync(Guid roundId, Guid? ballotId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var context = await BallotFacts.ReadAsync(session, roundId, user, ct);
        // While the round is open its key derives the caller's ballot id; after the close only the id kept from the cast remains.
        var id = context is { Key: { } key, Voter: { } voter } ? key.BallotId(voter.Id) : ballotId;
        var last = id is { } known ? (await session.Events.FetchStreamAsync(known, token: ct)).LastOrDefault() : null;
        var link = last is null ? null : await session.LoadAsync<ChainLink>(last.Sequence, ct);
        return new ReceiptContext(context, id, last, link, link is null ? null : await Chain.LastAsync(session, ct));
    }

    public static ProblemDetails Validate(ReceiptContext context, Guid workshopId, Guid roundId, HttpResponse response)
    {
        var (round, voter) = (context.Ballot.Round, context.Ballot.Voter);
        if (round is null || round.WorkshopId != workshopId) return RoundProblems.NotFound(roundId);
        if (voter is null || voter.WorkshopId != workshopId) return Problems.Forbidden("Only the voter gets a receipt for their ballot.");
        if (context.BallotId is null) return new Validation().Add("ballotId", "The round is closed: send the ballot id you got when you voted.").ToProblem();
        if (RoundOf(context.Last?.Data) != roundId || context.Last!.Data is BallotCast { ParticipantId: { } named } && named != voter.Id)
            return Problems.NotFound("There is no such ballot of yours in this round.");
        if (context.Link is null)
        {
            response.Headers.RetryAfter = "1";
            return Problems.Conflict("The ballot is not linked into the chain yet; ask again in a moment.").WithCode("not-chained-yet");
        }
        return WolverineContinue.NoProblems;
    }

    private static Guid? RoundOf(object? data) => data switch
    {
        BallotCast e => e.RoundId,
        BallotChanged e => e.RoundId,
        _ => null
    };

    /// <summary>A receipt for the caller's own ballot: which event holds it and its link in the chain. Names no one.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/ballot/receipt", OperationId = "GetBallotReceipt")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Audit")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static BallotReceiptProof Get(ReceiptContext context) =>
        new(context.BallotId!.Value, (int)context.Last!.Version, context.Last.Sequence, context.Link!.Hash,
            new ChainHead(context.Head!.Sequence, context.Head.Hash));
}
