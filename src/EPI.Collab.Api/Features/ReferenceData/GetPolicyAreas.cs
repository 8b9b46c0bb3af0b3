using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.ReferenceData;

public static class GetPolicyAreasEndpoint
{
    /// <summary>The ICC Index policy areas (published reference data).</summary>
    [WolverineGet("/api/policy-areas", OperationId = "GetPolicyAreas"), AllowAnonymous, Tags("Reference data")]
    public static IReadOnlyList<PolicyArea> Get() => PolicyAreas.All;
}
