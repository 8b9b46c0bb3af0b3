using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Strategies.Revising;

/// <param name="Version">The strategy stream version the facilitator saw (optimistic concurrency).</param>
/// <param name="DecisionId">The recorded decision of this city behind the revision; required for ROUND_TABLE_OUTCOME.</param>
/// <param name="Changes">Applied in order; an added item may name its own id so later changes can refer to it.</param>
public sealed record ProposeRevision([property: ExpectedVersion] int Version, RevisionReason Reason, Guid? DecisionId, [property: StringLength(500, MinimumLength = 1)] string Summary, [property: Length(1, RevisionRules.MaxChanges)] IReadOnlyList<StrategyChange> Changes)
{
    public static readonly Guid ExampleObjectiveId = new("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b60");

    public static ProposeRevision Example => new(1, RevisionReason.RoundTableOutcome, new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5f"),
        "Round table 2: a one-stop shop for newcomers",
        [
            new(ChangeKind.AddObjective, Objective: new(ExampleObjectiveId, [new("en", "Newcomers reach all services through one door.")],
                ["PUBSERV", "WELC"], [EpiTheme.BasicServicesHealth, EpiTheme.Inclusion])),
            new(ChangeKind.AddMeasure, Measure: new(Guid.Empty, ExampleObjectiveId, "EPI One-Stop-Shop",
                "An online platform and an in-person desk for information, counselling and referral.",
                new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b61"), [], ["TCN_NEWCOMERS", "REFUGEES"],
                new(new DateOnly(2021, 3, 1), new DateOnly(2022, 2, 28), [new("Desk opens", new DateOnly(2021, 4, 1))]),
                new(40000m, "EUR", BudgetSource.Amif), true, [new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c")]))
        ]);

    public Validation Check() => new Validation()
        .Require(Enum.IsDefined(Reason) && Reason != RevisionReason.MethodTemplate, "reason", "ROUND_TABLE_OUTCOME, PUBLIC_COMMENT, MONITORING_FINDING or COUNCIL_AMENDMENT.")
        .Require(Reason != RevisionReason.RoundTableOutcome || DecisionId is not null, "decisionId",
            "A round-table outcome names the decision it came from.")
        .RequireLength(Summary, "summary", 1, 500)
        .CheckChanges(Changes);
}

public static class ProposeRevisionEndpoint
{
    public static async Task<(IEventStream<Strategy>, DecisionRecord?)> LoadAsync(ProposeRevision command, string cityId,
        IDocumentSession session, CancellationToken ct) =>
        (await StrategyStream.FetchAsync(session, cityId, ct),
            command.DecisionId is { } id ? await session.LoadAsync<DecisionRecord>(id, ct) : null);

    public static ProblemDetails Validate(ProposeRevision command, IEventStream<Strategy> stream, DecisionRecord? decision, string cityId)
    {
        if (command.Check() is { IsValid: false } invalid) return invalid.ToProblem();
        if (StrategyProblems.Unusable(command.Version, stream, cityId) is { } unusable) return unusable;
        var strategy = stream.Aggregate!;
        return strategy.Status == StrategyStatus.IntegratedIntoLongTermPlan
                ? Problems.RuleViolated("The strategy is part of the long-term plan; it takes no more revisions.")
            : command.DecisionId is { } id && decision is null ? Problems.RuleViolated($"There is no decision {id} in this city.")
            : RevisionRules.Misfit(strategy.Document, Changes(strategy, command)) is { } misfit ? Problems.RuleViolated(misfit)
            : WolverineContinue.NoProblems;
    }

    private static IReadOnlyList<StrategyChange> Changes(Strategy strategy, ProposeRevision command) =>
        StrategyStream.WithIds(StrategyStream.RevisionId(strategy.Id, strategy.Version), command.Changes);

    /// <summary>The decision: the changes wait as a proposed revision, with ids for new items.</summary>
    public static RevisionProposed Decide(Strategy strategy, ProposeRevision command, Actor actor, DateTimeOffset now) =>
        new(strategy.Id, strategy.CityId, StrategyStream.RevisionId(strategy.Id, strategy.Version), command.Reason, command.DecisionId,
            command.Summary.Trim(), Changes(strategy, command), actor.Id, actor.Role, now);

    /// <summary>Propose a revision of the city's strategy (coordinator); it changes the strategy once adopted.</summary>
    [WolverinePost("/api/cities/{cityId}/strategy/revisions", OperationId = "ProposeRevision")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Strategy")]
    public static StrategyChanged Post(ProposeRevision command, IEventStream<Strategy> stream, Actor actor, DateTimeOffset now)
    {
        var proposed = Decide(stream.Aggregate!, command, actor, now);
        stream.AppendOne(proposed);
        return new StrategyChanged(stream.Aggregate!.Version + 1, proposed.RevisionId);
    }
}
