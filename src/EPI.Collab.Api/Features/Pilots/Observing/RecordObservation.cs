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

namespace EPI.Collab.Api.Features.Pilots.Observing;

/// <param name="Version">The pilot version the data owner saw (optimistic concurrency).</param>
/// <param name="IndicatorId">An indicator of the pilot's measure or of that measure's objective.</param>
/// <param name="N">How many cases the value is based on, where known (aggregate only; no personal data).</param>
public sealed record RecordObservation([property: ExpectedVersion] int Version, Guid IndicatorId, DateOnly PeriodFrom, DateOnly PeriodTo, [property: Range(-1_000_000_000_000, 1_000_000_000_000)] decimal Value, [property: Range(0, 100_000_000)] int? N = null,
    [property: StringLength(500)] string? SourceRef = null)
{
    public static RecordObservation Example => new(3, new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b63"), new DateOnly(2021, 3, 1),
        new DateOnly(2021, 5, 31), 412m, 412, "One-Stop-Shop desk register, Q1");

    public Validation Check() => new Validation()
        .Require(IndicatorId != Guid.Empty, "indicatorId", "The indicator observed.")
        .Require(PeriodTo >= PeriodFrom, "periodTo", "Not before the start of the period.");
}

public static class RecordObservationEndpoint
{
    public static Task<Strategy?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<Strategy>(StrategyStream.Id(cityId), ct);

    public static ProblemDetails Validate(RecordObservation command, Pilot? pilot, Strategy? strategy, Guid pilotId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : pilot is null ? PilotProblems.NotFound(pilotId)
        : !pilot.Observable ? Problems.RuleViolated($"Observations are recorded once the pilot is launched and until it is evaluated; it is {pilot.Status}.")
        : strategy is null || !Pilot.Observes(strategy.Document, pilot.MeasureId, command.IndicatorId)
            ? Problems.RuleViolated($"Indicator {command.IndicatorId} is not on this pilot's measure or its objective.")
        : WolverineContinue.NoProblems;

    public static ObservationRecorded Decide(Pilot pilot, RecordObservation c, Actor actor, DateTimeOffset now) =>
        new(pilot.Id, pilot.CityId, c.IndicatorId, c.PeriodFrom, c.PeriodTo, c.Value, c.N, c.SourceRef?.Trim(), actor.Id, actor.Role, now);

    /// <summary>Record an indicator's value over a period (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/pilots/{pilotId}/observations", OperationId = "RecordObservation")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Pilots")]
    public static (UpdatedAggregate, Events) Post(RecordObservation command, [WriteAggregate] Pilot pilot, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(pilot, command, actor, now)]);
}
