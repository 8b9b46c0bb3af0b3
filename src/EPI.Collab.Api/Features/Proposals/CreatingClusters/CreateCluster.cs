using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Proposals.CreatingClusters;

/// <param name="Name">A short name that answers the focus question.</param>
public sealed record CreateCluster([property: Text(Cluster.MinNameLength, Cluster.MaxNameLength)] LocalizedText Name)
{
    public static CreateCluster Example => new(new LocalizedText("en", "Employers open their doors"));
}

public static class CreateClusterEndpoint
{
    public static ProblemDetails Validate(CreateCluster command, [Entity("workshopId", Required = false)] Workshop? workshop, Guid workshopId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : WolverineContinue.NoProblems;

    public static ClusterCreated Decide(CreateCluster command, Guid workshopId, Guid clusterId, Actor actor, DateTimeOffset now) =>
        new(clusterId, workshopId, command.Name.Trimmed(), actor.Id, actor.Role, now);

    /// <summary>Open a named cluster to group proposals under (staff).</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/clusters", OperationId = "CreateCluster")]
    [Authorize(Policy = Policies.CityStaff), Tags("Proposals")]
    public static (CreationResponse<Guid>, IStartStream) Post(CreateCluster command, string cityId, Guid workshopId, Actor actor,
        DateTimeOffset now)
    {
        var created = Decide(command, workshopId, Guid.CreateVersion7(now), actor, now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/workshops/{workshopId}/clusters/{created.ClusterId}", created.ClusterId),
            MartenOps.StartStream<Cluster>(created.ClusterId, created));
    }
}
