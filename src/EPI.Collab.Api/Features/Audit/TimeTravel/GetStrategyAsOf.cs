using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.TimeTravel;

/// <summary>The instant asked about, or why the question cannot be answered.</summary>
public sealed record StrategyThen(Instant? Then, ProblemDetails? Problem);

public static class GetStrategyAsOfEndpoint
{
    /// <summary><c>version=v</c> names the strategy stream's own version (the instant of its v-th event); else as <see cref="Instant"/>.</summary>
    public static async Task<StrategyThen> LoadAsync(string cityId, DateTimeOffset? asOf, [Range(1, 1_000_000_000_000)] long? sequence, [Range(1, ContractBounds.MaxVersion)] int? version, IQuerySession session,
        IDocumentStore store, CancellationToken ct)
    {
        var validation = new Validation()
            .Require(new object?[] { asOf, sequence, version }.Count(x => x is not null) <= 1, "version", "Name at most one of asOf, version or sequence.")
            .Require(version is null or >= 1, "version", "1 or more.");
        if (!validation.IsValid) return new(null, validation.ToProblem());
        var id = StrategyStream.Id(cityId);
        var then = version is { } v
            ? await EventLog.SequenceOfAsync(store, session.TenantId, id, v, ct) is { } s ? new Instant(s, v) : new Instant(0, null)
            : await Instant.ResolveAsync(store, session.TenantId, id, asOf, sequence, ct);
        return new(then, then.StreamVersion is null ? Problems.NotFound($"The city '{cityId}' had no strategy (or no such version) then.") : null);
    }

    public static ProblemDetails Validate(StrategyThen strategy) => strategy.Problem ?? WolverineContinue.NoProblems;

    /// <summary>The city's strategy (document, status, revisions) as it was at a past instant, sequence or stream version.</summary>
    [WolverineGet("/api/cities/{cityId}/audit/strategy", OperationId = "GetAuditStrategyAsOf")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    public static async Task<AsOf<StrategyDetails>> Get(string cityId, StrategyThen strategy, IQuerySession session, CancellationToken ct) =>
        new(strategy.Then!.Sequence, (await StoredStates.AggregateAsync<StrategyDetails>(session, StrategyStream.Id(cityId),
            strategy.Then.StreamVersion!.Value, ct))!);
}
