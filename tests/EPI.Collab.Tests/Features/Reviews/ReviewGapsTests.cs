using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Reviews.GettingGaps;

namespace EPI.Collab.Tests.Features.Reviews;

[Trait(Lane.Name, Lane.Unit)]
public class ReviewGapsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.CreateVersion7();

    private static ReviewDetails Review() =>
        ReviewDetailsProjection.Create(new ReviewStarted(Guid.CreateVersion7(), "riga", "ICC Index 2019", "2019", null, null, Guid.Empty, "coordinator", Now));

    private static ReviewDetails Score(ReviewDetails r, string code, int score) =>
        ReviewDetailsProjection.Apply(new AreaScoreRecorded(r.Id, r.CityId, code, score, [new("en", "…")], [], Guid.Empty, "coordinator", Now), r);

    private static ReviewDetails Action(ReviewDetails r, Guid id, ActionEvaluation? evaluation, params string[] codes)
    {
        r = ReviewDetailsProjection.Apply(new ExistingActionMapped(r.Id, r.CityId, id, [new("en", "Action")], codes, Owner, 2019, null,
            ActionStatus.Ongoing, [TargetGroup.Refugees], null, null, Guid.Empty, "coordinator", Now), r);
        return evaluation is null ? r
            : ReviewDetailsProjection.Apply(new ExistingActionEvaluated(r.Id, r.CityId, id, evaluation, Guid.Empty, "coordinator", Now), r);
    }

    [Fact]
    public void areas_come_lowest_score_first_with_their_coverage_and_unscored_areas_last()
    {
        var review = Score(Score(Score(Review(), "LANG", 70), "BUS", 38), "BUS", 41);
        review = Action(review, Guid.CreateVersion7(), new ActionEvaluation(5, 3, 4, 2, null), "BUS", "WELC");
        review = Action(review, Guid.CreateVersion7(), new ActionEvaluation(4, 4, 4, 4, null), "BUS");
        review = Action(review, Guid.CreateVersion7(), null, "LANG");

        var gaps = ReviewGaps.From(review).Areas;

        gaps.Count.ShouldBe(PolicyAreas.All.Count);
        gaps.Take(2).ShouldBe([new AreaGap("BUS", "Business and labour market", 41, 2, 3.75m), new AreaGap("LANG", "Language", 70, 1, null)]);
        gaps.Skip(2).ShouldAllBe(g => g.Score == null);
        gaps.Single(g => g.PolicyAreaCode == "WELC").ShouldBe(new AreaGap("WELC", "Welcoming newcomers", null, 1, 3.5m));
        gaps.Single(g => g.PolicyAreaCode == "MEDIA").MappedActions.ShouldBe(0);
    }

    [Fact]
    public void a_later_comparison_for_the_same_band_replaces_the_earlier_one_and_publishing_is_dated()
    {
        var review = Review();
        ComparisonRecorded Compared(decimal mean) => new(review.Id, "riga", new Comparison(ComparisonGroup.PopBand, 200_000, null, 41, "ICC 2021",
            null, mean), Guid.Empty, "coordinator", Now);

        review = ReviewDetailsProjection.Apply(Compared(60), ReviewDetailsProjection.Apply(Compared(55), review));
        review = ReviewDetailsProjection.Apply(new ReviewAdvanced(review.Id, "riga", ReviewStatus.Published, Guid.Empty, "coordinator", Now), review);

        review.Comparisons.Single().SampleMean.ShouldBe(60);
        review.PublishedAt.ShouldBe(Now);
    }
}
