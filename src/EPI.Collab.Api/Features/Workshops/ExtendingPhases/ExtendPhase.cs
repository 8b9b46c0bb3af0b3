using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Workshops.ExtendingPhases;

public sealed record ExtendPhase([property: ExpectedVersion] int Version, [property: Range(1, 120)] int Minutes)
{
    public static ExtendPhase Example => new(3, 5);
}

public static class ExtendPhaseEndpoint
{
    public static ProblemDetails Validate(ExtendPhase command, Workshop? workshop, Guid workshopId, Guid phaseId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : command.Minutes is < 1 or > 120 ? new Validation().Add("minutes", "Between 1 and 120.").ToProblem()
        : workshop.Running?.PhaseId != phaseId ? Problems.RuleViolated("Only the running phase can be extended.")
        : WolverineContinue.NoProblems;

    public static PhaseExtended Decide(Workshop workshop, int minutes, Actor actor, DateTimeOffset now) =>
        new(workshop.Id, workshop.Running!.PhaseId, minutes, workshop.Running.PlannedEnd.AddMinutes(minutes), actor.Id, actor.Role, now);

    /// <summary>Give the running phase more time.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/phases/{phaseId}/extend", OperationId = "ExtendPhase")]
    [Authorize(Policy = Policies.CityStaff), Tags("Workshops")]
    public static (UpdatedAggregate, Events) Post(ExtendPhase command, [WriteAggregate] Workshop workshop, Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(workshop, command.Minutes, actor, now)]);
}
