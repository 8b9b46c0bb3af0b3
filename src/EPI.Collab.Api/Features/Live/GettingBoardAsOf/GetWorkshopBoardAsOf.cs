using EPI.Collab.Api.Features.Audit;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Api.Infrastructure;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Live;

/// <summary>The instant asked about and the board folded up to it (null when the workshop was not scheduled by then).</summary>
public sealed record BoardThen(Instant Then, WorkshopBoard? Board);

public static class GetWorkshopBoardAsOfEndpoint
{
    public static async Task<BoardThen> LoadAsync(Guid workshopId, DateTimeOffset? asOf, [Range(1, 1_000_000_000_000)] long? sequence, IQuerySession session,
        IDocumentStore store, CancellationToken ct)
    {
        // Only the sequence is resolved: the board's own fold says whether the workshop was scheduled by then (no board: 404).
        var then = new Instant(sequence ?? await EventLog.SequenceAtAsync(store, session.TenantId, asOf, ct), null);
        return new(then, await FoldAsync(session, store, workshopId, then, ct));
    }

    public static ProblemDetails Validate(BoardThen board, Guid workshopId) =>
        board.Board is null ? Instant.NotThen(workshopId) : WolverineContinue.NoProblems;

    /// <summary>
    /// The workshop board as it was at a past instant or sequence: every event naming the workshop, up to then, folded by
    /// the live board's own fold, with the results of visible rounds counted as the relay counts them.
    /// </summary>
    [WolverineGet("/api/cities/{cityId}/audit/workshops/{workshopId}/board", OperationId = "GetAuditWorkshopBoardAsOf")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    public static async Task<AsOf<WorkshopBoard>> Get(Guid workshopId, BoardThen board, RevealContext reveal, CancellationToken ct) =>
        Respond(board.Then, board.Board!, await reveal.ForAsync(workshopId, board.Board!.SealedTexts(), ct));

    /// <summary>The one place the answer is shaped from the folded board: proposal texts revealed as the reader may see them.</summary>
    public static AsOf<WorkshopBoard> Respond(Instant then, WorkshopBoard board, Revealer revealer) => new(then.Sequence, board.Revealed(revealer));

    /// <summary>
    /// Folds like <see cref="LiveRelay"/>: events in sequence order through <see cref="WorkshopBoardFold"/> (from the nearest
    /// stored state, <see cref="StoredFolds"/>), then, for every
    /// round an event asked to recount, the results at that instant when the round showed them then. <c>position</c> stays 0:
    /// feed positions are given per batch of the relay, not per event, so they are not a function of the log.
    /// The log after the stored state is read while the rounds the stored state already names are recounted.
    /// </summary>
    public static async Task<WorkshopBoard?> FoldAsync(IQuerySession session, IDocumentStore store, Guid workshopId, Instant then,
        CancellationToken ct)
    {
        var stored = await StoredFolds.NearestBoardAsync(session, workshopId, then.Sequence, ct);
        var folding = StoredFolds.FoldBoardAsync(store, session.TenantId, workshopId, then.Sequence, stored, ct);
        var results = new Dictionary<Guid, RoundResults?>();
        try
        {
            foreach (var roundId in stored?.Recount ?? []) results[roundId] = await ResultsThenAsync(session, store, roundId, then, ct);
        }
        finally
        {
            await folding.ContinueWith(_ => { }, TaskScheduler.Default); // never left running on its own
        }
        var (board, recount) = await folding;
        if (board is null) return null; // not a workshop, or not scheduled by then
        foreach (var roundId in recount)
        {
            if (!results.TryGetValue(roundId, out var counted)) counted = await ResultsThenAsync(session, store, roundId, then, ct);
            if (counted is not null) board = VotingBoardFold.WithResults(board, counted);
        }
        return board;
    }

    /// <summary>A round's results as they stood then, when it showed them then (null: it did not).</summary>
    private static async Task<RoundResults?> ResultsThenAsync(IQuerySession session, IDocumentStore store, Guid roundId, Instant then,
        CancellationToken ct)
    {
        // The sums of its ballots then are read while the round itself is folded (they are dropped if it hid its results).
        var sums = StoredFolds.SumsAtAsync(store, session.TenantId, roundId, then.Sequence, ct);
        var roundThen = await Instant.ResolveAsync(store, session.TenantId, roundId, null, then.Sequence, ct);
        var round = await StoredStates.AggregateAsync<VotingRound>(session, roundId, roundThen.StreamVersion!.Value, ct);
        var counted = await sums;
        // A secret round's results only from its close on (between two ballots they would tell one ballot).
        return round is { ResultsVisible: true } && (!round.Rules.Secret || round.Status == RoundStatus.Closed)
            ? Tally.Count(round, counted, round.Paper ?? [])
            : null;
    }
}
