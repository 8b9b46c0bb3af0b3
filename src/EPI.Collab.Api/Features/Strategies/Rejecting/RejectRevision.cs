using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Strategies.Rejecting;

/// <param name="Version">The strategy stream version the coordinator saw (optimistic concurrency).</param>
/// <param name="Reason">Why the revision is turned down (1–500 characters).</param>
/// <param name="DecisionId">The recorded decision of this city behind the rejection, if there is one.</param>
public sealed record RejectRevision([property: ExpectedVersion] int Version, [property: StringLength(500, MinimumLength = 1)] string Reason,
    Guid? DecisionId = null)
{
    public static RejectRevision Example => new(3, "The council's round table preferred the housing measure.", null);

    public Validation Check() => new Validation().RequireLength(Reason, "reason", 1, 500);
}

public static class RejectRevisionEndpoint
{
    public static async Task<(IEventStream<Strategy>, DecisionRecord?)> LoadAsync(RejectRevision command, string cityId, IDocumentSession session,
        CancellationToken ct) =>
        (await StrategyStream.FetchAsync(session, cityId, ct),
            command.DecisionId is { } id ? await session.LoadAsync<DecisionRecord>(id, ct) : null);

    public static ProblemDetails Validate(RejectRevision command, IEventStream<Strategy> stream, DecisionRecord? decision, string cityId, Guid revisionId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : StrategyProblems.Unusable(command.Version, stream, cityId)
        ?? (stream.Aggregate!.Pending.All(p => p.RevisionId != revisionId)
            ? Problems.NotFound($"There is no proposed revision {revisionId} awaiting adoption.")
            : command.DecisionId is { } id && decision is null ? Problems.RuleViolated($"There is no decision {id} in this city.")
            : WolverineContinue.NoProblems);

    /// <summary>The decision: the revision leaves the pending list; the document stays as it is.</summary>
    public static RevisionRejected Decide(Strategy strategy, Guid revisionId, RejectRevision command, Actor actor, DateTimeOffset now) =>
        new(strategy.Id, strategy.CityId, revisionId, command.Reason.Trim(), command.DecisionId, actor.Id, actor.Role, now);

    /// <summary>Reject a proposed revision, for a reason and optionally on a recorded decision (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/strategy/revisions/{revisionId}/reject", OperationId = "RejectRevision")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Strategy")]
    public static StrategyChanged Post(RejectRevision command, Guid revisionId, IEventStream<Strategy> stream, Actor actor, DateTimeOffset now)
    {
        stream.AppendOne(Decide(stream.Aggregate!, revisionId, command, actor, now));
        return new StrategyChanged(stream.Aggregate!.Version + 1, revisionId);
    }
}
