using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Strategies.Diffing;

public static class GetStrategyDiffEndpoint
{
    public static Task<StrategyDetails?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<StrategyDetails>(StrategyStream.Id(cityId), ct);

    public static ProblemDetails Validate(StrategyDetails? strategy, string cityId, ClaimsPrincipal user, [Range(0, 100_000)] int? from, [Range(0, 100_000)] int? to) =>
        StrategyReading.Refusal(strategy, cityId, user)
        ?? new Validation()
            .Require(from >= 0 && from <= strategy!.RevisionNo, "from", $"A revision number from 0 to {strategy!.RevisionNo}.")
            .Require(to >= 0 && to <= strategy.RevisionNo, "to", $"A revision number from 0 to {strategy.RevisionNo}.")
            .ToProblem();

    /// <summary>What was added, changed and removed between two revisions of the strategy (0 is the first draft).</summary>
    [WolverineGet("/api/cities/{cityId}/strategy/diff", OperationId = "GetStrategyDiff")]
    [Authorize(Policy = Policies.CityPublishedReader), Tags("Strategy")]
    public static StrategyDiff Get(StrategyDetails strategy, int? from, int? to) => StrategyDiff.Between(strategy, from!.Value, to!.Value);
}
