using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Pilots.Planning;

/// <param name="MeasureId">A measure of the city's strategy flagged as a pilot.</param>
/// <param name="Sites">Where it runs, e.g. "Casa de Cultură a Studenților".</param>
public sealed record PlanPilot(Guid MeasureId, [property: StringLength(200, MinimumLength = 1)] string Title, DateOnly PlannedLaunch, DateOnly PlannedEnd, [property: Length(0, 50), ItemLength(1, 200)] IReadOnlyList<string>? Sites = null,
    [property: Length(0, 20), UniqueItems] IReadOnlyList<DeliveryChannel>? Channels = null)
{
    public static PlanPilot Example => new(new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b62"), "EPI One-Stop-Shop pilot",
        new DateOnly(2021, 3, 1), new DateOnly(2022, 1, 31), ["City Hall, ground floor"], [DeliveryChannel.OnlinePlatform, DeliveryChannel.InPersonDesk]);

    public Validation Check()
    {
        var v = new Validation()
            .Require(MeasureId != Guid.Empty, "measureId", "The measure under test.")
            .RequireLength(Title, "title", 1, 200)
            .Require(PlannedEnd >= PlannedLaunch, "plannedEnd", "Not before the planned launch.")
            .Require((Channels ?? []).All(Enum.IsDefined), "channels", "Unknown delivery channel.");
        foreach (var (site, i) in (Sites ?? []).Select((s, i) => (s, i))) v.RequireLength(site, $"sites[{i}]", 1, 200);
        return v;
    }
}

public static class PlanPilotEndpoint
{
    public static Task<Strategy?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<Strategy>(StrategyStream.Id(cityId), ct);

    public static ProblemDetails Validate(PlanPilot command, Strategy? strategy, string cityId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : strategy is null ? StrategyProblems.NotStarted(cityId)
        : strategy.Document.Measures.FirstOrDefault(m => m.Id == command.MeasureId) is not { } measure
            ? Problems.RuleViolated($"The strategy has no measure {command.MeasureId}.")
        : !measure.Pilot ? Problems.RuleViolated("This measure is not flagged as a pilot in the strategy.")
        : WolverineContinue.NoProblems;

    public static PilotPlanned Decide(PlanPilot command, string cityId, Guid pilotId, Actor actor, DateTimeOffset now) =>
        new(pilotId, cityId, command.MeasureId, command.Title.Trim(), command.PlannedLaunch, command.PlannedEnd,
            [.. (command.Sites ?? []).Select(s => s.Trim())], [.. (command.Channels ?? []).Distinct()], actor.Id, actor.Role, now);

    /// <summary>Plan a pilot of a strategy measure flagged as a pilot (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/pilots", OperationId = "PlanPilot")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Pilots")]
    public static (CreationResponse<Guid>, IStartStream) Post(PlanPilot command, string cityId, Actor actor, DateTimeOffset now)
    {
        var planned = Decide(command, cityId, Guid.CreateVersion7(now), actor, now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/pilots/{planned.PilotId}", planned.PilotId),
            MartenOps.StartStream<Pilot>(planned.PilotId, planned));
    }
}
