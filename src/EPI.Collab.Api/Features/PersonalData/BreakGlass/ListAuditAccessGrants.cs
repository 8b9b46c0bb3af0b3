using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.PersonalData.BreakGlass;

public static class ListAuditAccessGrantsEndpoint
{
    /// <summary>Every break-glass grant of the city, newest first, with how often it was used: the city sees who read what.</summary>
    [WolverineGet("/api/cities/{cityId}/audit/access-grants", OperationId = "ListAuditAccessGrants")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    public static Task<IReadOnlyList<AuditAccessGrant>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<AuditAccessGrant>().OrderByDescending(g => g.GrantedAt).ToListAsync(ct);
}
