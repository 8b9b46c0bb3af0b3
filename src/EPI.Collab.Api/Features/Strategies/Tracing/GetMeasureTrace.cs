using System.Security.Claims;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Strategies.Tracing;

public sealed record TraceSources(StrategyDetails? Strategy, IReadOnlyList<DecisionRecord> Decisions, IReadOnlyList<ProposalDetails> Proposals);

public static class GetMeasureTraceEndpoint
{
    public static async Task<TraceSources> LoadAsync(string cityId, Guid measureId, IQuerySession session, CancellationToken ct)
    {
        var strategy = await session.LoadAsync<StrategyDetails>(StrategyStream.Id(cityId), ct);
        if (strategy is null) return new(null, [], []);
        var decisionIds = MeasureTrace.Touching(strategy, measureId).Select(t => t.Revision.DecisionId).OfType<Guid>().Distinct().ToList();
        var decisions = decisionIds.Count == 0 ? [] : await session.LoadManyAsync<DecisionRecord>(ct, decisionIds);
        var proposalIds = MeasureTrace.OriginProposalIds(strategy, measureId);
        var proposals = proposalIds.Count == 0 ? [] : await session.LoadManyAsync<ProposalDetails>(ct, proposalIds);
        return new(strategy, decisions, proposals);
    }

    public static ProblemDetails Validate(TraceSources sources, string cityId, Guid measureId, ClaimsPrincipal user) =>
        StrategyReading.Refusal(sources.Strategy, cityId, user)
        ?? (MeasureTrace.Touching(sources.Strategy!, measureId).Count == 0
            ? Problems.NotFound($"No adopted revision of this strategy has a measure {measureId}.")
            : WolverineContinue.NoProblems);

    /// <summary>Which revision added the measure and which changed it, the decisions behind them, their rounds and adopted proposals.</summary>
    [WolverineGet("/api/cities/{cityId}/strategy/measures/{measureId}/trace", OperationId = "GetMeasureTrace")]
    [Authorize(Policy = Policies.CityPublishedReader), Tags("Strategy")]
    public static MeasureTrace Get(TraceSources sources, Guid measureId) =>
        MeasureTrace.Build(sources.Strategy!, measureId, sources.Decisions, sources.Proposals)!;
}
