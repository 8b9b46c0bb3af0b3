using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Decisions.GettingDecisions;

public static class GetDecisionsEndpoint
{
    /// <summary>The decisions recorded in a workshop, oldest first.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/decisions", OperationId = "GetDecisions")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Decisions")]
    public static Task<IReadOnlyList<DecisionRecord>> Get(Guid workshopId, IQuerySession session, CancellationToken ct) =>
        session.Query<DecisionRecord>().Where(d => d.WorkshopId == workshopId).OrderBy(d => d.DecidedAt).ToListAsync(ct);
}

public static class GetDecisionEndpoint
{
    public static Task<DecisionRecord?> LoadAsync(Guid decisionId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<DecisionRecord>(decisionId, ct);

    public static ProblemDetails Validate(DecisionRecord? decision, Guid workshopId, Guid decisionId) =>
        decision is null || decision.WorkshopId != workshopId ? Problems.NotFound($"There is no decision {decisionId} in this workshop.")
            : WolverineContinue.NoProblems;

    /// <summary>One decision.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/decisions/{decisionId}", OperationId = "GetDecision")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Decisions")]
    public static DecisionRecord Get(Guid decisionId, DecisionRecord decision) => decision;
}
