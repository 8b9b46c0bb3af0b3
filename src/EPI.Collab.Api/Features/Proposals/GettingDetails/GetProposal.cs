using System.Security.Claims;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Proposals.GettingDetails;

public static class GetProposalEndpoint
{
    public static Task<ProposalDetails?> LoadAsync(Guid proposalId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<ProposalDetails>(proposalId, ct);

    public static ProblemDetails Validate(ProposalDetails? proposal, Guid workshopId, Guid proposalId) =>
        proposal is null || proposal.WorkshopId != workshopId ? ProposalRules.NotInWorkshop(proposalId) : WolverineContinue.NoProblems;

    /// <summary>One proposal with all its versions; a hidden proposal's text only for staff.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}", OperationId = "GetProposal")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Proposals")]
    public static ProposalDetails Get(string cityId, ProposalDetails proposal, ClaimsPrincipal user) =>
        proposal.AsSeenBy(WorkshopAccess.IsStaffOf(user, cityId));
}
