using System.Security.Claims;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Reviews.GettingDetails;

public static class GetReviewEndpoint
{
    public static ProblemDetails Validate(ReviewDetails? review, Guid reviewId, string cityId, ClaimsPrincipal user) =>
        ReviewRules.NotReadable(review?.Status, reviewId, cityId, user) ?? WolverineContinue.NoProblems;

    /// <summary>The city's review: scores, comparisons, mapped actions, priorities (city readers; observers once published).</summary>
    [WolverineGet("/api/cities/{cityId}/reviews/{reviewId}", OperationId = "GetReview")]
    [Authorize(Policy = Policies.CityPublishedReader), Tags("Intercultural Review")]
    public static ReviewDetails Get([Entity("reviewId", Required = false)] ReviewDetails review) => review;
}

public static class ListReviewsEndpoint
{
    /// <summary>The city's review as a list of zero or one; observers see it only once it is published.</summary>
    [WolverineGet("/api/cities/{cityId}/reviews", OperationId = "ListReviews")]
    [Authorize(Policy = Policies.CityPublishedReader), Tags("Intercultural Review")]
    public static Task<IReadOnlyList<ReviewDetails>> Get(string cityId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        IQueryable<ReviewDetails> reviews = session.Query<ReviewDetails>();
        if (!CityAccess.Allows(user, cityId, CityAccessLevel.Read)) reviews = reviews.Where(r => r.Status == ReviewStatus.Published);
        return reviews.OrderBy(r => r.StartedAt).ToListAsync(ct);
    }
}
