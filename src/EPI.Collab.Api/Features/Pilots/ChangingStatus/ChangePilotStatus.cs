using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Pilots.ChangingStatus;

/// <param name="Version">The pilot version the coordinator saw (optimistic concurrency).</param>
/// <param name="To">RUNNING, PAUSED, COMPLETED or DISCONTINUED.</param>
/// <param name="On">The day it happened.</param>
public sealed record ChangePilotStatus([property: ExpectedVersion] int Version, PilotStatus To, DateOnly On, [property: StringLength(500)] string? Reason = null)
{
    public static ChangePilotStatus Example => new(2, PilotStatus.Running, new DateOnly(2021, 3, 8));

    public Validation Check() => new Validation()
        .Require(To is PilotStatus.Running or PilotStatus.Paused or PilotStatus.Completed or PilotStatus.Discontinued, "to",
            "RUNNING, PAUSED, COMPLETED or DISCONTINUED.");
}

public static class ChangePilotStatusEndpoint
{
    public static ProblemDetails Validate(ChangePilotStatus command, Pilot? pilot, Guid pilotId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : pilot is null ? PilotProblems.NotFound(pilotId)
        : !Pilot.CanMove(pilot.Status, command.To) ? Problems.RuleViolated($"A pilot cannot go from {pilot.Status} to {command.To}.")
        : pilot.LaunchDate > command.On ? Problems.RuleViolated("Not before the launch date.")
        : WolverineContinue.NoProblems;

    public static PilotStatusChanged Decide(Pilot pilot, ChangePilotStatus command, Actor actor, DateTimeOffset now) =>
        new(pilot.Id, pilot.CityId, pilot.Status, command.To, command.On, command.Reason?.Trim(), actor.Id, actor.Role, now);

    /// <summary>Run, pause, resume, complete or discontinue a launched pilot (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/pilots/{pilotId}/status", OperationId = "ChangePilotStatus")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Pilots")]
    public static (UpdatedAggregate, Events) Post(ChangePilotStatus command, [WriteAggregate] Pilot pilot, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(pilot, command, actor, now)]);
}
