using System.Security.Claims;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Reviews;

/// <summary>Rejections and checks that several review slices share, worded once. Null means "no objection".</summary>
public static class ReviewRules
{
    public const int MaxTextLength = 4000;
    public const int MaxTexts = 20;

    public static ProblemDetails NotFound(Guid reviewId) => Problems.NotFound($"There is no review {reviewId} in this city.");

    /// <summary>Scores, comparisons and mapped actions change only while the review is before validation.</summary>
    public static ProblemDetails? NotEditable(Review? review, Guid reviewId) =>
        review is null ? NotFound(reviewId)
        : review.IsEditable ? null
        : Problems.RuleViolated($"This review is {review.Status.ToString().ToLowerInvariant()}; its content no longer changes.");

    /// <summary>The order every content edit checks in: the review exists (404), the body is valid (400), it is still editable (422).</summary>
    public static ProblemDetails ValidateEdit(Review? review, Guid reviewId, Validation body) =>
        review is null ? NotFound(reviewId)
        : body is { IsValid: false } ? body.ToProblem()
        : NotEditable(review, reviewId) ?? WolverineContinue.NoProblems;

    /// <summary>City readers see a review at every stage; observers only once it is published (403 before).</summary>
    public static ProblemDetails? NotReadable(ReviewStatus? status, Guid reviewId, string cityId, ClaimsPrincipal user) =>
        status is null ? NotFound(reviewId)
        : status == ReviewStatus.Published || CityAccess.Allows(user, cityId, CityAccessLevel.Read) ? null
        : Problems.Forbidden("Observers read a review once it is published.");

    public static Validation RequireAreaCode(this Validation v, string? code, string field) =>
        v.Require(code is not null && PolicyAreas.Exists(code), field, "Unknown ICC policy area code (see GET /api/policy-areas).");

    /// <summary>One or more texts (at most <see cref="MaxTexts"/>), each in an accepted language.</summary>
    public static Validation RequireTexts(this Validation v, IReadOnlyList<LocalizedText>? texts, string field, int min)
    {
        v.Require((texts?.Count ?? 0) >= min && (texts?.Count ?? 0) <= MaxTexts, field, $"Between {min} and {MaxTexts} texts.");
        foreach (var (text, i) in (texts ?? []).Select((t, i) => (t, i))) v.RequireText(text, $"{field}[{i}]", 1, MaxTextLength);
        return v;
    }
}
