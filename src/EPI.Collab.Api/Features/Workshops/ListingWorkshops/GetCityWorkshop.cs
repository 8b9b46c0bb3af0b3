using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Workshops.ListingWorkshops;

public static class GetCityWorkshopEndpoint
{
    public static ProblemDetails Validate(CityWorkshop? workshop, Guid workshopId, string cityId) =>
        workshop is null || workshop.CityId != cityId
            ? Problems.NotFound($"City '{cityId}' has no workshop {workshopId}.")
            : WolverineContinue.NoProblems;

    /// <summary>One workshop of the city.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}", OperationId = "GetCityWorkshop")]
    [Authorize(Policy = Policies.CityReader), Tags("Workshops")]
    public static CityWorkshop Get(string cityId, Guid workshopId, [Entity("workshopId", Required = false)] CityWorkshop workshop) => workshop;
}
