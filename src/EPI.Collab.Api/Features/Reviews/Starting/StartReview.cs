using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Reviews.Starting;

/// <param name="Methodology">E.g. "ICC Index 2019".</param>
/// <param name="IndexVersion">The version of the index questionnaire used.</param>
public sealed record StartReview([property: StringLength(200, MinimumLength = 1)] string Methodology, [property: StringLength(50, MinimumLength = 1)] string IndexVersion, DateOnly? PeriodFrom = null, DateOnly? PeriodTo = null)
{
    public static StartReview Example => new("ICC Index 2019", "2019", new DateOnly(2020, 2, 1), new DateOnly(2020, 7, 31));

    public Validation Check() => new Validation()
        .RequireLength(Methodology, "methodology", 1, 200)
        .RequireLength(IndexVersion, "indexVersion", 1, 50)
        .Require(PeriodFrom is null || PeriodTo is null || PeriodTo >= PeriodFrom, "periodTo", "Must not be before periodFrom.");
}

public static class StartReviewEndpoint
{
    public static Task<CityProfile?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<CityProfile>(CityStream.Id(cityId), ct);

    public static ProblemDetails Validate(StartReview command, CityProfile? city, string cityId) =>
        city is null ? CityProblems.NotFound(cityId)
        : command.Check().ToProblem();

    /// <summary>The decision: the review starts in draft, under the city's one review stream id.</summary>
    public static ReviewStarted Decide(StartReview command, string cityId, Actor actor, DateTimeOffset now) =>
        new(ReviewStream.Id(cityId), cityId, command.Methodology.Trim(), command.IndexVersion.Trim(), command.PeriodFrom, command.PeriodTo,
            actor.Id, actor.Role, now);

    /// <summary>Start the city's Intercultural Review (coordinator); a city has one, so a second start is a 409.</summary>
    [WolverinePost("/api/cities/{cityId}/reviews", OperationId = "StartReview")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Intercultural Review")]
    public static (CreationResponse<Guid>, IStartStream) Post(StartReview command, string cityId, Actor actor, DateTimeOffset now)
    {
        var started = Decide(command, cityId, actor, now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/reviews/{started.ReviewId}", started.ReviewId),
            MartenOps.StartStream<Review>(started.ReviewId, started));
    }
}
