using System.Security.Claims;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Reviews.GettingGaps;

/// <param name="Score">Null when the review has no score for the area yet.</param>
/// <param name="MappedActions">How many mapped actions cover the area.</param>
/// <param name="MeanEvaluation">Mean of the evaluated covering actions' criteria (1–5); null when none is evaluated.</param>
public sealed record AreaGap(string PolicyAreaCode, string Label, int? Score, int MappedActions, decimal? MeanEvaluation);

/// <summary>
/// One city's areas by score (lowest first, unscored last) and by coverage of its existing actions: where the gaps are.
/// A learning baseline for this city, not a ranking of cities.
/// </summary>
public sealed record ReviewGaps(Guid ReviewId, string CityId, ReviewStatus Status, IReadOnlyList<AreaGap> Areas)
{
    public static ReviewGaps From(ReviewDetails review) => new(review.Id, review.CityId, review.Status, PolicyAreas.All
        .Select(area =>
        {
            var covering = review.Actions.Where(a => a.PolicyAreaCodes.Contains(area.Code)).ToList();
            var evaluated = covering.Where(a => a.Evaluation is not null).Select(a => a.Evaluation!.Mean).ToList();
            return new AreaGap(area.Code, area.Label, review.AreaScores.FirstOrDefault(s => s.PolicyAreaCode == area.Code)?.Score,
                covering.Count, evaluated.Count == 0 ? null : Math.Round(evaluated.Average(), 2));
        })
        .OrderBy(g => g.Score is null).ThenBy(g => g.Score).ToList());
}

public static class GetReviewGapsEndpoint
{
    public static ProblemDetails Validate(ReviewDetails? review, Guid reviewId, string cityId, ClaimsPrincipal user) =>
        ReviewRules.NotReadable(review?.Status, reviewId, cityId, user) ?? WolverineContinue.NoProblems;

    /// <summary>The gap view of the city's review (city readers; observers once published).</summary>
    [WolverineGet("/api/cities/{cityId}/reviews/{reviewId}/gaps", OperationId = "GetReviewGaps")]
    [Authorize(Policy = Policies.CityPublishedReader), Tags("Intercultural Review")]
    public static ReviewGaps Get([Entity("reviewId", Required = false)] ReviewDetails review) => ReviewGaps.From(review);
}
