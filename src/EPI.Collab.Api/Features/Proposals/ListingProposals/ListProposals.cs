using System.Security.Claims;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Proposals.ListingProposals;

public static class ListProposalsEndpoint
{
    /// <summary>The workshop's proposals in submission order; hidden ones only for staff.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/proposals", OperationId = "ListProposals")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Proposals")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    public static async Task<IReadOnlyList<ProposalDetails>> Get(string cityId, Guid workshopId, ClaimsPrincipal user, IQuerySession session,
        RevealContext reveal, CancellationToken ct)
    {
        var query = session.Query<ProposalDetails>().Where(p => p.WorkshopId == workshopId);
        if (!WorkshopAccess.IsStaffOf(user, cityId)) query = query.Where(p => !p.Hidden);
        var proposals = await query.OrderBy(p => p.SubmittedAt).ThenBy(p => p.Id).ToListAsync(ct);
        var revealer = await reveal.ForAsync(workshopId, proposals.SelectMany(p => p.Texts), ct);
        return proposals.Select(p => p.Revealed(revealer)).ToList();
    }
}
