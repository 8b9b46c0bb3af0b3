using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Proposals.Withdrawing;

public sealed record WithdrawProposal([property: ExpectedVersion] int Version)
{
    public static WithdrawProposal Example => new(2);
}

public static class WithdrawProposalEndpoint
{
    public static ProblemDetails Validate(Proposal? proposal, [Entity("workshopId", Required = false)] Workshop? workshop, Guid workshopId, Guid proposalId, Actor actor) =>
        ProposalRules.NotChangeableBy(actor, proposal, workshop, workshopId, proposalId) ?? WolverineContinue.NoProblems;

    public static ProposalWithdrawn Decide(Proposal proposal, Actor actor, DateTimeOffset now) =>
        new(proposal.Id, proposal.WorkshopId, actor.Id, actor.Role, now);

    /// <summary>Withdraw your own proposal while the workshop is live.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/withdraw", OperationId = "WithdrawProposal")]
    [Authorize(Policy = Policies.WorkshopContributor), Tags("Proposals")]
    public static (UpdatedAggregate, Events) Post(WithdrawProposal command, [WriteAggregate] Proposal proposal, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(proposal, actor, now)]);
}
