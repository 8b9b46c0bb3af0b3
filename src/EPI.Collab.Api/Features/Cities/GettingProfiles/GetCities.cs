using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Cities.GettingProfiles;

public static class GetCitiesEndpoint
{
    /// <summary>The EPI cities with their profile facts (published, no login needed).</summary>
    [WolverineGet("/api/cities", OperationId = "GetCities"), AllowAnonymous, Tags("Cities")]
    public static Task<IReadOnlyList<CityProfile>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<CityProfile>().Where(x => x.AnyTenant()).OrderBy(x => x.CityId).ToListAsync(ct);
}
