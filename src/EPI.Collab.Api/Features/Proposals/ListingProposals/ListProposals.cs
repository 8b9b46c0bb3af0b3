using System.Security.Claims;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Proposals.ListingProposals;

public static class ListProposalsEndpoint
{
    /// <summary>The workshop's proposals in submission order; hidden ones only for staff.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/proposals", OperationId = "ListProposals")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Proposals")]
    public static Task<IReadOnlyList<ProposalDetails>> Get(string cityId, Guid workshopId, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct)
    {
        var proposals = session.Query<ProposalDetails>().Where(p => p.WorkshopId == workshopId);
        if (!WorkshopAccess.IsStaffOf(user, cityId)) proposals = proposals.Where(p => !p.Hidden);
        return proposals.OrderBy(p => p.SubmittedAt).ThenBy(p => p.Id).ToListAsync(ct);
    }
}
