using System.Security.Claims;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Proposals.GettingDetails;

public static class GetProposalEndpoint
{
    public static ProblemDetails Validate(ProposalDetails? proposal, Guid workshopId, Guid proposalId) =>
        proposal is null || proposal.WorkshopId != workshopId ? ProposalRules.NotInWorkshop(proposalId) : WolverineContinue.NoProblems;

    /// <summary>One proposal with all its versions; a hidden proposal's text only for staff.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}", OperationId = "GetProposal")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Proposals")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    public static async Task<ProposalDetails> Get(string cityId, Guid workshopId, [Entity("proposalId", Required = false)] ProposalDetails proposal, ClaimsPrincipal user,
        RevealContext reveal, CancellationToken ct)
    {
        var seen = proposal.AsSeenBy(WorkshopAccess.IsStaffOf(user, cityId));
        return seen.Revealed(await reveal.ForAsync(workshopId, seen.Texts, ct));
    }
}
