using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Reviews.EvaluatingActions;

/// <param name="Interculturality">1–5: does the action foster interaction, not only provision?</param>
/// <param name="GapNotes">What the action leaves uncovered.</param>
public sealed record EvaluateExistingAction(
    [property: ExpectedVersion] int Version, [property: Range(1, 5)] int Relevance, [property: Range(1, 5)] int Effectiveness, [property: Range(1, 5)] int Sustainability, [property: Range(1, 5)] int Interculturality, [property: StringLength(EvaluateExistingAction.MaxNotesLength)] string? GapNotes = null)
{
    public static EvaluateExistingAction Example => new(5, 5, 3, 4, 2, "Information only in Polish and English; no peer contact.");

    public const int MaxNotesLength = 4000;

    public Validation Check() => new Validation()
        .Require(Relevance is >= 1 and <= 5, "relevance", "Between 1 and 5.")
        .Require(Effectiveness is >= 1 and <= 5, "effectiveness", "Between 1 and 5.")
        .Require(Sustainability is >= 1 and <= 5, "sustainability", "Between 1 and 5.")
        .Require(Interculturality is >= 1 and <= 5, "interculturality", "Between 1 and 5.")
        .RequireLength(GapNotes, "gapNotes", 0, MaxNotesLength);
}

public static class EvaluateExistingActionEndpoint
{
    public static ProblemDetails Validate(EvaluateExistingAction command, Review? review, Guid reviewId, Guid actionId) =>
        review?.ActionIds.Contains(actionId) == false ? Problems.NotFound($"This review has no mapped action {actionId}.")
        : ReviewRules.ValidateEdit(review, reviewId, command.Check());

    public static ExistingActionEvaluated Decide(EvaluateExistingAction c, Review review, Guid actionId, Actor actor, DateTimeOffset now) =>
        new(review.Id, review.CityId, actionId,
            new ActionEvaluation(c.Relevance, c.Effectiveness, c.Sustainability, c.Interculturality, c.GapNotes?.Trim() is { Length: > 0 } n ? n : null),
            actor.Id, actor.Role, now);

    /// <summary>Evaluate (or re-evaluate) a mapped action on four criteria, 1–5 (staff, before validation).</summary>
    [WolverinePost("/api/cities/{cityId}/reviews/{reviewId}/actions/{actionId}/evaluation", OperationId = "EvaluateExistingAction")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Intercultural Review")]
    public static (UpdatedAggregate, Events) Post(EvaluateExistingAction command, [WriteAggregate] Review review, Guid actionId,
        Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(command, review, actionId, actor, now)]);
}
