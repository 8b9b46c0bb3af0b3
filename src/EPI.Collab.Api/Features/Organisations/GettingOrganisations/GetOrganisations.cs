using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Organisations.GettingOrganisations;

public static class ListOrganisationsEndpoint
{
    /// <summary>The city's organisations by name.</summary>
    [WolverineGet("/api/cities/{cityId}/organisations", OperationId = "ListOrganisations")]
    [Authorize(Policy = Policies.CityReader), Tags("Organisations")]
    public static Task<IReadOnlyList<Organisation>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<Organisation>().OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(ct);
}

public static class GetOrganisationEndpoint
{
    public static ProblemDetails Validate([Entity("organisationId", Required = false)] Organisation? organisation, Guid organisationId) =>
        organisation is null ? OrganisationRules.NotFound(organisationId) : WolverineContinue.NoProblems;

    /// <summary>One organisation of the city.</summary>
    [WolverineGet("/api/cities/{cityId}/organisations/{organisationId}", OperationId = "GetOrganisation")]
    [Authorize(Policy = Policies.CityReader), Tags("Organisations")]
    public static Organisation Get(Organisation organisation) => organisation;
}
