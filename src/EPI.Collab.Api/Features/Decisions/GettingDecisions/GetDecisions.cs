using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.Voting.ListingObjections;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Decisions.GettingDecisions;

public static class GetDecisionsEndpoint
{
    /// <summary>The decisions recorded in a workshop, oldest first, each with the objections raised in its rounds.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/decisions", OperationId = "GetDecisions")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Decisions")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    public static async Task<IReadOnlyList<DecisionRecord>> Get(Guid workshopId, IQuerySession session, RevealContext reveal, CancellationToken ct)
    {
        var decisions = await session.Query<DecisionRecord>().Where(d => d.WorkshopId == workshopId).OrderBy(d => d.DecidedAt).ToListAsync(ct);
        var objections = await Objections.RevealedAsync(reveal, workshopId, [.. decisions.SelectMany(d => d.RoundIds).Distinct()], ct);
        return [.. decisions.Select(d => WithObjections(d, objections))];
    }

    public static DecisionRecord WithObjections(DecisionRecord decision, IReadOnlyList<Objection> objections) =>
        decision with { Objections = [.. objections.Where(o => decision.RoundIds.Contains(o.RoundId))] };
}

public static class GetDecisionEndpoint
{
    public static ProblemDetails Validate(DecisionRecord? decision, Guid workshopId, Guid decisionId) =>
        decision is null || decision.WorkshopId != workshopId ? Problems.NotFound($"There is no decision {decisionId} in this workshop.")
            : WolverineContinue.NoProblems;

    /// <summary>One decision, with the objections raised in its rounds.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/decisions/{decisionId}", OperationId = "GetDecision")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Decisions")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    public static async Task<DecisionRecord> Get(Guid workshopId, Guid decisionId, [Entity("decisionId", Required = false)] DecisionRecord decision, RevealContext reveal,
        CancellationToken ct) =>
        GetDecisionsEndpoint.WithObjections(decision, await Objections.RevealedAsync(reveal, workshopId, decision.RoundIds, ct));
}
