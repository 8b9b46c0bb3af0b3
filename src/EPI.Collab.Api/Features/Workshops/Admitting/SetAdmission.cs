using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Workshops.Admitting;

/// <param name="Mode">OPEN: anyone with the join code; FACILITATOR_ADMITS: each join waits for the console; SEAT_CODES: a printed code per seat.</param>
/// <param name="Cap">Optional: how many participants may be in the room at once (admitted and waiting); no value: no cap.</param>
public sealed record SetAdmission([property: ExpectedVersion] int Version, AdmissionMode Mode,
    [property: Range(1, SetAdmission.MaxCap)] int? Cap = null)
{
    public const int MaxCap = 10_000;

    public static SetAdmission Example => new(2, AdmissionMode.FacilitatorAdmits, 40);
}

public static class SetAdmissionEndpoint
{
    public static ProblemDetails Validate(SetAdmission command, Workshop? workshop, Guid workshopId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : !Enum.IsDefined(command.Mode) ? new Validation().Add("mode", "OPEN, FACILITATOR_ADMITS or SEAT_CODES.").ToProblem()
        : command.Cap is < 1 or > SetAdmission.MaxCap ? new Validation().Add("cap", $"Between 1 and {SetAdmission.MaxCap}.").ToProblem()
        : workshop.Status == WorkshopStatus.Closed ? Problems.RuleViolated("This workshop has closed.").WithCode("workshop-closed")
        : WolverineContinue.NoProblems;

    public static AdmissionChanged Decide(Workshop workshop, SetAdmission command, Actor actor, DateTimeOffset now) =>
        new(workshop.Id, command.Mode, command.Cap, actor.Id, actor.Role, now);

    /// <summary>Set how people enter the workshop (open, admitted by the facilitator, or by seat code) and the participant cap.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/admission", OperationId = "SetAdmission")]
    [Authorize(Policy = Policies.CityStaff), Tags("Admission")]
    public static (UpdatedAggregate, Events) Post(SetAdmission command, [WriteAggregate] Workshop workshop, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(workshop, command, actor, now)]);
}
