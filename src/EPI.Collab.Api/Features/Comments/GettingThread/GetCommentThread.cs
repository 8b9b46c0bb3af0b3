using System.Security.Claims;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Comments.GettingThread;

public static class GetCommentThreadEndpoint
{
    public static ProblemDetails Validate([Entity("proposalId", Required = false)] Proposal? proposal, Guid workshopId, Guid proposalId) =>
        proposal is null || proposal.WorkshopId != workshopId ? ProposalRules.NotInWorkshop(proposalId) : WolverineContinue.NoProblems;

    /// <summary>A proposal's comments, oldest first (replies name their parent); hidden texts only for staff.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/comments", OperationId = "GetCommentThread")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Comments")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    public static async Task<IReadOnlyList<ThreadedComment>> Get(string cityId, Guid workshopId, Guid proposalId, ClaimsPrincipal user,
        IQuerySession session, RevealContext reveal, CancellationToken ct)
    {
        var staff = WorkshopAccess.IsStaffOf(user, cityId);
        var thread = (await session.Query<ThreadedComment>().Where(c => c.ProposalId == proposalId)
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct)).Select(c => c.AsSeenBy(staff)).ToList();
        var revealer = await reveal.ForAsync(workshopId, thread.Select(c => c.Text), ct);
        return thread.Select(c => c.Revealed(revealer)).ToList();
    }
}
