using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Proposals.Merging;

/// <summary>Merge the proposal in the route into <paramref name="IntoProposalId"/>, which carries on.</summary>
/// <param name="Version">The stream version of the proposal in the route (the one that is merged away).</param>
public sealed record MergeProposal([property: ExpectedVersion] int Version, Guid IntoProposalId)
{
    public static MergeProposal Example => new(1, new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"));
}

/// <summary>The proposal that absorbs the merged one (wrapped: the endpoint already has a <see cref="Proposal"/>).</summary>
public sealed record MergeTarget(Proposal? Proposal);

public static class MergeProposalEndpoint
{
    public static async Task<MergeTarget> LoadAsync(MergeProposal command, IQuerySession session, CancellationToken ct) =>
        new(await session.LoadAsync<Proposal>(command.IntoProposalId, ct));

    public static ProblemDetails Validate(MergeProposal command, Proposal? proposal, MergeTarget target, Guid workshopId, Guid proposalId) =>
        ProposalRules.NotArrangeable(proposal, workshopId, proposalId)
        ?? (command.IntoProposalId == proposalId ? new Validation().Add("intoProposalId", "A proposal cannot be merged into itself.").ToProblem()
            : ProposalRules.NotArrangeable(target.Proposal, workshopId, command.IntoProposalId))
        ?? WolverineContinue.NoProblems;

    public static ProposalMerged Decide(Proposal proposal, Proposal into, Actor actor, DateTimeOffset now) =>
        new(proposal.Id, proposal.WorkshopId, into.Id, actor.Id, actor.Role, now);

    /// <summary>Merge a duplicate into another proposal of the workshop (staff); the duplicate stops counting on its own.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/merge", OperationId = "MergeProposal")]
    [Authorize(Policy = Policies.CityStaff), Tags("Proposals")]
    public static (UpdatedAggregate, Events) Post(MergeProposal command, [WriteAggregate] Proposal proposal, MergeTarget target,
        Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(proposal, target.Proposal!, actor, now)]);
}
