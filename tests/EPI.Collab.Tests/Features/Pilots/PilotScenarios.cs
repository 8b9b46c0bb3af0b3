using System.Net.Http.Json;
using EPI.Collab.Api.Features.Pilots;
using EPI.Collab.Api.Features.Pilots.ChangingStatus;
using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.Pilots.Launching;
using EPI.Collab.Api.Features.Pilots.Observing;
using EPI.Collab.Api.Features.Pilots.Planning;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Pilots;

/// <summary>An adopted Cluj strategy with one objective, a pilot measure (and a non-pilot one) and indicators on both levels.</summary>
public sealed record PilotSetting(StrategyUnderWay Strategy, StrategicObjective Objective, Measure Measure, Measure Plain, Indicator OnMeasure,
    Indicator OnObjective, Indicator Elsewhere)
{
    public static async Task<PilotSetting> Prepare(AppFixture app)
    {
        var strategy = await StrategyUnderWay.Start(app);
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id);
        var plain = Items.Measure(objective.Id, title: "Welcome packs", pilot: false);
        var onMeasure = Items.Indicator(measureId: measure.Id, target: 1000m);
        var onObjective = Items.Indicator(objectiveId: objective.Id, baseline: 20m, target: 60m);
        var elsewhere = Items.Indicator(measureId: plain.Id);
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Add(objective), Items.Add(measure), Items.Add(plain), Items.Add(onMeasure),
            Items.Add(onObjective), Items.Add(elsewhere)));
        return new PilotSetting(await strategy.Adopted(), objective, measure, plain, onMeasure, onObjective, elsewhere);
    }

    public string PilotsUrl => $"/api/cities/{Strategy.CityId}/pilots";

    public Task<HttpResponseMessage> Plan(Guid measureId, HttpClient? client = null) =>
        (client ?? Strategy.Staff).PostAsJsonAsync(PilotsUrl, PlanPilot.Example with { MeasureId = measureId }, Json.Options);

    public async Task<PilotRun> Planned() =>
        new(this, (await (await Plan(Measure.Id)).Read<Scenarios.Created>()).Value, 1);

    /// <summary>A pilot launched on <paramref name="launch"/> and running.</summary>
    public async Task<PilotRun> Running(DateOnly launch)
    {
        var pilot = await Planned();
        pilot = await pilot.Do("/launch", new LaunchPilot(pilot.Version, launch));
        return await pilot.Do("/status", new ChangePilotStatus(pilot.Version, PilotStatus.Running, launch));
    }
}

public sealed record PilotRun(PilotSetting Setting, Guid Id, int Version)
{
    public string Url => $"{Setting.PilotsUrl}/{Id}";

    public Task<HttpResponseMessage> Post(string path, object command) => Setting.Strategy.Staff.PostAsJsonAsync(Url + path, command, Json.Options);

    public async Task<PilotRun> Do(string path, object command) => this with { Version = (await (await Post(path, command)).Read<Pilot>()).Version };

    public Task<PilotRun> Observe(Guid indicatorId, string periodTo, decimal value) => Do("/observations",
        new RecordObservation(Version, indicatorId, DateOnly.Parse(periodTo).AddMonths(-3).AddDays(1), DateOnly.Parse(periodTo), value, (int)value, "desk register"));

    public async Task<PilotDetails> Details() => await (await Setting.Strategy.Staff.GetAsync(Url)).Read<PilotDetails>();
}
