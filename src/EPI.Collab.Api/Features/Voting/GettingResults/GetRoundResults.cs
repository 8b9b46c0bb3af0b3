using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Voting.GettingResults;

public static class GetRoundResultsEndpoint
{
    public static ProblemDetails Validate(VotingRound? round, Guid workshopId, Guid roundId) =>
        round is null || round.WorkshopId != workshopId ? RoundProblems.NotFound(roundId)
        : !round.ResultsVisible ? Problems.RuleViolated("The results of this round are hidden until it closes.").WithCode("results-hidden")
        : WolverineContinue.NoProblems;

    /// <summary>Counts a round from its current ballots and paper tallies (every ballot committed before the close).</summary>
    public static async Task<RoundResults> CountAsync(IQuerySession session, VotingRound round, CancellationToken ct)
    {
        var ballots = await session.Query<Ballot>().Where(b => b.RoundId == round.Id && !b.Voided).ToListAsync(ct);
        return Tally.Count(round, ballots.Select(Tally.CountedBallot.Of).ToList(), round.Paper ?? []);
    }

    /// <summary>The results of a round, per option and channel, with a breakdown by stakeholder group.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/results", OperationId = "GetRoundResults")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Voting")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static Task<RoundResults> Get(Guid roundId, [Entity("roundId", Required = false)] VotingRound round, IQuerySession session, CancellationToken ct) =>
        CountAsync(session, round, ct);
}
