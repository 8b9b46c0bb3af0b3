using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Pilots;
using EPI.Collab.Api.Features.Pilots.ChangingStatus;
using EPI.Collab.Api.Features.Pilots.Evaluating;
using EPI.Collab.Api.Features.Pilots.GettingDashboard;
using EPI.Collab.Api.Features.Pilots.Launching;
using EPI.Collab.Api.Features.Pilots.Observing;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Pilots;

public class PilotTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task a_pilot_tests_an_existing_measure_flagged_as_pilot()
    {
        var setting = await PilotSetting.Prepare(App);

        (await setting.Plan(setting.Plain.Id)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await setting.Plan(Guid.CreateVersion7())).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await setting.Plan(setting.Measure.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task the_lifecycle_refuses_skipped_steps_and_pauses_and_resumes()
    {
        var setting = await PilotSetting.Prepare(App);
        var pilot = await setting.Planned();

        (await pilot.Post("/status", new ChangePilotStatus(pilot.Version, PilotStatus.Running, new DateOnly(2021, 3, 1))))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        pilot = await pilot.Do("/launch", new LaunchPilot(pilot.Version, new DateOnly(2021, 3, 1)));
        (await pilot.Post("/launch", new LaunchPilot(pilot.Version, new DateOnly(2021, 3, 1)))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        pilot = await pilot.Do("/status", new ChangePilotStatus(pilot.Version, PilotStatus.Running, new DateOnly(2021, 3, 1)));
        pilot = await pilot.Do("/status", new ChangePilotStatus(pilot.Version, PilotStatus.Paused, new DateOnly(2021, 8, 1), "Summer closure"));
        pilot = await pilot.Do("/status", new ChangePilotStatus(pilot.Version, PilotStatus.Running, new DateOnly(2021, 9, 1)));
        (await pilot.Post("/evaluations", EvaluatePilot.Example with { Version = pilot.Version })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        pilot = await pilot.Do("/status", new ChangePilotStatus(pilot.Version, PilotStatus.Completed, new DateOnly(2022, 1, 31)));
        pilot = await pilot.Do("/evaluations", EvaluatePilot.Example with { Version = pilot.Version });

        var details = await pilot.Details();
        details.Status.ShouldBe(PilotStatus.Evaluated);
        details.History.Select(h => h.Status).ShouldBe([PilotStatus.Launched, PilotStatus.Running, PilotStatus.Paused, PilotStatus.Running,
            PilotStatus.Completed]);
        details.EndedOn.ShouldBe(new DateOnly(2022, 1, 31));
        details.Evaluations.Single().Recommendation.ShouldBe(Recommendation.Adapt);
        (await pilot.Post("/status", new ChangePilotStatus(pilot.Version, PilotStatus.Running, new DateOnly(2022, 2, 1))))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task a_stale_version_is_a_conflict()
    {
        var setting = await PilotSetting.Prepare(App);
        var pilot = await setting.Running(new DateOnly(2021, 3, 1));

        (await pilot.Post("/status", new ChangePilotStatus(pilot.Version - 1, PilotStatus.Paused, new DateOnly(2021, 4, 1))))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task observations_are_on_indicators_of_the_measure_or_its_objective_and_feed_the_dashboard()
    {
        var setting = await PilotSetting.Prepare(App);
        var pilot = await setting.Running(DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-11));

        (await pilot.Post("/observations", new RecordObservation(pilot.Version, setting.Elsewhere.Id, new DateOnly(2021, 3, 1), new DateOnly(2021, 5, 31), 3m)))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await pilot.Post("/observations", new RecordObservation(pilot.Version, setting.OnMeasure.Id, new DateOnly(2021, 3, 1), new DateOnly(2021, 2, 1), 3m)))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        pilot = await pilot.Observe(setting.OnMeasure.Id, "2021-05-31", 250m);
        pilot = await pilot.Observe(setting.OnMeasure.Id, "2021-08-31", 480m);
        pilot = await pilot.Observe(setting.OnObjective.Id, "2021-08-31", 30m);

        var dashboard = await (await setting.Strategy.Staff.GetAsync($"/api/cities/{setting.Strategy.CityId}/dashboard")).Read<CityDashboard>();

        var rows = dashboard.Objectives.Single().Indicators;
        rows.Select(r => r.IndicatorId).ShouldBe([setting.OnMeasure.Id, setting.OnObjective.Id, setting.Elsewhere.Id]);
        rows[0].Latest!.Value.ShouldBe(480m);
        rows[0].Progress.ShouldBe(0.48m);
        rows[1].Progress.ShouldBe(0.25m);
        rows[2].Latest.ShouldBeNull();
        var run = dashboard.Pilots.Single();
        run.MonthsRunning.ShouldBe(11);
        run.MeetsTenMonths.ShouldBeTrue();
        (await pilot.Details()).Observations.Count.ShouldBe(3);
    }

    [Fact]
    public async Task other_cities_may_not_plan_or_read_pilots_and_observers_read_the_published_dashboard_only()
    {
        var setting = await PilotSetting.Prepare(App);
        var pilot = await setting.Planned();
        var riga = await App.ClientFor("coordinator.riga");
        var observer = await App.ClientFor("observer");

        (await setting.Plan(setting.Measure.Id, riga)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await riga.GetAsync(pilot.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await observer.GetAsync(pilot.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await observer.GetAsync($"/api/cities/{setting.Strategy.CityId}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await riga.PostAsJsonAsync($"{pilot.Url}/evaluations", EvaluatePilot.Example with { Version = pilot.Version }, Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_evaluation_without_findings_is_a_400()
    {
        var setting = await PilotSetting.Prepare(App);
        var pilot = await setting.Planned();

        (await pilot.Post("/evaluations", new EvaluatePilot(pilot.Version, EvaluatorType.Self, [new LocalizedText("xx", "")], Recommendation.Stop)))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
