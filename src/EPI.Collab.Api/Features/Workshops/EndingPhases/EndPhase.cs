using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Workshops.EndingPhases;

public sealed record EndPhase([property: ExpectedVersion] int Version)
{
    public static EndPhase Example => new(4);
}

public static class EndPhaseEndpoint
{
    public static ProblemDetails Validate(Workshop? workshop, Guid workshopId, Guid phaseId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : workshop.Running?.PhaseId != phaseId ? Problems.RuleViolated("Only the running phase can be ended.")
        : WolverineContinue.NoProblems;

    /// <summary>End the running phase.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/phases/{phaseId}/end", OperationId = "EndPhase")]
    [Authorize(Policy = Policies.CityStaff), Tags("Workshops")]
    public static (UpdatedAggregate, Events) Post(EndPhase command, [WriteAggregate] Workshop workshop, Actor actor, DateTimeOffset now)
    {
        return (new UpdatedAggregate(), [new PhaseEnded(workshop.Id, workshop.Running!.PhaseId, actor.Id, actor.Role, now)]);
    }
}
