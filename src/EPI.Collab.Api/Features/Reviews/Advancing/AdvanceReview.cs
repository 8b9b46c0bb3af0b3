using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Reviews.Advancing;

/// <param name="Version">The review version the editor saw (optimistic concurrency).</param>
/// <param name="Status">The next status: DRAFT → DATA_COLLECTION → ANALYSIS → VALIDATED → PUBLISHED.</param>
public sealed record AdvanceReview([property: ExpectedVersion] int Version, ReviewStatus Status)
{
    public static AdvanceReview Example => new(3, ReviewStatus.DataCollection);
}

public static class AdvanceReviewEndpoint
{
    public static ProblemDetails Validate(AdvanceReview command, Review? review, Guid reviewId) =>
        review is null ? ReviewRules.NotFound(reviewId)
        : !Enum.IsDefined(command.Status) ? new Validation().Add("status", "Unknown review status.").ToProblem()
        : Refusal(review.Status, command.Status) is { } refusal ? Problems.RuleViolated(refusal)
        : WolverineContinue.NoProblems;

    /// <summary>Only forward, one step at a time. Null means the step is allowed.</summary>
    public static string? Refusal(ReviewStatus from, ReviewStatus to) =>
        to == from + 1 ? null
        : from == ReviewStatus.Published ? "This review is published; its lifecycle has ended."
        : $"A {Name(from)} review moves on to {Name(from + 1)} only, not to {Name(to)}.";

    private static string Name(ReviewStatus status) => status.ToString().ToLowerInvariant();

    public static ReviewAdvanced Decide(Review review, ReviewStatus to, Actor actor, DateTimeOffset now) =>
        new(review.Id, review.CityId, to, actor.Id, actor.Role, now);

    /// <summary>Move the review to its next status (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/reviews/{reviewId}/advance", OperationId = "AdvanceReview")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Intercultural Review")]
    public static (UpdatedAggregate, Events) Post(AdvanceReview command, [WriteAggregate] Review review, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(review, command.Status, actor, now)]);
}
