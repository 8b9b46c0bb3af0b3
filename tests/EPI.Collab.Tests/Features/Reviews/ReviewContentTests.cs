using System.Net;
using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.Comparing;
using EPI.Collab.Api.Features.Reviews.EvaluatingActions;
using EPI.Collab.Api.Features.Reviews.GettingGaps;
using EPI.Collab.Api.Features.Reviews.MappingActions;
using EPI.Collab.Api.Features.Reviews.Prioritising;
using EPI.Collab.Api.Features.Reviews.ScoringAreas;
using EPI.Collab.Tests.Features.Organisations;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Reviews;

public class ReviewContentTests(AppFixture app) : IntegrationTest(app)
{
    private static MapExistingAction Action(int version, Guid owner, params string[] codes) =>
        MapExistingAction.Example with { Version = version, OwnerOrganisationId = owner, PolicyAreaCodes = codes };

    private static async Task<(LiveReview, Guid)> Map(LiveReview review, MapExistingAction command)
    {
        var mapped = await (await review.Post("/actions", command with { Version = review.Version })).Read<ExistingActionMappedResponse>();
        return (review with { Version = mapped.Version }, mapped.ActionId);
    }

    [Fact]
    public async Task scores_and_evaluated_actions_make_the_gap_view_lowest_score_first()
    {
        var review = await App.StartedReview();
        var owner = await review.Staff.RegisterOrganisationOk();
        review = await review.Do("/area-scores", v => RecordAreaScore.Example with { Version = v, PolicyAreaCode = "EDU", Score = 70 });
        review = await review.Do("/area-scores", v => RecordAreaScore.Example with { Version = v, PolicyAreaCode = "BUS", Score = 38 });
        (review, var desk) = await Map(review, Action(0, owner, "BUS", "WELC"));
        (review, var mentoring) = await Map(review, Action(0, owner, "BUS"));
        review = await review.Do($"/actions/{desk}/evaluation", v => new EvaluateExistingAction(v, 5, 3, 4, 2, "Only in Romanian."));
        review = await review.Do($"/actions/{mentoring}/evaluation", v => new EvaluateExistingAction(v, 4, 4, 4, 4));

        var gaps = await (await review.Staff.GetAsync($"{review.Url}/gaps")).Read<ReviewGaps>();

        gaps.Areas.Take(2).ShouldBe([new AreaGap("BUS", "Business and labour market", 38, 2, 3.75m), new AreaGap("EDU", "Education", 70, 0, null)]);
        gaps.Areas.Single(a => a.PolicyAreaCode == "WELC").MappedActions.ShouldBe(1);
        var details = await review.Details();
        details.Actions.Single(a => a.ActionId == desk).ShouldSatisfyAllConditions(a => a.Evaluation!.GapNotes.ShouldBe("Only in Romanian."),
            a => a.OwnerOrganisationId.ShouldBe(owner), a => a.TargetGroups.ShouldBe([TargetGroup.TcnNewcomers, TargetGroup.Students]));
        (await review.Staff.GetStringAsync(review.Url)).ShouldContain("\"targetGroups\":[\"TCN_NEWCOMERS\",\"STUDENTS\"]");
    }

    [Fact]
    public async Task an_action_needs_an_owner_organisation_of_this_city()
    {
        var review = await App.StartedReview();
        var rigaOrganisation = await (await App.ClientFor("coordinator.riga")).RegisterOrganisationOk("riga");

        var response = await review.Post("/actions", Action(1, rigaOrganisation, "WELC"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"ownerOrganisationId\"");
        (await review.Details()).Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task evaluating_an_action_the_review_does_not_have_is_a_404()
    {
        var review = await App.StartedReview();

        (await review.Post($"/actions/{Guid.CreateVersion7()}/evaluation", new EvaluateExistingAction(1, 3, 3, 3, 3)))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task comparisons_are_recorded_per_group_and_band()
    {
        var review = await App.StartedReview();
        review = await review.Do("/comparisons", v => new RecordComparison(v, ComparisonGroup.All, null, null, 93, "ICC 2017", 17, 58));
        review = await review.Do("/comparisons", v => new RecordComparison(v, ComparisonGroup.ForeignBornBand, 15, null, 30, "ICC 2017", null, 61));

        (await review.Post("/comparisons", new RecordComparison(review.Version, ComparisonGroup.PopBand, null, null, 41, "ICC 2017", null, 60)))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await review.Details()).Comparisons.Select(c => c.Group).ShouldBe([ComparisonGroup.All, ComparisonGroup.ForeignBornBand]);
    }

    [Fact]
    public async Task a_prioritised_area_is_linked_to_a_decision_recorded_in_the_city()
    {
        var decisionId = await App.RecordedDecision();
        var review = await App.StartedReview();
        var rationale = new LocalizedText("en", "Lowest score; the round table chose it.");

        (await review.Post("/priorities", new PrioritiseArea(1, "BUS", rationale, Guid.CreateVersion7()))).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
        review = await review.Do("/priorities", v => new PrioritiseArea(v, "BUS", rationale, decisionId));
        (await review.Post("/priorities", new PrioritiseArea(review.Version, "BUS", rationale, decisionId))).StatusCode
            .ShouldBe(HttpStatusCode.UnprocessableEntity);

        var prioritised = (await review.Details()).PrioritisedAreas.Single();
        prioritised.ShouldSatisfyAllConditions(p => p.PolicyAreaCode.ShouldBe("BUS"), p => p.DecisionId.ShouldBe(decisionId),
            p => p.Rationale.ShouldBe(rationale));
    }

    [Fact]
    public async Task a_decision_of_another_city_cannot_be_linked()
    {
        var clujDecision = await App.RecordedDecision();
        var review = await App.StartedReview("coordinator.riga", "riga");

        var response = await review.Post("/priorities", new PrioritiseArea(1, "LANG", new LocalizedText("lv", "Valoda"), clujDecision));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"decisionId\"");
    }
}
