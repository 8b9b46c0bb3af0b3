using EPI.Collab.Api.Features.Pilots;
using EPI.Collab.Api.Features.Pilots.ChangingStatus;
using EPI.Collab.Api.Features.Pilots.Evaluating;
using EPI.Collab.Api.Features.Pilots.GettingDashboard;
using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.Pilots.Observing;
using EPI.Collab.Api.Features.Pilots.Planning;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Tests.Features.Strategies;

namespace EPI.Collab.Tests.Features.Pilots;

/// <summary>The pure parts of pilots: lifecycle rules, validation, months running and the dashboard calculation.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class PilotDecisionTests
{
    private static readonly DateTimeOffset Now = new(2021, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(PilotStatus.Launched, PilotStatus.Running, true)]
    [InlineData(PilotStatus.Running, PilotStatus.Paused, true)]
    [InlineData(PilotStatus.Paused, PilotStatus.Running, true)]
    [InlineData(PilotStatus.Running, PilotStatus.Completed, true)]
    [InlineData(PilotStatus.Paused, PilotStatus.Discontinued, true)]
    [InlineData(PilotStatus.Planned, PilotStatus.Running, false)]
    [InlineData(PilotStatus.Completed, PilotStatus.Running, false)]
    [InlineData(PilotStatus.Launched, PilotStatus.Paused, false)]
    [InlineData(PilotStatus.Evaluated, PilotStatus.Discontinued, false)]
    public void a_pilot_moves_only_along_its_lifecycle(PilotStatus from, PilotStatus to, bool allowed) => Pilot.CanMove(from, to).ShouldBe(allowed);

    [Fact]
    public void examples_are_valid_and_bad_input_names_its_fields()
    {
        PlanPilot.Example.Check().IsValid.ShouldBeTrue();
        RecordObservation.Example.Check().IsValid.ShouldBeTrue();
        EvaluatePilot.Example.Check().IsValid.ShouldBeTrue();
        ChangePilotStatus.Example.Check().IsValid.ShouldBeTrue();
        new ChangePilotStatus(1, PilotStatus.Evaluated, default).Check().IsValid.ShouldBeFalse();
        new RecordObservation(1, Guid.CreateVersion7(), new DateOnly(2021, 3, 1), new DateOnly(2021, 2, 1), 1m, -1).Check().IsValid.ShouldBeFalse();
        (PlanPilot.Example with { PlannedEnd = new DateOnly(2020, 1, 1) }).Check().IsValid.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2021-03-01", null, "2021-06-01", 3)]
    [InlineData("2021-03-15", null, "2021-06-14", 2)]
    [InlineData("2021-03-01", "2022-01-01", "2023-01-01", 10)]
    [InlineData("2021-03-01", "2021-12-31", "2023-01-01", 9)]
    [InlineData(null, null, "2023-01-01", 0)]
    public void months_running_count_whole_months_from_launch_to_end_or_today(string? launch, string? ended, string today, int months) =>
        CityDashboard.MonthsRunning(launch is null ? null : DateOnly.Parse(launch), ended is null ? null : DateOnly.Parse(ended), DateOnly.Parse(today))
            .ShouldBe(months);

    [Theory]
    [InlineData(0, 1000, 250, 0.25)]
    [InlineData(40, 20, 30, 0.5)]
    [InlineData(0, 100, 120, 1.2)]
    public void progress_is_the_share_of_the_way_from_baseline_to_target(decimal baseline, decimal target, decimal latest, decimal progress) =>
        CityDashboard.Progress(baseline, target, latest).ShouldBe(progress);

    [Fact]
    public void progress_is_unknown_without_an_observation_or_a_distance() =>
        (CityDashboard.Progress(0, 10, null), CityDashboard.Progress(5, 5, 7)).ShouldBe((null, null));

    [Fact]
    public void the_dashboard_orders_indicators_by_objective_with_the_latest_observation()
    {
        var first = Items.Objective(text: "First");
        var second = Items.Objective(text: "Second");
        var measure = Items.Measure(second.Id);
        var onMeasure = Items.Indicator(measureId: measure.Id, target: 1000m);
        var onFirst = Items.Indicator(objectiveId: first.Id, baseline: 10m, target: 20m);
        var draft = StrategyDocument.Draft("t", [new LocalizedText("en", "v")]);
        var document = draft.Apply([Items.Add(first), Items.Add(second), Items.Add(measure), Items.Add(onMeasure), Items.Add(onFirst)]);
        var strategy = new StrategyDetails(Guid.CreateVersion7(), "cluj-napoca", StrategyStatus.Piloting, null, 1, document, draft, [], Now);
        var pilot = new PilotDetails(Guid.CreateVersion7(), "cluj-napoca", measure.Id, "Pilot", PilotStatus.Running, new DateOnly(2021, 3, 1),
            new DateOnly(2022, 1, 31), new DateOnly(2020, 6, 1), null, [], [], [],
            [Observation(onMeasure.Id, "2021-05-31", 400m), Observation(onMeasure.Id, "2021-02-28", 100m)], []);

        var dashboard = CityDashboard.Build(strategy, [pilot], new DateOnly(2021, 6, 1));

        dashboard.Objectives.Select(o => o.ObjectiveId).ShouldBe([first.Id, second.Id]);
        dashboard.Objectives[0].Indicators.Single().Latest.ShouldBeNull();
        var row = dashboard.Objectives[1].Indicators.Single();
        row.Latest!.Value.ShouldBe(400m);
        row.Progress.ShouldBe(0.4m);
        dashboard.Pilots.Single().MonthsRunning.ShouldBe(12);
        dashboard.Pilots.Single().MeetsTenMonths.ShouldBeTrue();
    }

    private static Observation Observation(Guid indicatorId, string periodTo, decimal value) =>
        new(indicatorId, DateOnly.Parse(periodTo).AddMonths(-3), DateOnly.Parse(periodTo), value, (int)value, "register", "facilitator", Now);

    [Fact]
    public void a_pilot_observes_indicators_of_its_measure_and_of_the_measures_objective()
    {
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id);
        var other = Items.Measure(objective.Id);
        var onMeasure = Items.Indicator(measureId: measure.Id);
        var onObjective = Items.Indicator(objectiveId: objective.Id);
        var onOther = Items.Indicator(measureId: other.Id);
        var document = StrategyDocument.Draft("t", []).Apply([Items.Add(objective), Items.Add(measure), Items.Add(other), Items.Add(onMeasure),
            Items.Add(onObjective), Items.Add(onOther)]);

        Pilot.Observes(document, measure.Id, onMeasure.Id).ShouldBeTrue();
        Pilot.Observes(document, measure.Id, onObjective.Id).ShouldBeTrue();
        Pilot.Observes(document, measure.Id, onOther.Id).ShouldBeFalse();
    }
}
