using System.Security.Claims;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.Comparing;
using EPI.Collab.Api.Features.Reviews.EvaluatingActions;
using EPI.Collab.Api.Features.Reviews.ScoringAreas;
using EPI.Collab.Api.Features.Reviews.Starting;
using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Features.Reviews;

[Trait(Lane.Name, Lane.Unit)]
public class ReviewContentDecisionTests
{
    private static readonly Actor Facilitator = new(Guid.CreateVersion7(), Roles.Facilitator);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Review Review = Api.Features.Reviews.Review.Create(
        StartReviewEndpoint.Decide(ReviewScenarios.Icc2019, "ravenna", Facilitator, Now));

    private static ClaimsPrincipal User(string role, string? city = null) => new(new ClaimsIdentity(
        city is null ? [new Claim(EpiClaims.Role, role)] : [new Claim(EpiClaims.Role, role), new Claim(EpiClaims.City, city)],
        "test", EpiClaims.Name, EpiClaims.Role));

    [Fact]
    public void a_score_keeps_its_area_and_trimmed_texts_and_names_who_recorded_it()
    {
        var recorded = RecordAreaScoreEndpoint.Decide(
            new RecordAreaScore(1, "NEIGH", 44, [new LocalizedText("it", "  Quartieri misti  ")]), Review, Facilitator, Now);

        recorded.ShouldSatisfyAllConditions(e => e.ReviewId.ShouldBe(Review.Id), e => e.CityId.ShouldBe("ravenna"),
            e => e.PolicyAreaCode.ShouldBe("NEIGH"), e => e.Score.ShouldBe(44), e => e.Narrative.Single().Text.ShouldBe("Quartieri misti"),
            e => e.Recommendations.ShouldBeEmpty(), e => e.ByRole.ShouldBe(Roles.Facilitator), e => e.At.ShouldBe(Now));
    }

    [Fact]
    public void a_comparison_and_an_evaluation_carry_their_values()
    {
        var compared = RecordComparisonEndpoint.Decide(
            new RecordComparison(1, ComparisonGroup.ForeignBornBand, 10, 15, 30, " ICC 2015 ", null, 57), Review, Facilitator, Now);
        var evaluated = EvaluateExistingActionEndpoint.Decide(new EvaluateExistingAction(1, 4, 3, 5, 2, "   "), Review, Guid.Empty, Facilitator, Now);

        compared.Comparison.ShouldBe(new Comparison(ComparisonGroup.ForeignBornBand, 10, 15, 30, "ICC 2015", null, 57));
        evaluated.Evaluation.ShouldBe(new ActionEvaluation(4, 3, 5, 2, null));
    }

    [Theory]
    [InlineData(Roles.Observer, null, ReviewStatus.Validated, 403)]
    [InlineData(Roles.Observer, null, ReviewStatus.Published, null)]
    [InlineData(Roles.Auditor, null, ReviewStatus.Draft, null)]
    [InlineData(Roles.Coordinator, "ravenna", ReviewStatus.Analysis, null)]
    public void observers_read_only_a_published_review(string role, string? city, ReviewStatus status, int? refusal) =>
        (ReviewRules.NotReadable(status, Review.Id, "ravenna", User(role, city))?.Status).ShouldBe(refusal);

    [Fact]
    public void a_missing_review_is_not_found_for_everyone() =>
        ReviewRules.NotReadable(null, Review.Id, "ravenna", User(Roles.Admin))!.Status.ShouldBe(404);
}
