using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Proposals.Hiding;

/// <param name="Reason">Required: participants see it in place of the text.</param>
public sealed record HideProposal([property: ExpectedVersion] int Version, [property: StringLength(Proposal.MaxReasonLength, MinimumLength = 1)] string Reason)
{
    public static HideProposal Example => new(1, "Names a private person");

    public Validation Check() => new Validation().RequireLength(Reason, "reason", 1, Proposal.MaxReasonLength);
}

public static class HideProposalEndpoint
{
    public static ProblemDetails Validate(HideProposal command, Proposal? proposal, Guid workshopId, Guid proposalId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : proposal is null || proposal.WorkshopId != workshopId ? ProposalRules.NotInWorkshop(proposalId)
        : proposal.Hidden ? Problems.RuleViolated("The proposal is already hidden.")
        : WolverineContinue.NoProblems;

    public static ProposalHidden Decide(Proposal proposal, string reason, Actor actor, DateTimeOffset now) =>
        new(proposal.Id, proposal.WorkshopId, reason.Trim(), actor.Id, actor.Role, now);

    /// <summary>Moderation (staff): participants no longer see the text, staff still do; nothing is deleted.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/hide", OperationId = "HideProposal")]
    [Authorize(Policy = Policies.CityStaff), Tags("Proposals")]
    public static (UpdatedAggregate, Events) Post(HideProposal command, [WriteAggregate] Proposal proposal, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(proposal, command.Reason, actor, now)]);
}
