using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Workshops.Opening;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Workshops.Closing;

public sealed record CloseWorkshop([property: ExpectedVersion] int Version)
{
    public static CloseWorkshop Example => new(9);
}

public static class CloseWorkshopEndpoint
{
    public static ProblemDetails Validate(Workshop? workshop, Guid workshopId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : !workshop.IsLive ? Problems.RuleViolated("Only an open workshop can be closed.")
        : WolverineContinue.NoProblems;

    /// <summary>The decision: closing ends the running phase; the join code is released.</summary>
    public static IEnumerable<object> Decide(Workshop workshop, Actor actor, DateTimeOffset now)
    {
        if (workshop.Running is { } running) yield return new PhaseEnded(workshop.Id, running.PhaseId, actor.Id, actor.Role, now);
        yield return new WorkshopClosed(workshop.Id, actor.Id, actor.Role, now);
    }

    /// <summary>Close the workshop: no more joins, contributions or ballots.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/close", OperationId = "CloseWorkshop")]
    [Authorize(Policy = Policies.CityStaff), Tags("Workshops")]
    public static (UpdatedAggregate, Events, IMartenOp) Post(CloseWorkshop command, [WriteAggregate] Workshop workshop, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), new Events(Decide(workshop, actor, now)), MartenOps.Delete<OpenJoinCode>(workshop.JoinCode!));
}
