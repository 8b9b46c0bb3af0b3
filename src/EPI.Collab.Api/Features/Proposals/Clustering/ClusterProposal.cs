using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Proposals.Clustering;

/// <param name="ClusterId">A cluster of the same workshop; a clustered proposal may be moved to another.</param>
public sealed record ClusterProposal([property: ExpectedVersion] int Version, Guid ClusterId)
{
    public static ClusterProposal Example => new(1, new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"));
}

public static class ClusterProposalEndpoint
{
    public static ProblemDetails Validate(ClusterProposal command, Proposal? proposal, Cluster? cluster, Guid workshopId, Guid proposalId) =>
        ProposalRules.NotArrangeable(proposal, workshopId, proposalId)
        ?? (cluster is null || cluster.WorkshopId != workshopId ? Problems.NotFound($"This workshop has no cluster {command.ClusterId}.")
            : proposal!.ClusterId == cluster.Id ? Problems.RuleViolated("The proposal is already in this cluster.")
            : WolverineContinue.NoProblems);

    public static ProposalClustered Decide(Proposal proposal, Cluster cluster, Actor actor, DateTimeOffset now) =>
        new(proposal.Id, proposal.WorkshopId, cluster.Id, actor.Id, actor.Role, now);

    /// <summary>Put a proposal in a cluster, or move it to another (staff).</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/cluster", OperationId = "ClusterProposal")]
    [Authorize(Policy = Policies.CityStaff), Tags("Proposals")]
    public static (UpdatedAggregate, Events) Post(ClusterProposal command, [WriteAggregate] Proposal proposal,
        [Entity(nameof(ClusterProposal.ClusterId), Required = false)] Cluster cluster,
        Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(proposal, cluster, actor, now)]);
}
