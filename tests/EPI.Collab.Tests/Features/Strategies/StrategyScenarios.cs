using System.Net.Http.Json;
using EPI.Collab.Api.Features.Decisions.Recording;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.Adopting;
using EPI.Collab.Api.Features.Strategies.Advancing;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Features.Strategies.Revising;
using EPI.Collab.Api.Features.Strategies.Starting;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Strategies;

/// <summary>Strategy items and changes to build revisions from, in tests.</summary>
public static class Items
{
    public static StrategicObjective Objective(Guid? id = null, string text = "Newcomers reach all services through one door.") =>
        new(id ?? Guid.CreateVersion7(), [new LocalizedText("en", text)], ["PUBSERV", "WELC"], [EPI.Collab.Api.Features.Strategies.EpiTheme.BasicServicesHealth]);

    public static Measure Measure(Guid objectiveId, Guid? id = null, string title = "EPI One-Stop-Shop", bool pilot = true,
        IReadOnlyList<Guid>? origins = null) =>
        new(id ?? Guid.CreateVersion7(), objectiveId, title, "An online platform and an in-person desk.", Guid.CreateVersion7(), [],
            ["TCN_NEWCOMERS"], new Timeline(new DateOnly(2021, 3, 1), new DateOnly(2022, 2, 28), [new Milestone("Desk opens", new DateOnly(2021, 4, 1))]),
            new Budget(40000m, "EUR", BudgetSource.Amif), pilot, origins ?? []);

    public static Indicator Indicator(Guid? measureId = null, Guid? objectiveId = null, Guid? id = null, decimal baseline = 0m, decimal target = 1000m) =>
        new(id ?? Guid.CreateVersion7(), "Newcomers counselled", IndicatorType.Output, "persons", new Measurement(baseline, new DateOnly(2021, 1, 1)),
            new Measurement(target, new DateOnly(2022, 1, 31)), IndicatorFrequency.Quarterly, objectiveId, measureId);

    public static StrategyChange Add(StrategicObjective o) => new(ChangeKind.AddObjective, Objective: o);
    public static StrategyChange Add(Measure m) => new(ChangeKind.AddMeasure, Measure: m);
    public static StrategyChange Add(Indicator i) => new(ChangeKind.AddIndicator, Indicator: i);
    public static StrategyChange Update(Measure m) => new(ChangeKind.UpdateMeasure, Measure: m);
}

/// <summary>A city's strategy driven through the public API, with the version it was last seen at.</summary>
public sealed record StrategyUnderWay(AppFixture App, HttpClient Staff, string CityId, int Version)
{
    public string Url => $"/api/cities/{CityId}/strategy";

    public static async Task<StrategyUnderWay> Start(AppFixture app, string coordinator = "coordinator.cluj", string cityId = "cluj-napoca")
    {
        var staff = await app.ClientFor(coordinator);
        (await staff.PostAsJsonAsync($"/api/cities/{cityId}/strategy", StartStrategy.Example, Json.Options)).EnsureSuccessStatusCode();
        return new StrategyUnderWay(app, staff, cityId, 1);
    }

    public Task<HttpResponseMessage> Propose(ProposeRevision command, HttpClient? client = null) =>
        (client ?? Staff).PostAsJsonAsync($"{Url}/revisions", command, Json.Options);

    public ProposeRevision Revision(params StrategyChange[] changes) =>
        new(Version, RevisionReason.PublicComment, null, "Additions from the integration conference", changes);

    /// <summary>Proposes and adopts a revision; returns the strategy at its new version.</summary>
    public async Task<(StrategyUnderWay, StrategyChanged)> Revise(ProposeRevision command)
    {
        var proposed = await (await Propose(command with { Version = Version })).Read<StrategyChanged>();
        var adopted = await (await Staff.PostAsJsonAsync($"{Url}/revisions/{proposed.RevisionId}/adopt", new AdoptRevision(proposed.Version),
            Json.Options)).Read<StrategyChanged>();
        return (this with { Version = adopted.Version }, adopted);
    }

    public Task<HttpResponseMessage> Advance(StrategyStatus to, Adoption? adoption = null) =>
        Staff.PostAsJsonAsync($"{Url}/status", new AdvanceStrategy(Version, to, adoption), Json.Options);

    public async Task<StrategyUnderWay> AdvanceOk(StrategyStatus to, Adoption? adoption = null) =>
        this with { Version = (await (await Advance(to, adoption)).Read<StrategyChanged>()).Version };

    public async Task<StrategyDetails> Details(HttpClient? client = null) => await (await (client ?? Staff).GetAsync(Url)).Read<StrategyDetails>();

    /// <summary>Takes the strategy to ADOPTED_PILOT (consultation, then council adoption).</summary>
    public async Task<StrategyUnderWay> Adopted() => await (await AdvanceOk(StrategyStatus.Consultation))
        .AdvanceOk(StrategyStatus.AdoptedPilot, new Adoption("Cluj-Napoca Local Council", new DateOnly(2021, 2, 25)));
}

/// <summary>A decision recorded through the API on a closed round of a Cluj round table.</summary>
public sealed record RecordedDecision(Guid DecisionId, VotingRoom Room)
{
    public static async Task<RecordedDecision> Record(AppFixture app)
    {
        var room = await VotingRoom.Open(app, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false), proposals: 2);
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1));
        (await room.Close()).EnsureSuccessStatusCode();
        var created = await (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/decisions", new RecordDecision([room.Round.RoundId],
            "top 1 by approvals", [room.Proposals[0]], new LocalizedText("en", "Most supported.")), Json.Options)).Read<Scenarios.Created>();
        return new RecordedDecision(created.Value, room);
    }
}
