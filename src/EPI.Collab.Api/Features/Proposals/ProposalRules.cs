using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Api.Features.Proposals;

/// <summary>Rejections that several proposal and comment slices share, worded once. Null means "no objection".</summary>
public static class ProposalRules
{
    public static ProblemDetails NotInWorkshop(Guid proposalId) => Problems.NotFound($"This workshop has no proposal {proposalId}.");

    /// <summary>Participants and staff contribute (propose, amend, comment) only while the workshop is open or in progress.</summary>
    public static ProblemDetails? ClosedToContributions(Workshop? workshop, Guid workshopId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : workshop.Status == WorkshopStatus.Closed
            ? Problems.RuleViolated("This workshop has closed; it takes no more contributions.").WithCode("workshop-closed")
        : !workshop.IsLive ? Problems.RuleViolated("This workshop is not open yet.").WithCode("workshop-not-open")
        : null;

    /// <summary>A withdrawn, merged or hidden proposal takes no new versions and no comments.</summary>
    public static ProblemDetails? NotOpen(Proposal proposal) =>
        proposal.IsOpen ? null : Problems.RuleViolated($"This proposal is {Describe(proposal)}; it takes no more changes or comments.");

    /// <summary>Only its author changes or withdraws a proposal (403 for anyone else), while the workshop is live and the proposal open.</summary>
    public static ProblemDetails? NotChangeableBy(Actor actor, Proposal? proposal, Workshop? workshop, Guid workshopId, Guid proposalId) =>
        proposal is null || proposal.WorkshopId != workshopId ? NotInWorkshop(proposalId)
        : proposal.AuthorId != actor.Id ? Problems.Forbidden("Only the author of a proposal may amend or withdraw it.").WithCode("not-author")
        : ClosedToContributions(workshop, workshopId) ?? NotOpen(proposal);

    /// <summary>Staff arrange (cluster, merge, park) only proposals still in the process.</summary>
    public static ProblemDetails? NotArrangeable(Proposal? proposal, Guid workshopId, Guid proposalId) =>
        proposal is null || proposal.WorkshopId != workshopId ? NotInWorkshop(proposalId)
        : proposal.IsFinal ? Problems.RuleViolated($"This proposal is {Describe(proposal)}.")
        : null;

    private static string Describe(Proposal proposal) => proposal.IsFinal ? proposal.Status.ToString().ToLowerInvariant() : "hidden";
}
