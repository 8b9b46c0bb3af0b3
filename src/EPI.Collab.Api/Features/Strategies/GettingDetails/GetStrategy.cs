using System.Security.Claims;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Strategies.GettingDetails;

public static class GetStrategyEndpoint
{
    public static Task<StrategyDetails?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<StrategyDetails>(StrategyStream.Id(cityId), ct);

    public static ProblemDetails Validate(StrategyDetails? strategy, string cityId, ClaimsPrincipal user) =>
        StrategyReading.Refusal(strategy, cityId, user) ?? WolverineContinue.NoProblems;

    /// <summary>The city's strategy: document, status, revisions (observers: from ADOPTED_PILOT on).</summary>
    [WolverineGet("/api/cities/{cityId}/strategy", OperationId = "GetStrategy")]
    [Authorize(Policy = Policies.CityPublishedReader), Tags("Strategy")]
    public static StrategyDetails Get(StrategyDetails strategy) => strategy;
}

/// <summary>Who may read a strategy: the city's readers always, observers once it is published.</summary>
public static class StrategyReading
{
    public static ProblemDetails? Refusal(StrategyDetails? strategy, string cityId, ClaimsPrincipal user) =>
        strategy is null ? StrategyProblems.NotStarted(cityId)
        : !Strategy.IsPublished(strategy.Status) && !CityAccess.Allows(user, cityId, CityAccessLevel.Read)
            ? Problems.Forbidden("Observers read a strategy once it is adopted for piloting.")
        : null;
}
