using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Voting.Closing;

public sealed record CloseRound([property: ExpectedVersion] int Version)
{
    public static CloseRound Example => new(1);
}

public static class CloseRoundEndpoint
{
    public static ProblemDetails Validate(VotingRound? round, Guid workshopId, Guid roundId) =>
        round is null || round.WorkshopId != workshopId ? RoundProblems.NotFound(roundId)
        : round.Status == RoundStatus.Closed ? Problems.RuleViolated("The round is already closed.")
        : WolverineContinue.NoProblems;

    /// <summary>
    /// Close the round. Close is final: the exclusive advisory lock is taken before the close is written, so every
    /// ballot transaction that read the round as open has committed first, and every later one finds it closed.
    /// The round's key is deleted with the close: secret ballots can no longer be linked to anyone.
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/close", OperationId = "CloseRound")]
    [Authorize(Policy = Policies.CityStaff), Tags("Voting")]
    public static async Task<(UpdatedAggregate, Events, IMartenOp)> Post(CloseRound command, [WriteAggregate("roundId")] VotingRound round,
        IDocumentSession session, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await AdvisoryLocks.Exclusive(session, round.Id, ct);
        return (new UpdatedAggregate(), [new RoundClosed(round.Id, round.WorkshopId, actor.Id, actor.Role, now)],
            MartenOps.Delete<RoundKey>(round.Id));
    }
}
