using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.TimeTravel;

/// <summary>The round as it is now (for its visibility rule) and the instant asked about.</summary>
/// <param name="SecretAndOpenThen">A secret round that was still open then: results between two ballots would tell one ballot's marks and time.</param>
public sealed record RoundThen(VotingRound? Now, Instant Then, bool SecretAndOpenThen = false);

public static class GetRoundResultsAsOfEndpoint
{
    public static async Task<RoundThen> LoadAsync(Guid roundId, DateTimeOffset? asOf, [Range(1, 1_000_000_000_000)] long? sequence,
        IQuerySession session, IDocumentStore store, CancellationToken ct)
    {
        var now = await session.LoadAsync<VotingRound>(roundId, ct);
        var then = await Instant.ResolveAsync(store, session.TenantId, roundId, asOf, sequence, ct);
        var secretAndOpen = now is { Rules.Secret: true } && then.StreamVersion is { } version
            && await StoredStates.AggregateAsync<VotingRound>(session, roundId, version, ct) is not { Status: RoundStatus.Closed };
        return new(now, then, secretAndOpen);
    }

    // Results hidden until the close stay hidden from everyone, auditors included, while the round is open.
    public static ProblemDetails Validate(RoundThen round, Guid roundId) =>
        round.Now is null ? RoundProblems.NotFound(roundId)
        : round.Then.StreamVersion is null ? Instant.NotThen(roundId)
        : !round.Now.ResultsVisible ? Problems.RuleViolated("The results of this round are hidden until it closes.").WithCode("results-hidden")
        : round.SecretAndOpenThen
            ? Problems.RuleViolated("A secret round's results are replayed only from its close on: between two ballots they would tell one ballot.")
                .WithCode("secret-round-as-of")
        : WolverineContinue.NoProblems;

    /// <summary>The results of a round as they were at a past instant or sequence, replayed from the events up to it.</summary>
    [WolverineGet("/api/cities/{cityId}/audit/rounds/{roundId}/results", OperationId = "GetAuditRoundResultsAsOf")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static async Task<AsOf<RoundResults>> Get(Guid roundId, RoundThen round, IQuerySession session,
        IDocumentStore store, CancellationToken ct) =>
        new(round.Then.Sequence, await CountAsync(session, store, roundId, round.Then, ct));

    /// <summary>
    /// The round (its rules, paper tallies and status) folded up to the instant and the sums of its ballots then (from the
    /// nearest stored states, <see cref="StoredStates"/> and <see cref="StoredFolds"/>), counted by tally-v1.
    /// </summary>
    public static async Task<RoundResults> CountAsync(IQuerySession session, IDocumentStore store, Guid roundId, Instant then,
        CancellationToken ct)
    {
        var sums = StoredFolds.SumsAtAsync(store, session.TenantId, roundId, then.Sequence, ct); // while the round is folded
        var round = (await StoredStates.AggregateAsync<VotingRound>(session, roundId, then.StreamVersion!.Value, ct))!;
        return Tally.Count(round, await sums, round.Paper ?? []);
    }
}
