using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.Recounting;

/// <param name="NotCounted">Why the round was not recounted (<c>results-hidden</c> while it is open, <c>algorithm-unknown</c>); else null.</param>
public sealed record RoundRecount(Guid RoundId, VotingMethod Method, string AlgorithmVersion, RoundStatus Status, Recount? Recount,
    string? NotCounted);

/// <param name="Matches">True when every recounted round matches (rounds not counted do not make it false).</param>
public sealed record WorkshopRecount(Guid WorkshopId, bool Matches, IReadOnlyList<RoundRecount> Rounds);

public static class RecountWorkshopEndpoint
{
    public static async Task<(StreamState?, IReadOnlyList<VotingRound>)> LoadAsync(Guid workshopId, IQuerySession session, CancellationToken ct) =>
        (await session.Events.FetchStreamStateAsync(workshopId, ct),
            [.. (await session.Query<VotingRound>().Where(r => r.WorkshopId == workshopId).ToListAsync(ct)).OrderBy(r => r.Id)]);

    public static ProblemDetails Validate(StreamState? workshop, Guid workshopId) =>
        workshop is null ? Problems.NotFound($"There is no workshop {workshopId} in this city.") : WolverineContinue.NoProblems;

    /// <summary>Every round of a workshop recounted as <c>RecountRound</c> does, in the order they were opened.</summary>
    [WolverineGet("/api/cities/{cityId}/audit/workshops/{workshopId}/recount", OperationId = "RecountWorkshop")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    public static async Task<WorkshopRecount> Get(string cityId, Guid workshopId, IReadOnlyList<VotingRound> rounds, IQuerySession session,
        IDocumentStore store, ILogger<Recount> logger, CancellationToken ct)
    {
        var lines = new List<RoundRecount>();
        foreach (var round in rounds)
        {
            var notCounted = !RecountRoundEndpoint.Algorithms.ContainsKey(round.AlgorithmVersion) ? "algorithm-unknown"
                : !round.ResultsVisible ? "results-hidden" : null;
            var recount = notCounted is null
                ? RecountRoundEndpoint.Logged(logger, cityId, round, await RecountRoundEndpoint.RecountAsync(session, store, round, ct))
                : null;
            lines.Add(new RoundRecount(round.Id, round.Rules.Method, round.AlgorithmVersion, round.Status, recount, notCounted));
        }
        return new WorkshopRecount(workshopId, lines.All(l => l.Recount?.Matches != false), lines);
    }
}
