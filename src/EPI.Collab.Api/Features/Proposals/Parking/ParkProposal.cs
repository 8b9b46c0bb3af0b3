using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Proposals.Parking;

/// <param name="Reason">Optional, e.g. "national competence".</param>
public sealed record ParkProposal([property: ExpectedVersion] int Version, [property: StringLength(Proposal.MaxReasonLength)] string? Reason = null)
{
    public static ParkProposal Example => new(1, "National competence: out of the city's reach");
}

public static class ParkProposalEndpoint
{
    public static ProblemDetails Validate(ParkProposal command, Proposal? proposal, Guid workshopId, Guid proposalId) =>
        ProposalRules.NotArrangeable(proposal, workshopId, proposalId)
        ?? (proposal!.Status == ProposalStatus.Parked ? Problems.RuleViolated("The proposal is already parked.") : WolverineContinue.NoProblems);

    public static ProposalParked Decide(Proposal proposal, string? reason, Actor actor, DateTimeOffset now) =>
        new(proposal.Id, proposal.WorkshopId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), actor.Id, actor.Role, now);

    /// <summary>Set a proposal aside, e.g. out of the city's competence (staff). Clustering it again brings it back.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/park", OperationId = "ParkProposal")]
    [Authorize(Policy = Policies.CityStaff), Tags("Proposals")]
    public static (UpdatedAggregate, Events) Post(ParkProposal command, [WriteAggregate] Proposal proposal, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(proposal, command.Reason, actor, now)]);
}
