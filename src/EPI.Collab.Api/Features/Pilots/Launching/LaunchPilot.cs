using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Pilots.Launching;

/// <param name="Version">The pilot version the coordinator saw (optimistic concurrency).</param>
public sealed record LaunchPilot([property: ExpectedVersion] int Version, DateOnly LaunchDate)
{
    public static LaunchPilot Example => new(1, new DateOnly(2021, 3, 1));
}

public static class LaunchPilotEndpoint
{
    public static ProblemDetails Validate(Pilot? pilot, Guid pilotId) =>
        pilot is null ? PilotProblems.NotFound(pilotId)
        : pilot.Status != PilotStatus.Planned ? Problems.RuleViolated($"Only a planned pilot is launched; this one is {pilot.Status}.")
        : WolverineContinue.NoProblems;

    public static PilotLaunched Decide(Pilot pilot, DateOnly launchDate, Actor actor, DateTimeOffset now) =>
        new(pilot.Id, pilot.CityId, launchDate, actor.Id, actor.Role, now);

    /// <summary>Launch a planned pilot; its months running count from the launch date.</summary>
    [WolverinePost("/api/cities/{cityId}/pilots/{pilotId}/launch", OperationId = "LaunchPilot")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Pilots")]
    public static (UpdatedAggregate, Events) Post(LaunchPilot command, [WriteAggregate] Pilot pilot, Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(pilot, command.LaunchDate, actor, now)]);
}
