using System.Text.Json;
using System.Text.Json.Nodes;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Voting.GettingResults;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Audit.Recounting;

/// <param name="Recounted">The results recomputed from the events with the round's pinned algorithm.</param>
/// <param name="Recorded">The results the service reports now (counted from the stored ballot documents).</param>
/// <param name="Differences">One line per differing field, e.g. <c>options[0].score: 2 ≠ 1</c>.</param>
public sealed record Recount(bool Matches, RoundResults Recounted, RoundResults Recorded, IReadOnlyList<string> Differences);

public static class RecountRoundEndpoint
{
    /// <summary>Every tally algorithm a round may pin; a new version is added here, old ones are never changed.</summary>
    public static readonly IReadOnlyDictionary<string, Func<VotingRound, IReadOnlyList<Tally.CountedBallot>, IReadOnlyList<PaperTallyEntered>, RoundResults>>
        Algorithms = new Dictionary<string, Func<VotingRound, IReadOnlyList<Tally.CountedBallot>, IReadOnlyList<PaperTallyEntered>, RoundResults>>
        {
            [Tally.AlgorithmVersion] = Tally.Count
        };

    public static ProblemDetails Validate(VotingRound? round, Guid roundId) =>
        round is null ? RoundProblems.NotFound(roundId)
        : !Algorithms.ContainsKey(round.AlgorithmVersion)
            ? Problems.RuleViolated($"The round pins the unknown tally algorithm '{round.AlgorithmVersion}'.").WithCode("algorithm-unknown")
        : !round.ResultsVisible ? Problems.RuleViolated("The results of this round are hidden until it closes.").WithCode("results-hidden")
        : WolverineContinue.NoProblems;

    /// <summary>Recounts a round from its events with its pinned algorithm and compares with the results the service reports.</summary>
    [WolverineGet("/api/cities/{cityId}/audit/rounds/{roundId}/recount", OperationId = "RecountRound")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static async Task<Recount> Get(string cityId, [Entity("roundId", Required = false)] VotingRound round, IQuerySession session, IDocumentStore store,
        ILogger<Recount> logger, CancellationToken ct) => Logged(logger, cityId, round, await RecountAsync(session, store, round, ct));

    /// <summary>The round's events replayed with its pinned algorithm (known, see <see cref="Validate"/>), against the reported results.</summary>
    public static async Task<Recount> RecountAsync(IQuerySession session, IDocumentStore store, VotingRound round, CancellationToken ct)
    {
        var now = await Instant.ResolveAsync(store, session.TenantId, round.Id, null, long.MaxValue, ct);
        // The round's stream and every ballot stream of the round folded from their first events: no stored state is trusted.
        var then = (await session.Events.AggregateStreamAsync<VotingRound>(round.Id, version: now.StreamVersion!.Value, token: ct))!;
        var ballots = await EventLog.BallotsAtAsync(store, session.TenantId, round.Id, now.Sequence, ct);
        var recounted = Algorithms[round.AlgorithmVersion](then, [.. ballots.Select(Tally.CountedBallot.Of)], then.Paper ?? []);
        var recorded = await GetRoundResultsEndpoint.CountAsync(session, round, ct);
        var differences = Diff("", Node(recounted), Node(recorded)).ToList();
        return new Recount(differences.Count == 0, recounted, recorded, differences);
    }

    public static Recount Logged(ILogger logger, string cityId, VotingRound round, Recount recount)
    {
        if (!recount.Matches)
            logger.LogError("RECOUNT MISMATCH in city {CityId}, round {RoundId}: the recorded results differ from the events: {Differences}",
                cityId, round.Id, string.Join("; ", recount.Differences));
        return recount;
    }

    private static JsonNode? Node(RoundResults results) => JsonSerializer.SerializeToNode(results, EventLog.Json);

    private static IEnumerable<string> Diff(string path, JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (JsonObject x, JsonObject y) => x.Select(p => p.Key).Union(y.Select(p => p.Key))
            .SelectMany(k => Diff(path.Length == 0 ? k : $"{path}.{k}", x[k], y[k])),
        (JsonArray x, JsonArray y) => Enumerable.Range(0, Math.Max(x.Count, y.Count))
            .SelectMany(i => Diff($"{path}[{i}]", i < x.Count ? x[i] : null, i < y.Count ? y[i] : null)),
        _ => JsonNode.DeepEquals(a, b) ? [] : [$"{path}: {a?.ToJsonString() ?? "null"} ≠ {b?.ToJsonString() ?? "null"}"]
    };
}
