using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Workshops.ListingWorkshops;

public static class ListCityWorkshopsEndpoint
{
    /// <summary>A city's workshops, soonest first. The session is scoped to the city (tenant) in the route.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops", OperationId = "ListCityWorkshops")]
    [Authorize(Policy = Policies.CityReader), Tags("Workshops")]
    public static Task<IReadOnlyList<CityWorkshop>> Get(string cityId, IQuerySession session, CancellationToken ct) =>
        session.Query<CityWorkshop>()
            .Where(x => x.CityId == cityId)
            .OrderBy(x => x.StartsAt).ThenBy(x => x.ScheduledAt)
            .ToListAsync(ct);
}
