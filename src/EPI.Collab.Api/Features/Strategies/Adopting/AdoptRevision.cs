using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Strategies.Adopting;

/// <param name="Version">The strategy stream version the facilitator saw (optimistic concurrency).</param>
public sealed record AdoptRevision([property: ExpectedVersion] int Version)
{
    public static AdoptRevision Example => new(2);
}

public static class AdoptRevisionEndpoint
{
    public static Task<IEventStream<Strategy>> LoadAsync(string cityId, IDocumentSession session, CancellationToken ct) =>
        StrategyStream.FetchAsync(session, cityId, ct);

    public static ProblemDetails Validate(AdoptRevision command, IEventStream<Strategy> stream, string cityId, Guid revisionId) =>
        StrategyProblems.Unusable(command.Version, stream, cityId)
        ?? (stream.Aggregate!.Pending.FirstOrDefault(p => p.RevisionId == revisionId) is not { } pending
            ? Problems.NotFound($"There is no proposed revision {revisionId} awaiting adoption.")
            : RevisionRules.Misfit(stream.Aggregate.Document, pending.Changes) is { } misfit
                ? Problems.RuleViolated($"The strategy changed since this revision was proposed. {misfit}")
            : WolverineContinue.NoProblems);

    /// <summary>The decision: the revision takes the next revision number.</summary>
    public static RevisionAdopted Decide(Strategy strategy, Guid revisionId, Actor actor, DateTimeOffset now) =>
        new(strategy.Id, strategy.CityId, revisionId, strategy.RevisionNo + 1, actor.Id, actor.Role, now);

    /// <summary>Adopt a proposed revision: its changes become the strategy's next revision (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/strategy/revisions/{revisionId}/adopt", OperationId = "AdoptRevision")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Strategy")]
    public static StrategyChanged Post(AdoptRevision command, Guid revisionId, IEventStream<Strategy> stream, Actor actor,
        DateTimeOffset now)
    {
        var adopted = Decide(stream.Aggregate!, revisionId, actor, now);
        stream.AppendOne(adopted);
        return new StrategyChanged(stream.Aggregate!.Version + 1, revisionId, adopted.RevisionNo);
    }
}
