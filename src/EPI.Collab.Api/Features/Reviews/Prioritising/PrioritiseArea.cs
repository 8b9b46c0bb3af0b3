using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Reviews.Prioritising;

/// <param name="DecisionId">The decision recorded in one of the city's workshops that chose this area.</param>
public sealed record PrioritiseArea([property: ExpectedVersion] int Version, [property: StringLength(PolicyAreas.MaxCodeLength, MinimumLength = 1)] string PolicyAreaCode, [property: Text(1, ReviewRules.MaxTextLength)] LocalizedText Rationale, Guid DecisionId)
{
    public static PrioritiseArea Example => new(9, "BUS", new("en", "Lowest score and few actions; round table 1 chose it."),
        new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b70"));

    public Validation Check() => new Validation()
        .RequireAreaCode(PolicyAreaCode, "policyAreaCode")
        .RequireText(Rationale, "rationale", 1, ReviewRules.MaxTextLength);
}

public static class PrioritiseAreaEndpoint
{
    /// <summary>
    /// Priorities may be set at any stage (co-design often follows publication). The decision is loaded through the
    /// city's session: one of another city is not found.
    /// </summary>
    public static ProblemDetails Validate(PrioritiseArea command, Review? review,
        [Entity(nameof(PrioritiseArea.DecisionId), Required = false)] DecisionRecord? decision, Guid reviewId) =>
        review is null ? ReviewRules.NotFound(reviewId)
        : command.Check().Require(decision is not null, "decisionId", "No decision with this id in this city.")
            is { IsValid: false } invalid ? invalid.ToProblem()
        : review.PrioritisedAreaCodes.Contains(command.PolicyAreaCode)
            ? Problems.RuleViolated($"{command.PolicyAreaCode} is already a prioritised area of this review.")
        : WolverineContinue.NoProblems;

    public static PriorityAreaSelected Decide(PrioritiseArea command, Review review, Actor actor, DateTimeOffset now) =>
        new(review.Id, review.CityId, command.PolicyAreaCode, command.Rationale.Trimmed(), command.DecisionId, actor.Id, actor.Role, now);

    /// <summary>Record an area the city prioritised, linked to the decision that chose it (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/reviews/{reviewId}/priorities", OperationId = "PrioritiseArea")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Intercultural Review")]
    public static (UpdatedAggregate, Events) Post(PrioritiseArea command, [WriteAggregate] Review review, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(command, review, actor, now)]);
}
