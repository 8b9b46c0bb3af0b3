using System.Net;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Audit;

public sealed class StrategyAsOfTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task the_strategy_as_of_each_revision_and_adoption_equals_the_strategy_read_then()
    {
        var snapshots = new List<(long Sequence, DateTimeOffset At, StrategyDetails Strategy)>();
        async Task Snapshot(StrategyUnderWay s)
        {
            var details = await s.Details();
            var (sequence, at) = await App.LogHead();
            snapshots.Add((sequence, at, details));
        }

        var strategy = await StrategyUnderWay.Start(App);
        await Snapshot(strategy);
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id);
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Add(objective), Items.Add(measure)));
        await Snapshot(strategy);
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Update(measure with { Title = "EPI One-Stop-Shop (online)" })));
        await Snapshot(strategy);
        strategy = await strategy.Adopted();
        await Snapshot(strategy);
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Add(Items.Indicator(measureId: measure.Id))));
        await Snapshot(strategy);

        var auditor = await App.ClientFor("auditor");
        var url = $"/api/cities/{strategy.CityId}/audit/strategy";
        foreach (var (sequence, at, then) in snapshots)
        {
            var bySequence = await (await auditor.GetAsync($"{url}?sequence={sequence}")).Read<AsOf<StrategyDetails>>();
            var byTime = await (await auditor.GetAsync($"{url}?asOf={Uri.EscapeDataString(at.ToString("O"))}")).Read<AsOf<StrategyDetails>>();
            var byVersion = await (await auditor.GetAsync($"{url}?version={then.Version}")).Read<AsOf<StrategyDetails>>();
            AuditScenarios.Canonical(bySequence.State).ShouldBe(AuditScenarios.Canonical(then));
            AuditScenarios.Canonical(byTime.State).ShouldBe(AuditScenarios.Canonical(then));
            AuditScenarios.Canonical(byVersion.State).ShouldBe(AuditScenarios.Canonical(then));
        }
        snapshots[3].Strategy.Status.ShouldBe(StrategyStatus.AdoptedPilot);
        snapshots.Select(s => s.Strategy.Version).ShouldBeUnique();
    }

    [Fact]
    public async Task a_strategy_before_its_start_or_an_ambiguous_instant_is_refused()
    {
        var before = await App.LogHead();
        var strategy = await StrategyUnderWay.Start(App);
        var auditor = await App.ClientFor("auditor");
        var url = $"/api/cities/{strategy.CityId}/audit/strategy";

        (await auditor.GetAsync($"{url}?sequence={before.Sequence}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await auditor.GetAsync($"{url}?version=9")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await auditor.GetAsync($"{url}?version=1&sequence=5")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await App.ClientFor("observer")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
