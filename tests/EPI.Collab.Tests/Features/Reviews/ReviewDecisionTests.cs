using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.Advancing;
using EPI.Collab.Api.Features.Reviews.Comparing;
using EPI.Collab.Api.Features.Reviews.EvaluatingActions;
using EPI.Collab.Api.Features.Reviews.MappingActions;
using EPI.Collab.Api.Features.Reviews.Prioritising;
using EPI.Collab.Api.Features.Reviews.ScoringAreas;
using EPI.Collab.Api.Features.Reviews.Starting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Tests.Features.Reviews;

[Trait(Lane.Name, Lane.Unit)]
public class ReviewDecisionTests
{
    private static readonly Actor Coordinator = new(Guid.CreateVersion7(), Roles.Coordinator);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);


    private static Review Started(string cityId = "cluj-napoca") =>
        Review.Create(StartReviewEndpoint.Decide(ReviewScenarios.Icc2019, cityId, Coordinator, Now));

    [Fact]
    public void a_city_has_one_review_stream_id_and_cities_have_different_ones()
    {
        Started().Id.ShouldBe(ReviewStream.Id("cluj-napoca"));
        ReviewStream.Id("cluj-napoca").ShouldBe(ReviewStream.Id("cluj-napoca"));
        ReviewStream.Id("cluj-napoca").ShouldNotBe(ReviewStream.Id("riga"));
        Started().Status.ShouldBe(ReviewStatus.Draft);
    }

    [Theory]
    [InlineData(ReviewStatus.Draft, ReviewStatus.DataCollection, true)]
    [InlineData(ReviewStatus.DataCollection, ReviewStatus.Analysis, true)]
    [InlineData(ReviewStatus.Analysis, ReviewStatus.Validated, true)]
    [InlineData(ReviewStatus.Validated, ReviewStatus.Published, true)]
    [InlineData(ReviewStatus.Draft, ReviewStatus.Analysis, false)]
    [InlineData(ReviewStatus.Draft, ReviewStatus.Draft, false)]
    [InlineData(ReviewStatus.Analysis, ReviewStatus.DataCollection, false)]
    [InlineData(ReviewStatus.Published, ReviewStatus.Draft, false)]
    [InlineData(ReviewStatus.Published, ReviewStatus.Published, false)]
    public void the_status_moves_only_forward_one_step_at_a_time(ReviewStatus from, ReviewStatus to, bool allowed) =>
        (AdvanceReviewEndpoint.Refusal(from, to) is null).ShouldBe(allowed);

    [Fact]
    public void content_is_editable_until_validation()
    {
        var review = Started();
        review.IsEditable.ShouldBeTrue();
        review = review.Apply(AdvanceReviewEndpoint.Decide(review, ReviewStatus.DataCollection, Coordinator, Now));
        review = review.Apply(AdvanceReviewEndpoint.Decide(review, ReviewStatus.Analysis, Coordinator, Now));
        review.IsEditable.ShouldBeTrue();
        review.Apply(AdvanceReviewEndpoint.Decide(review, ReviewStatus.Validated, Coordinator, Now)).IsEditable.ShouldBeFalse();
        ReviewRules.NotEditable(review with { Status = ReviewStatus.Published }, review.Id)!.Status.ShouldBe(422);
    }

    [Fact]
    public void a_review_needs_a_methodology_an_index_version_and_an_ordered_period()
    {
        ValidationFields.Fields(ReviewScenarios.Icc2019.Check()).ShouldBeEmpty();
        ValidationFields.Fields(new StartReview(" ", "", new DateOnly(2020, 7, 1), new DateOnly(2020, 2, 1)).Check())
            .ShouldBe(["methodology", "indexVersion", "periodTo"], ignoreOrder: true);
    }

    [Fact]
    public void an_area_score_is_0_to_100_for_a_known_area_with_a_narrative()
    {
        ValidationFields.Fields(RecordAreaScore.Example.Check()).ShouldBeEmpty();
        ValidationFields.Fields(new RecordAreaScore(1, "XYZ", 101, [], [new("tlh", "Qapla'")]).Check())
            .ShouldBe(["policyAreaCode", "score", "narrative", "recommendations[0].lang"], ignoreOrder: true);
        ValidationFields.Fields((RecordAreaScore.Example with { Score = -1 }).Check()).ShouldBe(["score"]);
    }

    [Theory]
    [InlineData(ComparisonGroup.All, null, null, 93, 17, 50, true)]
    [InlineData(ComparisonGroup.All, 0, null, 93, null, 50, false)]
    [InlineData(ComparisonGroup.PopBand, 200000, null, 41, 12, 62, true)]
    [InlineData(ComparisonGroup.PopBand, null, null, 41, null, 62, false)]
    [InlineData(ComparisonGroup.ForeignBornBand, 15, 10, 30, null, 55, false)]
    [InlineData(ComparisonGroup.ForeignBornBand, 15, 120, 30, null, 55, false)]
    [InlineData(ComparisonGroup.All, null, null, 10, 11, 50, false)]
    [InlineData(ComparisonGroup.All, null, null, 10, null, 101, false)]
    public void a_comparison_names_its_band_sample_and_mean(ComparisonGroup group, int? min, int? max, int size, int? rank, int mean, bool valid) =>
        new RecordComparison(1, group, min, max, size, "ICC 2017", rank, mean).Check().IsValid.ShouldBe(valid);

    [Fact]
    public void a_mapped_action_needs_a_title_known_areas_sensible_years_and_an_end_year_once_ended()
    {
        ValidationFields.Fields(MapExistingAction.Example.Check()).ShouldBeEmpty();
        ValidationFields.Fields((MapExistingAction.Example with
        {
            Title = [], PolicyAreaCodes = ["WELC", "NOPE"], StartYear = 2020, EndYear = 2019, AnnualBudget = -1, Reach = -5,
            TargetGroups = [(TargetGroup)42]
        }).Check()).ShouldBe(["title", "policyAreaCodes[1]", "endYear", "annualBudget", "reach", "targetGroups"], ignoreOrder: true);
        ValidationFields.Fields((MapExistingAction.Example with { Status = ActionStatus.Ended, EndYear = null }).Check()).ShouldBe(["endYear"]);
    }

    [Fact]
    public void an_evaluation_scores_four_criteria_from_1_to_5()
    {
        ValidationFields.Fields(EvaluateExistingAction.Example.Check()).ShouldBeEmpty();
        ValidationFields.Fields(new EvaluateExistingAction(1, 0, 6, 3, 3).Check()).ShouldBe(["relevance", "effectiveness"], ignoreOrder: true);
        new ActionEvaluation(5, 3, 4, 2, null).Mean.ShouldBe(3.5m);
    }

    [Fact]
    public void mapping_and_prioritising_are_remembered_by_the_write_model()
    {
        var review = Started();
        var actionId = Guid.CreateVersion7();
        review = review.Apply(MapExistingActionEndpoint.Decide(MapExistingAction.Example, review, actionId, Coordinator, Now));
        var decisionId = Guid.CreateVersion7();
        var selected = PrioritiseAreaEndpoint.Decide(new PrioritiseArea(2, "BUS", new LocalizedText("en", " Jobs first "), decisionId), review,
            Coordinator, Now);

        selected.ShouldSatisfyAllConditions(e => e.DecisionId.ShouldBe(decisionId), e => e.Rationale.Text.ShouldBe("Jobs first"),
            e => e.CityId.ShouldBe("cluj-napoca"));
        review.Apply(selected).ShouldSatisfyAllConditions(r => r.ActionIds.ShouldBe([actionId]), r => r.PrioritisedAreaCodes.ShouldBe(["BUS"]));
        ValidationFields.Fields(new PrioritiseArea(2, "JOBS", new LocalizedText("en", ""), decisionId).Check())
            .ShouldBe(["policyAreaCode", "rationale.text"], ignoreOrder: true);
    }
}
