using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Cities.GettingProfiles;

public static class GetCityEndpoint
{
    public static Task<CityProfile?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<CityProfile>(CityStream.Id(cityId), ct);

    public static ProblemDetails Validate(CityProfile? profile, string cityId) =>
        profile is null ? CityProblems.NotFound(cityId) : WolverineContinue.NoProblems;

    /// <summary>One city's profile (published, no login needed).</summary>
    [WolverineGet("/api/cities/{cityId}", OperationId = "GetCity"), AllowAnonymous, Tags("Cities")]
    public static CityProfile Get(string cityId, CityProfile profile) => profile;
}
