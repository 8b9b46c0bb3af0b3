using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Workshops.StartingPhases;

/// <param name="Minutes">Planned length; defaults to the agenda's planned minutes.</param>
public sealed record StartPhase([property: ExpectedVersion] int Version, [property: Range(1, 240)] int? Minutes = null)
{
    public static StartPhase Example => new(2, 12);
}

public static class StartPhaseEndpoint
{
    public static ProblemDetails Validate(StartPhase command, Workshop? workshop, Guid workshopId, Guid phaseId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : !workshop.IsLive ? Problems.RuleViolated("Phases run only while the workshop is open.")
        : workshop.Phase(phaseId) is null ? Problems.NotFound($"Phase {phaseId} is not on this workshop's agenda.")
        : workshop.Running?.PhaseId == phaseId ? Problems.RuleViolated("This phase is already running.")
        : command.Minutes is < 1 or > 240 ? new Validation().Add("minutes", "Between 1 and 240.").ToProblem()
        : WolverineContinue.NoProblems;

    /// <summary>The decision: a running phase ends before the next one starts.</summary>
    public static IEnumerable<object> Decide(Workshop workshop, Guid phaseId, int minutes, Actor actor, DateTimeOffset now)
    {
        if (workshop.Running is { } running) yield return new PhaseEnded(workshop.Id, running.PhaseId, actor.Id, actor.Role, now);
        yield return new PhaseStarted(workshop.Id, phaseId, now.AddMinutes(minutes), actor.Id, actor.Role, now);
    }

    /// <summary>Start a phase of the agenda (ends the running one).</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/phases/{phaseId}/start", OperationId = "StartPhase")]
    [Authorize(Policy = Policies.CityStaff), Tags("Workshops")]
    public static (UpdatedAggregate, Events) Post(StartPhase command, [WriteAggregate] Workshop workshop, Guid phaseId,
        Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), new Events(Decide(workshop, phaseId, command.Minutes ?? workshop.Phase(phaseId)!.PlannedMinutes, actor, now)));
}
