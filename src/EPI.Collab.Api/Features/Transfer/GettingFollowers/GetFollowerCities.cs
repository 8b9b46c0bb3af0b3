using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Transfer.GettingFollowers;

public static class ListFollowerCitiesEndpoint
{
    /// <summary>The city's follower cities by name.</summary>
    [WolverineGet("/api/cities/{cityId}/transfer/followers", OperationId = "ListFollowerCities")]
    [Authorize(Policy = Policies.CityReader), Tags("Transfer")]
    public static Task<IReadOnlyList<FollowerCity>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<FollowerCity>().OrderBy(f => f.Name).ThenBy(f => f.Id).ToListAsync(ct);
}

public static class GetFollowerCityEndpoint
{
    public static ProblemDetails Validate([Entity("followerCityId", Required = false)] FollowerCity? follower, Guid followerCityId) =>
        follower is null ? FollowerRules.NotFound(followerCityId) : WolverineContinue.NoProblems;

    /// <summary>One follower city.</summary>
    [WolverineGet("/api/cities/{cityId}/transfer/followers/{followerCityId}", OperationId = "GetFollowerCity")]
    [Authorize(Policy = Policies.CityReader), Tags("Transfer")]
    public static FollowerCity Get(FollowerCity follower) => follower;
}
