using EPI.Collab.Api.Features.CrossCity;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Demo;
using EPI.Collab.Api.Features.Pilots.GettingDashboard;
using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Features.Strategies.Tracing;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EPI.Collab.Tests.Features.Demo;

public class DemoSeedTests(AppFixture app) : IntegrationTest(app)
{
    private const string Cluj = "/api/cities/cluj-napoca";

    private Task<IReadOnlyList<string>> Seed() => DemoSeed.RunAsync(App.Client(), App.Services.GetRequiredService<TokenIssuer>(), App.Store);

    [Fact]
    public async Task cluj_has_a_published_review_closed_round_tables_with_decisions_and_an_adopted_strategy()
    {
        (await Seed()).ShouldBe(["cluj-napoca", "ravenna", "linkoping"]);
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(15));
        var auditor = await App.ClientFor("auditor");

        var review = (await (await auditor.GetAsync($"{Cluj}/reviews")).Read<List<ReviewDetails>>()).ShouldHaveSingleItem();
        review.Status.ShouldBe(ReviewStatus.Published);
        review.AreaScores.Count.ShouldBe(4);
        var workshops = await (await auditor.GetAsync($"{Cluj}/workshops")).Read<List<CityWorkshop>>();
        workshops.Count.ShouldBe(2);
        workshops.ShouldAllBe(w => w.Status == WorkshopStatus.Closed);
        foreach (var workshop in workshops)
            (await (await auditor.GetAsync($"{Cluj}/workshops/{workshop.Id}/decisions")).Read<List<DecisionRecord>>()).ShouldHaveSingleItem();

        var strategy = await (await auditor.GetAsync($"{Cluj}/strategy")).Read<StrategyDetails>();
        strategy.Status.ShouldBe(StrategyStatus.Piloting);
        strategy.Adopted.Count().ShouldBe(2);
        strategy.Adopted.ShouldAllBe(r => r.DecisionId != null);
    }

    [Fact]
    public async Task clujs_pilot_measure_traces_to_a_decision_with_rounds_and_proposals_and_has_observations()
    {
        await Seed();
        var auditor = await App.ClientFor("auditor");
        var pilot = (await (await auditor.GetAsync($"{Cluj}/pilots")).Read<List<PilotDetails>>()).ShouldHaveSingleItem();

        var trace = await (await auditor.GetAsync($"{Cluj}/strategy/measures/{pilot.MeasureId}/trace")).Read<MeasureTrace>();
        trace.AddedIn.Decision.ShouldNotBeNull().RoundIds.ShouldNotBeEmpty();
        trace.AddedIn.Decision.AdoptedProposals.ShouldNotBeEmpty();
        trace.OriginProposals.ShouldNotBeEmpty();
        pilot.Observations.Count.ShouldBe(6);
        var dashboard = await (await auditor.GetAsync($"{Cluj}/dashboard")).Read<CityDashboard>();
        dashboard.Objectives.SelectMany(o => o.Indicators).Where(i => i.Latest != null).Count().ShouldBe(2);
    }

    [Fact]
    public async Task running_the_seed_twice_adds_nothing()
    {
        await Seed();
        var before = await EventCount();

        (await Seed()).ShouldBeEmpty();

        (await EventCount()).ShouldBe(before);
    }

    private async Task<long> EventCount()
    {
        await using var session = App.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.AnyTenant()).LongCountAsync();
    }

    [Fact]
    public async Task the_cross_city_view_shows_the_seeded_scores_by_area_and_no_rank()
    {
        await Seed();
        var response = await (await App.ClientFor("observer")).GetAsync("/api/cross-city");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("\"rank", Case.Insensitive);

        var view = await response.Read<CrossCityView>();
        var order = PolicyAreas.All.Select(a => a.Code).ToList();
        view.Areas.Select(a => order.IndexOf(a.PolicyAreaCode)).ShouldBeInOrder();
        view.Areas.Single(a => a.PolicyAreaCode == "BUS").Cities.Select(c => c.CityId).ShouldBe(["cluj-napoca", "linkoping", "ravenna"]);
        view.Strategies.Select(s => s.CityId).ShouldBe(["cluj-napoca", "linkoping", "ravenna"]);
        view.Strategies.ShouldAllBe(s => s.Pilots.Count == 1 && s.Indicators.Any(i => i.Latest != null));
    }
}
