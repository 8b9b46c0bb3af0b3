using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Strategies.Advancing;

/// <param name="Version">The strategy stream version the coordinator saw (optimistic concurrency).</param>
/// <param name="To">The next status; only one step forward.</param>
/// <param name="Adoption">Required to enter ADOPTED_PILOT: the adopting body (e.g. the city council) and the date.</param>
public sealed record AdvanceStrategy([property: ExpectedVersion] int Version, StrategyStatus To, Adoption? Adoption = null)
{
    public static AdvanceStrategy Example => new(4, StrategyStatus.AdoptedPilot, new("Cluj-Napoca Local Council", new DateOnly(2021, 2, 25)));

    public Validation Check() => new Validation()
        .Require(Enum.IsDefined(To), "to", "A strategy status.")
        .Require(To != StrategyStatus.AdoptedPilot || Adoption is not null, "adoption", "Adoption records the adopting body and date.")
        .RequireLength(Adoption?.Body ?? "-", "adoption.body", 1, RevisionRules.MaxTitle);
}

public static class AdvanceStrategyEndpoint
{
    public static Task<IEventStream<Strategy>> LoadAsync(string cityId, IDocumentSession session, CancellationToken ct) =>
        StrategyStream.FetchAsync(session, cityId, ct);

    public static ProblemDetails Validate(AdvanceStrategy command, IEventStream<Strategy> stream, string cityId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : StrategyProblems.Unusable(command.Version, stream, cityId)
        ?? (command.To != stream.Aggregate!.Status + 1
            ? Problems.RuleViolated($"The strategy is {stream.Aggregate.Status}; it moves forward one step at a time.")
            : WolverineContinue.NoProblems);

    /// <summary>The decision: one step on; the adoption is kept only where the strategy is adopted.</summary>
    public static StrategyAdvanced Decide(Strategy strategy, AdvanceStrategy command, Actor actor, DateTimeOffset now) =>
        new(strategy.Id, strategy.CityId, strategy.Status, command.To,
            command.To == StrategyStatus.AdoptedPilot ? command.Adoption! with { Body = command.Adoption.Body.Trim() } : null,
            actor.Id, actor.Role, now);

    /// <summary>Move the strategy one status forward (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/strategy/status", OperationId = "AdvanceStrategy")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Strategy")]
    public static StrategyChanged Post(AdvanceStrategy command, IEventStream<Strategy> stream, Actor actor, DateTimeOffset now)
    {
        stream.AppendOne(Decide(stream.Aggregate!, command, actor, now));
        return new StrategyChanged(stream.Aggregate!.Version + 1);
    }
}
