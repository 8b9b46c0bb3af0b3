using EPI.Collab.Api.Features.CrossCity;
using EPI.Collab.Api.Features.Pilots;
using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;

namespace EPI.Collab.Tests.Features.CrossCity;

[Trait(Lane.Name, Lane.Unit)]
public class CrossCityViewTests
{
    private static readonly DateTimeOffset At = new(2021, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static ReviewDetails Review(string cityId, ReviewStatus status, params (string Area, int Score)[] scores) =>
        new(Guid.CreateVersion7(), cityId, "ICC Index 2019", "2019", null, null, status,
            [.. scores.Select(s => new AreaScore(s.Area, s.Score, [new LocalizedText("en", "n")], [], At))], [], [], [], At,
            status == ReviewStatus.Published ? At : null);

    private static StrategyDetails Strategy(string cityId, StrategyStatus status)
    {
        var document = StrategyDocument.Draft("Strategy", [new LocalizedText("en", "Vision")]);
        return new StrategyDetails(Guid.CreateVersion7(), cityId, status, null, 2, document, document, [], At);
    }

    private static PilotDetails Pilot(string cityId) => new(Guid.CreateVersion7(), cityId, Guid.CreateVersion7(), "Pilot", PilotStatus.Running,
        new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31), new DateOnly(2021, 1, 1), null, [], [], [], [], []);

    [Fact]
    public void areas_follow_the_icc_list_and_cities_their_id_never_the_score()
    {
        var view = CrossCityView.Build(
            [Review("ravenna", ReviewStatus.Published, ("BUS", 90), ("COMMIT", 10)), Review("cluj-napoca", ReviewStatus.Published, ("BUS", 20))],
            [], [], new DateOnly(2021, 6, 1));

        view.Areas.Select(a => a.PolicyAreaCode).ShouldBe(["COMMIT", "BUS"]);
        view.Areas[1].Cities.Select(c => c.CityId).ShouldBe(["cluj-napoca", "ravenna"]);
        view.Note.ShouldContain("not a ranking");
    }

    [Fact]
    public void unpublished_reviews_and_strategies_before_adoption_are_left_out()
    {
        var view = CrossCityView.Build(
            [Review("riga", ReviewStatus.Validated, ("LANG", 50)), Review("linkoping", ReviewStatus.Published, ("LANG", 53))],
            [Strategy("riga", StrategyStatus.Consultation), Strategy("linkoping", StrategyStatus.AdoptedPilot)],
            [Pilot("riga"), Pilot("linkoping")], new DateOnly(2021, 6, 1));

        view.Areas.Single().Cities.Select(c => c.CityId).ShouldBe(["linkoping"]);
        view.Strategies.Select(s => s.CityId).ShouldBe(["linkoping"]);
        view.Strategies.Single().Pilots.Single().MonthsRunning.ShouldBe(5);
    }

    [Fact]
    public void the_view_has_no_rank_field()
    {
        string[] types = [nameof(CrossCityView), nameof(AreaScores), nameof(CityScore), nameof(CityStrategyProgress)];
        typeof(CrossCityView).Assembly.GetTypes().Where(t => types.Contains(t.Name) && t.Namespace!.EndsWith("CrossCity"))
            .SelectMany(t => t.GetProperties()).ShouldNotContain(p => p.Name.Contains("Rank", StringComparison.OrdinalIgnoreCase));
    }
}
