using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Proposals.Withdrawing;

public sealed record WithdrawProposal([property: ExpectedVersion] int Version)
{
    /// <summary>The example shown in the API reference.</summary>
    public static WithdrawProposal Example => new(2);
}

public static class WithdrawProposalEndpoint
{
    public static Task<Workshop?> LoadAsync(Guid workshopId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<Workshop>(workshopId, ct);

    public static ProblemDetails Validate(Proposal? proposal, Workshop? workshop, Guid workshopId, Guid proposalId, ClaimsPrincipal user) =>
        ProposalRules.NotChangeableBy(Actor.From(user), proposal, workshop, workshopId, proposalId) ?? WolverineContinue.NoProblems;

    public static ProposalWithdrawn Decide(Proposal proposal, Actor actor, DateTimeOffset now) =>
        new(proposal.Id, proposal.WorkshopId, actor.Id, actor.Role, now);

    /// <summary>Withdraw your own proposal while the workshop is live.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/withdraw", OperationId = "WithdrawProposal")]
    [Authorize(Policy = Policies.WorkshopContributor), Tags("Proposals")]
    public static (UpdatedAggregate, Events) Post(WithdrawProposal command, [WriteAggregate] Proposal proposal, ClaimsPrincipal user,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(proposal, Actor.From(user), now)]);
}
