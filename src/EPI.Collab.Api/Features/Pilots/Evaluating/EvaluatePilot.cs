using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Pilots.Evaluating;

/// <param name="Version">The pilot version the evaluator saw (optimistic concurrency).</param>
public sealed record EvaluatePilot([property: ExpectedVersion] int Version, EvaluatorType EvaluatorType, [property: Text(1, RevisionRules.MaxText), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> Findings, Recommendation Recommendation)
{
    public static EvaluatePilot Example => new(5, EvaluatorType.NationalExpert,
        [new("en", "Well used by newcomers; referral to employers needs a named contact.")], Recommendation.Adapt);

    public Validation Check() => new Validation()
        .Require(Enum.IsDefined(EvaluatorType), "evaluatorType", "NATIONAL_EXPERT, INTERNATIONAL_EXPERT, TECHNICAL_PARTNER or SELF.")
        .RequireTexts(Findings, "findings")
        .Require(Enum.IsDefined(Recommendation), "recommendation", "SCALE_UP, ADAPT or STOP.");
}

public static class EvaluatePilotEndpoint
{
    public static ProblemDetails Validate(EvaluatePilot command, Pilot? pilot, Guid pilotId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : pilot is null ? PilotProblems.NotFound(pilotId)
        : !pilot.Ended ? Problems.RuleViolated($"A pilot is evaluated once completed or discontinued; it is {pilot.Status}.")
        : WolverineContinue.NoProblems;

    public static PilotEvaluated Decide(Pilot pilot, EvaluatePilot c, Actor actor, DateTimeOffset now) =>
        new(pilot.Id, pilot.CityId, c.EvaluatorType, [.. c.Findings.Select(f => f.Trimmed())], c.Recommendation, actor.Id, actor.Role, now);

    /// <summary>Record an evaluation of an ended pilot (several evaluators may each add one).</summary>
    [WolverinePost("/api/cities/{cityId}/pilots/{pilotId}/evaluations", OperationId = "EvaluatePilot")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Pilots")]
    public static (UpdatedAggregate, Events) Post(EvaluatePilot command, [WriteAggregate] Pilot pilot, Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(pilot, command, actor, now)]);
}
