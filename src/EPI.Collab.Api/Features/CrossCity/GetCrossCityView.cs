using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.CrossCity;

public static class GetCrossCityViewEndpoint
{
    /// <summary>
    /// Published reviews, strategies at ADOPTED_PILOT or later and their pilots, of every city (tenant):
    /// <c>AnyTenant()</c> reads across the conjoined tenants; <see cref="CrossCityView.Build"/> filters and orders.
    /// </summary>
    [WolverineGet("/api/cross-city", OperationId = "GetCrossCityView")]
    [Authorize(Policy = Policies.CrossCityReader), Tags("Cross-city")]
    public static async Task<CrossCityView> Get(IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var reviews = await session.Query<ReviewDetails>().Where(x => x.AnyTenant() && x.Status == ReviewStatus.Published).ToListAsync(ct);
        var strategies = await session.Query<StrategyDetails>().Where(x => x.AnyTenant()).ToListAsync(ct);
        var pilots = await session.Query<PilotDetails>().Where(x => x.AnyTenant()).ToListAsync(ct);
        return CrossCityView.Build(reviews, strategies, pilots, DateOnly.FromDateTime(now.UtcDateTime));
    }
}
