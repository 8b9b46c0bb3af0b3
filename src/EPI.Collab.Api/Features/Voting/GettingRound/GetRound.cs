using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Voting.GettingRound;

public static class GetRoundEndpoint
{
    public static ProblemDetails Validate(VotingRound? round, Guid workshopId, Guid roundId) =>
        round is null || round.WorkshopId != workshopId ? RoundProblems.NotFound(roundId) : WolverineContinue.NoProblems;

    /// <summary>A round's options, rules, status and current version (also its ETag), for close, rule changes and paper tallies.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}", OperationId = "GetRound")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Voting")]
    public static VotingRound Get(Guid roundId, [Entity("roundId", Required = false)] VotingRound round) => round;
}
