using System.Security.Claims;
using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Pilots.GettingDashboard;

public sealed record DashboardSources(StrategyDetails? Strategy, IReadOnlyList<PilotDetails> Pilots);

public static class GetCityDashboardEndpoint
{
    public static async Task<DashboardSources> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        new(await session.LoadAsync<StrategyDetails>(StrategyStream.Id(cityId), ct), await session.Query<PilotDetails>().ToListAsync(ct));

    public static ProblemDetails Validate(DashboardSources sources, string cityId, ClaimsPrincipal user) =>
        StrategyReading.Refusal(sources.Strategy, cityId, user) ?? WolverineContinue.NoProblems;

    /// <summary>Each indicator of the strategy against baseline and target, by objective, and each pilot's months running.</summary>
    [WolverineGet("/api/cities/{cityId}/dashboard", OperationId = "GetCityDashboard")]
    [Authorize(Policy = Policies.CityPublishedReader), Tags("Pilots")]
    public static CityDashboard Get(DashboardSources sources, DateTimeOffset now) =>
        CityDashboard.Build(sources.Strategy!, [.. sources.Pilots.OrderBy(p => p.Id)], DateOnly.FromDateTime(now.UtcDateTime));
}
