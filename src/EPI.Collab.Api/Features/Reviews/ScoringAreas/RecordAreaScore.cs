using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Reviews.ScoringAreas;

/// <param name="PolicyAreaCode">An ICC area code (see <c>GET /api/policy-areas</c>).</param>
/// <param name="Score">0–100, as the index report gives it.</param>
public sealed record RecordAreaScore(
    [property: ExpectedVersion] int Version, [property: StringLength(PolicyAreas.MaxCodeLength, MinimumLength = 1)] string PolicyAreaCode, [property: Range(0, 100)] int Score, [property: Text(1, ReviewRules.MaxTextLength), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> Narrative, [property: Text(1, ReviewRules.MaxTextLength), Length(0, Languages.MaxVersions)] IReadOnlyList<LocalizedText>? Recommendations = null)
{
    public static RecordAreaScore Example => new(2, "BUS", 38,
        [new("en", "Few employers take part in diversity initiatives; the job centre has no intercultural strategy.")],
        [new("en", "Build an employer network with the job centre."), new("en", "Mentoring for newcomers with local firms.")]);

    public Validation Check() => new Validation()
        .RequireAreaCode(PolicyAreaCode, "policyAreaCode")
        .Require(Score is >= 0 and <= 100, "score", "Between 0 and 100.")
        .RequireTexts(Narrative, "narrative", 1)
        .RequireTexts(Recommendations, "recommendations", 0);
}

public static class RecordAreaScoreEndpoint
{
    public static ProblemDetails Validate(RecordAreaScore command, Review? review, Guid reviewId) =>
        ReviewRules.ValidateEdit(review, reviewId, command.Check());

    public static AreaScoreRecorded Decide(RecordAreaScore command, Review review, Actor actor, DateTimeOffset now) =>
        new(review.Id, review.CityId, command.PolicyAreaCode, command.Score, command.Narrative.Select(t => t.Trimmed()).ToList(),
            (command.Recommendations ?? []).Select(t => t.Trimmed()).ToList(), actor.Id, actor.Role, now);

    /// <summary>Record (or replace) the score of one ICC area with its narrative and recommendations (staff, before validation).</summary>
    [WolverinePost("/api/cities/{cityId}/reviews/{reviewId}/area-scores", OperationId = "RecordAreaScore")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Intercultural Review")]
    public static (UpdatedAggregate, Events) Post(RecordAreaScore command, [WriteAggregate] Review review, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(command, review, actor, now)]);
}
